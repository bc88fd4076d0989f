#!/usr/bin/env node
/**
 * Builds the site from the CMS, checks it, and only then points the served `live` link at it (an
 * atomic rename), so a failed build never replaces the site being served.
 *   node scripts/publish.ts <target-folder> [--full]      (CMS_URL and SITE_URL from the environment)
 * Prints one JSON line with the result last.
 *
 * Builds are incremental (Astro's experimental.incrementalBuild, keys in src/lib/cache-key.ts): pages
 * whose inputs did not change come from the last build. `--full` renders and reads everything again
 * (the nightly safety net).
 *   node scripts/publish.ts <target-folder> --pdfs[=all]
 * prints the PDFs of new or changed releases from the live pages (scripts/pdfs.ts), a batch at a
 * time, and links them with an incremental build; the CMS runs it after a build that left some.
 */
import '@masterplan/shared/no-telemetry'
import type { PublishResult } from '@masterplan/shared'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, readlink, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { siteCacheDir, siteContentFile, sitePdfDir } from './build-inputs.ts'
import { missingPdfs, printMissingPdfs } from './pdfs.ts'
import { precompress } from './precompress.ts'
import { filesBelow, relinkUnchanged } from './relink-unchanged.ts'

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const full = args.includes('--full')
/** `--pdfs`: up to 100 PDFs, about ten seconds of printing, so a publish queued meanwhile waits little; `--pdfs=all`: every one. */
const pdfsArg = args.find((arg) => arg === '--pdfs' || arg === '--pdfs=all')
const printPdfs = pdfsArg !== undefined
const PDF_BATCH = pdfsArg === '--pdfs=all' ? Number.POSITIVE_INFINITY : 100
const target = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(siteDir, '../.data/site'))
const live = path.join(target, 'live')
/** Compressed copies of the text assets, by content hash, for scripts/serve.ts. */
const compressed = path.join(target, 'compressed')
const KEEP = 3

const filesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    : []

/** The pages the last build's incremental manifest records, as paths relative to the output folder. */
function recordedPages(cacheDir: string): Set<string> {
  try {
    const manifest = JSON.parse(readFileSync(path.join(cacheDir, 'incremental-build.json'), 'utf8')) as {
      routes: Record<string, { paths: Record<string, { outputFile: string }> }>
    }
    return new Set(
      Object.values(manifest.routes).flatMap((route) => Object.values(route.paths).map((p) => decodeURI(p.outputFile))),
    )
  } catch {
    return new Set()
  }
}

/**
 * Fills the build folder with Astro's copies of the last build's pages (`<cacheDir>/dist`) as hard
 * links, so Astro finds unchanged pages in place instead of copying them one by one. Links are safe
 * because nothing writes into these files: Astro writes a re-rendered page as a new file
 * (patches/astro@7.3.5.patch), so the live site, which shares them, never changes before the swap.
 */
async function prefill(out: string, cacheDir: string, force: boolean): Promise<string[]> {
  const copies = path.join(cacheDir, 'dist')
  if (force) {
    await rm(copies, { recursive: true, force: true })
    return []
  }
  if (!existsSync(copies)) return []
  link(copies, out)
  return filesIn(copies)
}

/**
 * A prefilled page this build no longer has (a deleted or unpublished document) must not survive.
 * Files written during this build (newer than `since`) are its own, whether Astro recorded them or not.
 */
async function removeStale(out: string, cacheDir: string, prefilled: string[], since: number): Promise<number> {
  const kept = recordedPages(cacheDir)
  const stale = prefilled.filter(
    (file) => !kept.has(file) && (statSync(path.join(out, file), { throwIfNoEntry: false })?.mtimeMs ?? 0) < since,
  )
  await Promise.all(
    stale.flatMap((file) => [
      rm(path.join(out, file), { force: true }),
      rm(path.join(cacheDir, 'dist', file), { force: true }),
    ]),
  )
  return stale.length
}

/**
 * A copy of a folder made of hard links (GNU cp; much faster than copying ten thousand small files),
 * or of real copies where the two are on different file systems (e.g. the cache outside the target).
 */
function link(from: string, to: string): void {
  const sameDisk = statSync(from).dev === statSync(path.dirname(to)).dev
  const result = spawnSync('cp', [sameDisk ? '-al' : '-a', `${from}/.`, to], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`copying ${from} into ${to} failed (exit ${result.status})`)
}

