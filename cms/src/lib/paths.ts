import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The CMS package's folder. */
export const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The repository root; local data lives in its git-ignored `.data/` folder. */
export const repoRoot = path.dirname(cmsDir)
export const dataDir = path.join(repoRoot, '.data')
