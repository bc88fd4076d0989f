import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** `dir`: the built site (the target's `live` folder). */
export type BuildResult = { ok: boolean; output: string; seconds: number; dir: string }

/**
 * Publishes the site from a CMS into the folder `target` as the CMS does (scripts/publish.ts: Astro,
 * Pagefind, the PDFs of the releases), with its own cache: a cold build.
 */
export function buildSite(
  cmsUrl: string,
  siteUrl: string,
  target: string,
  extra: Record<string, string> = {},
): BuildResult {
  const started = Date.now()
  const result = spawnSync(process.execPath, [path.join(siteDir, 'scripts/publish.ts'), target], {
    cwd: siteDir,
    env: { ...process.env, CMS_URL: cmsUrl, SITE_URL: siteUrl, SITE_CACHE_DIR: path.join(target, 'cache'), ...extra },
    encoding: 'utf8',
  })
  return {
    ok: result.status === 0,
    output: `${result.stdout}\n${result.stderr}`,
    seconds: (Date.now() - started) / 1000,
    dir: path.join(target, 'live'),
  }
}
