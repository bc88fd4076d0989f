import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type BuildResult = { ok: boolean; output: string; seconds: number }

/** Runs the real site build (`pnpm build`: astro + pagefind) from a CMS into `outDir`. */
export function buildSite(
  cmsUrl: string,
  siteUrl: string,
  outDir: string,
  extra: Record<string, string> = {},
): BuildResult {
  const started = Date.now()
  const env = { ...process.env, CMS_URL: cmsUrl, SITE_URL: siteUrl, SITE_OUT_DIR: outDir, ...extra }
  const astro = spawnSync(path.join(siteDir, 'node_modules/.bin/astro'), ['build'], {
    cwd: siteDir,
    env,
    encoding: 'utf8',
  })
  let output = `${astro.stdout}\n${astro.stderr}`
  let ok = astro.status === 0
  if (ok) {
    const pagefind = spawnSync(
      path.join(siteDir, 'node_modules/.bin/pagefind'),
      ['--site', outDir, '--glob', '**/*.html'],
      { cwd: siteDir, env, encoding: 'utf8' },
    )
    output += `\n${pagefind.stdout}\n${pagefind.stderr}`
    ok = pagefind.status === 0
  }
  return { ok, output, seconds: (Date.now() - started) / 1000 }
}
