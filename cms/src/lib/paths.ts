import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root; local data lives in its git-ignored `.data/` folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const dataDir = path.join(repoRoot, '.data')
