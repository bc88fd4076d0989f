import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { readSiteEnv } from '@masterplan/shared'

const siteDir = path.resolve(import.meta.dirname, '..')
const repo = path.dirname(siteDir)

/** Astro's cache (image cache, incremental-build manifest and copies) and the site's own; kept between builds. */
export const siteCacheDir = () => path.resolve(siteDir, readSiteEnv().SITE_CACHE_DIR)

/** The printed PDFs of release pages (src/lib/pdf.ts); `astro build --force` leaves them, as they are named by content. */
export const sitePdfDir = () => path.join(siteCacheDir(), 'pdf')

/** Press photos in print quality with their metadata (src/lib/press-photos.ts), named by what they are made of. */
export const sitePressPhotoDir = () => path.join(siteCacheDir(), 'press-photos')

/** The CMS's documents as the last build read them (src/lib/content-store.ts); `publish.ts --full` deletes it. */
export const siteContentFile = () => path.join(siteCacheDir(), 'content', 'store.json')

/** What the site's pages are made of besides the CMS's data: its own code, styles and files, the shared contract, the lockfile. */
const INPUTS = [
  'site/src',
  // The printing of the releases' PDFs: a PDF is named by this digest, so a fix there prints them again.
  'site/scripts/pdfs.ts',
  'site/scripts/pdf',
  'site/public',
  'site/astro.config.mjs',
  'site/package.json',
  'shared/src',
  'shared/package.json',
  'pnpm-lock.yaml',
]

const filesOf = (entry: string): string[] => {
  const full = path.join(repo, entry)
  try {
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(repo, path.join(e.parentPath, e.name)))
  } catch {
    return [entry]
  }
}

/**
 * One digest of the site's code. Astro's incremental build hashes each route's own modules, but not
 * everything a page depends on (e.g. a data helper it calls through getStaticPaths); any change to
 * the code therefore gives a full build, which is what we want: when in doubt, build more.
 */
export function siteCodeDigest(): string {
  const hash = createHash('sha256')
  for (const file of INPUTS.flatMap(filesOf).sort())
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(repo, file)))
      .update('\0')
  return hash.digest('base64url')
}