const countPages = (dir: string): number => filesIn(dir).filter((file) => file.endsWith('.html')).length

function run(command: 'astro' | 'pagefind', args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(path.join(siteDir, 'node_modules/.bin', command), args, {
    cwd: siteDir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status})`)
}

/** Points `live` at a build folder; rename() over an existing link is atomic: readers see the old site or the new one, never half. */
async function pointLiveAt(dir: string): Promise<void> {
  const next = path.join(target, `live.${process.pid}`)
  await rm(next, { force: true })
  await symlink(path.relative(target, dir), next)
  await rename(next, live)
}

/**
 * The search index for a build that is already live. Until it is ready the site searches with the
 * last build's index (copied in before the swap), so a new page is served without waiting for
 * Pagefind and becomes findable seconds later. A live folder is never changed (a server or an upload
 * may be reading it): the index is written outside, and a copy of the build with it (hard links, so
 * a fraction of a second) is swapped in as a build of its own.
 */
async function indexAndSwap(done: string, indexed: string): Promise<void> {
  const fresh = path.join(target, 'pagefind.next')
  await rm(fresh, { recursive: true, force: true })
  run('pagefind', ['--site', done, '--glob', '**/*.html', '--output-path', fresh])
  await rm(indexed, { recursive: true, force: true })
  link(done, indexed)
  await rm(path.join(indexed, 'pagefind'), { recursive: true, force: true })
  await rename(fresh, path.join(indexed, 'pagefind'))
  await finish(path.join(indexed, 'pagefind'), path.join(done, 'pagefind'))
  await pointLiveAt(indexed)
}

/** Unchanged bytes keep their file (and date) from the last build; text assets get compressed copies. */
async function finish(dir: string, previous: string | null, since = 0): Promise<void> {
  const files = await filesBelow(dir)
  await relinkUnchanged(dir, previous, since, files)
  await precompress(dir, compressed, files)
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Holds `lock` (a file with this process's pid) until the returned function is called; waits while
 * a live process holds it. A lock left by a process that died is taken over.
 */
async function holdLock(lock: string): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' })
      return () => rm(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(await readFile(lock, 'utf8').catch(() => '0'))
    // An hour-old lock is a dead process's whose pid was given to another one.
    const old = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 60 * 60_000
    if (holder && alive(holder) && !old) await new Promise((r) => setTimeout(r, 250))
    else await rm(lock, { force: true })
  }
}

/**
 * One publish at a time per target (its build folder is always the same): a second one waits. The
 * CMS runs one build at a time anyway; this covers `pnpm start`'s own first build and hand-run ones.
 */
const lockTarget = () => holdLock(path.join(target, 'publish.lock'))

/**
 * One Astro build at a time per checkout, whatever the target: with the output folder outside the
 * site's folder, Astro puts its prerender chunks into the site's own `.astro/.prerender`, and a
 * second build at once (test suites side by side) deleted the first one's chunks under it.
 */
async function astroBuild(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await mkdir(path.join(siteDir, '.astro'), { recursive: true })
  const unlock = await holdLock(path.join(siteDir, '.astro', 'build.lock'))
  try {
    run('astro', args, env)
  } finally {
    await unlock()
  }
}

async function publish() {
  await mkdir(target, { recursive: true })
  const unlock = await lockTarget()
  try {
    return await (printPdfs ? printAndLink() : publishLocked())
  } finally {
    await unlock()
  }
}

/** One build: Astro into the build folder, checks, the swap of `live`, then Pagefind on the live build. */
async function buildAndSwap(force: boolean) {
  const cacheDir = siteCacheDir()
  const builds = path.join(target, 'builds')
  await mkdir(builds, { recursive: true })
  // Always the same folder while building: Astro's per-route code hashes include the output folder,
  // so a new name each time would render every page again.
  const out = path.join(target, 'building')
  const done = path.join(builds, new Date().toISOString().replace(/[:.]/g, '-'))
  // With the fresh search index; its name sorts after the build's own.
  const indexed = `${done}-indexed`
  const previous = existsSync(live) ? await realpath(live) : null
  try {
    await rm(out, { recursive: true, force: true })
    await mkdir(out, { recursive: true })
    const prefilled = await prefill(out, cacheDir, force)
    // A full build reads every document again, not only those the CMS lists as changed.
    if (force) await rm(siteContentFile(), { force: true })
    const buildStarted = Date.now()
    await astroBuild(['build', ...(force ? ['--force'] : [])], {
      ...process.env,
      SITE_OUT_DIR: out,
      SITE_OUT_DIR_PREFILLED: '1',
    })
    const stale = await removeStale(out, cacheDir, prefilled, buildStarted)
    const lastIndex = previous ? path.join(previous, 'pagefind') : null
    const indexLater = lastIndex !== null && existsSync(lastIndex)
    if (indexLater) link(lastIndex, path.join(out, 'pagefind'))
    else run('pagefind', ['--site', out, '--glob', '**/*.html'])
    for (const required of ['index.html', '404.html', 'feed.xml', 'pagefind/pagefind.js']) {
      if (!existsSync(path.join(out, required))) throw new Error(`the new build lacks ${required}`)
    }
    await finish(out, previous, buildStarted)
    await rename(out, done)
    await pointLiveAt(done)
    const liveAt = Date.now()
    if (indexLater) await indexAndSwap(done, indexed)
    return { stale, liveAt }
  } catch (error) {
    // The site that was live before stays (or is again) live, and nothing half-written stays behind.
    if (previous) await pointLiveAt(previous)
    await rm(out, { recursive: true, force: true })
    await rm(done, { recursive: true, force: true })
    await rm(indexed, { recursive: true, force: true })
    // Astro may have replaced some of its copies before failing: the next build starts from nothing.
    await rm(path.join(cacheDir, 'incremental-build.json'), { force: true })
    // The pages it wanted PDFs for are not live: nothing is printed until a build succeeds.
    await rm(path.join(sitePdfDir(), 'wanted.json'), { force: true })
    throw new Error(`${(error as Error).message}; the live site is unchanged`)
  }
}

/**
 * Keeps the live build and the KEEP - 1 before it (a reader may still be loading their pages). A
 * build and its copy with the fresh search index (`<stamp>-indexed`) count as one build.
 */
async function dropOldBuilds() {
  const builds = path.join(target, 'builds')
  const stamp = (name: string) => name.replace(/-indexed$/, '')
  const current = stamp(path.basename(await readlink(live)))
  const names = await readdir(builds)
  const kept = new Set(
    [...new Set(names.map(stamp))]
      .filter((s) => s !== current)
      .sort()
      .slice(-(KEEP - 1)),
  )
  kept.add(current)
  await Promise.all(
    names
      .filter((name) => !kept.has(stamp(name)))
      .map((name) => rm(path.join(builds, name), { recursive: true, force: true })),
  )
}

/**
 * A build: the site from the CMS goes live; the release pages whose PDF is not printed yet are
 * counted (the CMS then queues `--pdfs`).
 */
async function publishLocked() {
  const started = Date.now()
  const { stale, liveAt } = await buildAndSwap(full)
  return outcome(started, { stale, full, servedAfter: (liveAt - started) / 1000 })
}

/**
 * `--pdfs`: prints up to PDF_BATCH missing PDFs from the live pages, then an incremental build links
 * them (and shows whatever else changed in the CMS meanwhile, so it is indexed like any build).
 */
async function printAndLink() {
  const started = Date.now()
  if (!existsSync(live)) throw new Error('no site is live yet to print PDFs from')
  const pdfs = await printMissingPdfs(live, sitePdfDir(), PDF_BATCH)
  const linked = pdfs > 0 ? await buildAndSwap(false) : null
  return outcome(started, { stale: linked?.stale ?? 0, full: false, pdfs })
}

/** After either kind of run: old builds go, and the result line the CMS reads describes what is live. */
async function outcome(
  started: number,
  run: Pick<PublishResult & { ok: true }, 'stale' | 'full' | 'servedAfter' | 'pdfs'>,
): Promise<PublishResult> {
  await dropOldBuilds()
  return {
    ok: true,
    folder: await realpath(live),
    pages: countPages(live),
    ...run,
    pdfsMissing: (await missingPdfs(sitePdfDir())).length,
    seconds: (Date.now() - started) / 1000,
  }
}

const report = (result: PublishResult) => console.log(JSON.stringify(result))
try {
  report(await publish())
} catch (error) {
  report({ ok: false, error: (error as Error).message })
  process.exit(1)
}
