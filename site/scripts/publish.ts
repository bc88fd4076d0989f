/**
 * Builds the site from the CMS into a fresh folder, checks it, and only then points the served
 * `live` link at it (an atomic rename), so a failed build never replaces the site being served.
 *   node scripts/publish.ts <target-folder>      (CMS_URL and SITE_URL from the environment)
 * Prints one JSON line with the result last.
 */
import '@masterplan/shared/no-telemetry'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const target = path.resolve(process.argv[2] ?? path.join(siteDir, '../.data/site'))
const KEEP = 3

const countPages = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.html')).length

async function publish() {
  const started = Date.now()
  const builds = path.join(target, 'builds')
  await mkdir(builds, { recursive: true })
  const out = path.join(builds, new Date().toISOString().replace(/[:.]/g, '-'))
  const env = { ...process.env, SITE_OUT_DIR: out }
  const live = path.join(target, 'live')
  const next = path.join(target, `live.${process.pid}`)
  let pages: number
  try {
    for (const [command, args] of [
      ['astro', ['build']],
      ['pagefind', ['--site', out, '--glob', '**/*.html']],
    ] as const) {
      const result = spawnSync(path.join(siteDir, 'node_modules/.bin', command), [...args], { cwd: siteDir, env, stdio: ['ignore', 'inherit', 'inherit'] })
      if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}); the live site is unchanged`)
    }
    for (const required of ['index.html', '404.html', 'feed.xml', 'pagefind/pagefind.js']) {
      if (!existsSync(path.join(out, required))) throw new Error(`the new build lacks ${required}; the live site is unchanged`)
    }
    pages = countPages(out)
    // rename() over an existing link is atomic: readers see the old site or the new one, never half.
    await symlink(path.relative(target, out), next)
    await rename(next, live)
  } catch (error) {
    // A half-written build (a full disk, a failed step) must not stay behind and fill the disk further.
    await rm(next, { force: true })
    await rm(out, { recursive: true, force: true })
    throw error
  }
  const current = path.basename(await readlink(live))
  const old = (await readdir(builds)).sort().filter((name) => name !== current).slice(0, -KEEP + 1 || undefined)
  await Promise.all(old.map((name) => rm(path.join(builds, name), { recursive: true, force: true })))
  return { ok: true, folder: out, pages, seconds: (Date.now() - started) / 1000 }
}

try {
  console.log(JSON.stringify(await publish()))
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: (error as Error).message }))
  process.exit(1)
}
