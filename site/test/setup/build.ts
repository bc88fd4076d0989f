import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** `dir`: the built site (the target's `live` folder); `result`: the JSON line publish.ts prints last. */
export type BuildResult = { ok: boolean; output: string; seconds: number; dir: string; result: Record<string, unknown> }

/** One run of scripts/publish.ts into the folder `target`, with that target's own cache. */
export function publishSite(
  cmsUrl: string,
  siteUrl: string,
  target: string,
  { env = {}, flags = [] }: { env?: Record<string, string>; flags?: string[] } = {},
): BuildResult {
  const started = Date.now()
  const run = spawnSync(process.execPath, [path.join(siteDir, 'scripts/publish.ts'), target, ...flags], {
    cwd: siteDir,
    env: { ...process.env, CMS_URL: cmsUrl, SITE_URL: siteUrl, SITE_CACHE_DIR: path.join(target, 'cache'), ...env },
    encoding: 'utf8',
  })
  return {
    ok: run.status === 0,
    output: `${run.stdout}\n${run.stderr}`,
    seconds: (Date.now() - started) / 1000,
    dir: path.join(target, 'live'),
    result: JSON.parse(run.stdout.trim().split('\n').at(-1) || '{}'),
  }
}

/**
 * Publishes the site from a CMS as the CMS does: the build (Astro, Pagefind), then the build that
 * prints the releases' PDFs and links them. A cold build: the target's cache starts empty.
 */
export function buildSite(cmsUrl: string, siteUrl: string, target: string, env: Record<string, string> = {}) {
  const build = publishSite(cmsUrl, siteUrl, target, { env })
  if (!build.ok) return build
  const pdfs = publishSite(cmsUrl, siteUrl, target, { env, flags: ['--pdfs'] })
  return { ...pdfs, output: `${build.output}\n${pdfs.output}`, seconds: build.seconds + pdfs.seconds }
}

/**
 * The same run as publishSite without blocking the test's own event loop, so the test can send
 * requests while the build runs and swaps.
 */
export function publishSiteInBackground(cmsUrl: string, siteUrl: string, target: string): Promise<BuildResult> {
  const started = Date.now()
  const child = spawn(process.execPath, [path.join(siteDir, 'scripts/publish.ts'), target], {
    cwd: siteDir,
    env: { ...process.env, CMS_URL: cmsUrl, SITE_URL: siteUrl, SITE_CACHE_DIR: path.join(target, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        ok: code === 0,
        output: `${stdout}\n${stderr}`,
        seconds: (Date.now() - started) / 1000,
        dir: path.join(target, 'live'),
        result: JSON.parse(stdout.trim().split('\n').at(-1) || '{}'),
      }),
    )
  })
}

/**
 * The built site in `dir` served by the site's own server on `port`, once it answers. A server that
 * ended instead (its port taken) fails here rather than leaving the tests to read another server.
 */
export async function serveSite(dir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(siteDir, 'scripts/serve.ts'), dir, '--port', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  })
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`the site server on port ${port} ended (exit ${server.exitCode})`)
    if (
      await fetch(`http://localhost:${port}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill('SIGTERM')
  throw new Error(`the site server on port ${port} did not answer within 10 s`)
}
