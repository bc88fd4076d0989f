/**
 * pnpm bench            full: 1,000 and 10,000 press releases, 500 partners, 200 milestones
 * pnpm bench -- --quick small: a few hundred documents, well under 10 minutes on 2 cores
 * pnpm bench -- --releases 1000   the full run at that one scale
 * Prints tables while it runs and writes bench/results/<timestamp>.json.
 */
import '@masterplan/shared/no-telemetry'
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import {
  bootPayload,
  freePort,
  renderedPages,
  runCmsScript,
  startMailSink,
  startS3Server,
  startTestCms,
} from '@masterplan/cms/testing'
import { alertRun } from './lib/alerts.ts'
import { dumpApi } from './lib/dump.ts'
import { audit } from './lib/lighthouse.ts'
import { concurrent, sequential } from './lib/load.ts'
import { measure } from './lib/measure.ts'
import { pageWeight } from './lib/page-weight.ts'
import { progress, table } from './lib/table.ts'

const quick = process.argv.includes('--quick')
const repo = path.resolve(import.meta.dirname, '..')
// The site's command-line entry points, found through its package's "exports".
const publishScript = fileURLToPath(import.meta.resolve('@masterplan/site/publish'))
const serveScript = fileURLToPath(import.meta.resolve('@masterplan/site/serve'))
// `--releases N`: the full run at one scale only (e.g. 1000, in a quarter of the time).
const onlyAt = process.argv.indexOf('--releases')
const scales = quick ? [200] : onlyAt > 0 ? [Number(process.argv[onlyAt + 1])] : [1000, 10000]
const base = quick ? { partners: 50, milestones: 30 } : { partners: 500, milestones: 200 }
const loadSeconds = quick ? 5 : 30
/** The largest scale at which every PDF is printed (the PDF rows of the results). */
const PDF_SCALE = 1000
const work = mkdtempSync(path.join(os.tmpdir(), 'masterplan-bench-'))
const results: Record<string, unknown> = {
  quick,
  machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  startedAt: new Date().toISOString(),
}
const output: string[] = []
const print = (text: string) => {
  console.log(text)
  output.push(text)
}

const buildRows: Array<Array<string | number>> = []
const phaseRows: Array<Array<string | number>> = []
const liveRows: Array<Array<string | number>> = []
const printBuilds = (title: string) => {
  print(
    table(
      title,
      ['releases', 'step (publish.ts: build, Pagefind, swap)', 'seconds', 'peak RSS MB', 'pages', 'rendered'],
      buildRows,
    ),
  )
  print(
    table(
      'Where the seconds go (as Astro and Pagefind report them)',
      [
        'releases',
        'build',
        'content sync',
        'bundling',
        'pages (rendered or reused)',
        'Astro in all',
        'Pagefind',
        'outside Astro (links, checks, swap)',
        'total',
        'new pages served after',
      ],
      phaseRows,
    ),
  )
}

const sitePort = await freePort()
const siteUrl = `http://localhost:${sitePort}`
const target = path.join(work, 'site')
progress('starting a CMS with a throwaway database (next build included)')
// A real SMTP server that keeps nothing: alerts are measured up to the moment it accepts each mail.
const sink = await startMailSink()
// The alert rate is capped far above the default (50/s) so the figure is what the system can do.
const cms = await startTestCms({
  log: progress,
  env: {
    SITE_BUILD_TARGET: 'local',
    SITE_TARGET_DIR: target,
    SITE_URL: siteUrl,
    SITE_BUILD_DEBOUNCE_MS: '500',
    SMTP_URL: sink.url,
    MAIL_RATE_PER_SECOND: '2000',
  },
})

function siteBuildEnv(extra: Record<string, string>) {
  return { ...process.env, CMS_URL: cms.url, SITE_URL: siteUrl, NODE_ENV: 'production' as const, ...extra }
}

/** Seconds of one build's phases, read from the output of Astro, Pagefind and the content store (src/lib/content-store.ts). */
function phasesOf(output: string, total: number) {
  const seconds = (re: RegExp) => Number(re.exec(output)?.[1] ?? 0)
  const astro = seconds(/page\(s\) built in ([\d.]+)s/)
  const sync = seconds(/\[content\] .*; synced in (\d+) ms/) / 1000
  const bundle = [...output.matchAll(/\[vite\] ✓ built in ([\d.]+)(m?s)/g)].reduce(
    (sum, m) => sum + Number(m[1]) / (m[2] === 'ms' ? 1000 : 1),
    0,
  )
  // The first "Completed" after the bundles is the pages' (in s or ms).
  const pagesDone = /Rearranging server assets\.\.\.[\s\S]*?✓ Completed in ([\d.]+)(m?s)/.exec(output)
  const render = pagesDone ? Number(pagesDone[1]) / (pagesDone[2] === 'ms' ? 1000 : 1) : 0
  const pagefind = seconds(/Finished in ([\d.]+) seconds/)
  return { sync, bundle, render, astro, pagefind, outsideAstro: total - astro - pagefind }
}

/**
 * site/scripts/publish.ts, as the CMS runs it: build (incremental unless `full`), Pagefind, checks,
 * swap. Each scale has its own target and Astro cache, so "cold" starts from nothing.
 */
async function publishSite(
  label: string,
  targetDir: string,
  cache: string,
  {
    full = false,
    pdfs,
    extra = {},
  }: { full?: boolean; pdfs?: '--pdfs' | '--pdfs=all'; extra?: Record<string, string> } = {},
) {
  progress(`site build: ${label}`)
  const flags = [...(full ? ['--full'] : []), ...(pdfs ? [pdfs] : [])]
  const run = await measure(process.execPath, [publishScript, targetDir, ...flags], {
    env: siteBuildEnv({ SITE_CACHE_DIR: cache, ...extra }),
  })
  const result = JSON.parse(run.output.trim().split('\n').at(-1) ?? '{}') as {
    ok?: boolean
    pages?: number
    servedAfter?: number
    pdfs?: number
    error?: string
  }
  if (!run.ok || !result.ok)
    throw new Error(`publish (${label}) failed: ${result.error ?? ''}\n${run.output.slice(-3000)}`)
  return {
    seconds: run.seconds,
    servedAfter: result.servedAfter ?? run.seconds,
    peakRssMb: run.peakRssMb,
    pages: result.pages ?? 0,
    rendered: renderedPages(run.output),
    pdfs: result.pdfs ?? 0,
    phases: phasesOf(run.output, run.seconds),
  }
}

/** Checks once a second while `busy` holds, for at most `seconds`. */
async function waitWhile(busy: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let waited = 0; (await busy()) && waited < seconds; waited++) await new Promise((r) => setTimeout(r, 1000))
}

/**
 * The Local API against the benchmark's CMS, booted once: Payload cannot boot again in a process
 * after destroy() (its database adapter then waits for an init that never comes).
 */
let booted: ReturnType<typeof bootPayload> | undefined
function localApi(): ReturnType<typeof bootPayload> {
  Object.assign(process.env, cms.env)
  booted ??= bootPayload()
  return booted
}

try {
  const db = new pg.Client({ connectionString: cms.env.DATABASE_URL })
  db.on('error', () => {}) // the server goes away at the end on purpose
  await db.connect()
  let generated = 0
  for (const [index, releases] of scales.entries()) {
    progress(`generating ${releases - generated} synthetic press releases`)
    runCmsScript(
      'generate-synthetic',
      [
        '--press-releases',
        String(releases - generated),
        '--partners',
        String(index === 0 ? base.partners : 0),
        '--milestones',
        String(index === 0 ? base.milestones : 0),
      ],
      { ...process.env, ...cms.env },
    )
    generated = releases
    // The generator's inserts leave autovacuum and a checkpoint's writes to come, which may fall on the
    // first cold build (its Pagefind took 5.9 and 7.0 s in two runs, the baselines' 3.6 and 3.7 s).
    await db.query('VACUUM ANALYZE')
    await db.query('CHECKPOINT')
    const siteTarget = path.join(work, `site-${releases}`)
    const cache = path.join(work, `cache-${releases}`)
    const cold = await publishSite(`cold, ${releases} releases`, siteTarget, cache, { full: true })
    const unchanged = await publishSite('rebuild, nothing changed', siteTarget, cache)
    // What a fresh archive of this size needs once: every release's PDF (the CMS does it a batch per build).
    // Only up to PDF_SCALE: at 0.1 s per PDF, 10,000 releases would add 17 minutes and show nothing new.
    const allPdfs =
      releases <= PDF_SCALE
        ? await publishSite('every PDF printed and linked', siteTarget, cache, { pdfs: '--pdfs=all' })
        : null
    await db.query(
      `UPDATE press_releases_locales SET title = title || ' (geändert)' WHERE _locale = 'de' AND _parent_id = (SELECT max(id) FROM press_releases)`,
    )
    await db.query(`UPDATE press_releases SET updated_at = now() WHERE id = (SELECT max(id) FROM press_releases)`)
    const oneChanged = await publishSite('rebuild, one release changed', siteTarget, cache)
    // The PDF build the CMS queues after it: the changed release's PDF, printed and linked.
    const onePdf = allPdfs && (await publishSite('PDF build after one change', siteTarget, cache, { pdfs: '--pdfs' }))
    progress('baseline: the same pages from a JSON dump of the API')
    const dumpFile = path.join(work, `dump-${releases}.json`)
    await dumpApi(cms.url, dumpFile)
    const fromDump = (label: string) =>
      publishSite(label, path.join(work, `baseline-${releases}`), path.join(work, `baseline-cache-${releases}`), {
        full: true,
        extra: { CMS_DUMP: dumpFile },
      })
    const baseline = await fromDump('baseline from JSON dump, cold')
    // Single cold builds on two shared cores vary by 10-20 %, so the ratio is taken over a second pair.
    const coldAgain = await publishSite(
      'cold again (API)',
      path.join(work, `again-${releases}`),
      path.join(work, `again-cache-${releases}`),
      { full: true },
    )
    const baselineAgain = await fromDump('baseline again')
    type Built = Awaited<ReturnType<typeof publishSite>>
    const row = (label: string, run: Built) => [releases, label, run.seconds, run.peakRssMb, run.pages, run.rendered]
    buildRows.push(
      row('cold build (API)', cold),
      row('baseline: cold build from JSON dump', baseline),
      row('cold build (API), again', coldAgain),
      row('baseline, again', baselineAgain),
      [
        releases,
        'ratio API / baseline (both pairs)',
        (cold.seconds + coldAgain.seconds) / (baseline.seconds + baselineAgain.seconds),
        Math.max(cold.peakRssMb, coldAgain.peakRssMb) / Math.max(baseline.peakRssMb, baselineAgain.peakRssMb),
        '',
        '',
      ],
      row('rebuild, nothing changed', unchanged),
      row('rebuild, one release changed', oneChanged),
      [releases, 'one release changed: its pages served after', oneChanged.servedAfter, '', '', ''],
    )
    if (allPdfs && onePdf)
      buildRows.push(
        row(`then its PDF build (${onePdf.pdfs} printed, linked)`, onePdf),
        row(`once: every PDF (${allPdfs.pdfs} printed, linked)`, allPdfs),
      )
    buildRows.push([
      releases,
      'ratio served after one change / cold',
      oneChanged.servedAfter / cold.seconds,
      oneChanged.peakRssMb / cold.peakRssMb,
      '',
      '',
    ])
    for (const [step, run] of Object.entries({ cold, coldAgain, baseline, oneChanged })) {
      const p = run.phases
      phaseRows.push([
        releases,
        step,
        p.sync,
        p.bundle,
        p.render,
        p.astro,
        p.pagefind,
        p.outsideAstro,
        run.seconds,
        run.servedAfter,
      ])
    }
    results[`build-${releases}`] = { cold, baseline, coldAgain, baselineAgain, unchanged, allPdfs, oneChanged, onePdf }
    const out = path.join(siteTarget, 'live')
    await publishToLive(releases)

    if (index === 0) {
      printBuilds(`Site build (${releases} releases)`)
      await pageWeightAndLighthouse(out)
      await publishToBucket(releases)
    }
  }
  if (scales.length > 1) printBuilds('Site build at every scale')
  print(table('Publish-to-live', ['releases', 'from', 'seconds'], liveRows))
  await alerts(db)
  await apiLatency(db)
  await db.end()
} catch (error) {
  console.error(`bench failed: ${(error as Error).stack ?? error}`)
  process.exitCode = 1
} finally {
  // Whatever became of the Local API (it may have failed to boot), the CMS below must stop.
  await booted?.then((payload) => payload.destroy()).catch(() => {})
  await cms.stop()
  await sink.stop()
  rmSync(work, { recursive: true, force: true })
}

async function pageWeightAndLighthouse(dist: string) {
  // The fixture release with an image, a quote and an attachment: the heaviest kind of release page.
  const pages: Record<string, string> = {
    start: '/',
    list: '/aktuelles/',
    release: `/aktuelles/${cms.fixtures.withImage.slug}/`,
    timeline: '/zeitplan/',
    partner: '/partner/smil/',
    search: '/suche/',
  }
  const weights = Object.entries(pages).map(([type, p]) => ({ type, ...pageWeight(dist, p) }))
  results.pageWeight = weights
  print(
    table(
      'Page weight (bytes, raw / gzip)',
      ['page', 'HTML', 'CSS', 'JS', 'fonts', 'images', 'requests'],
      weights.map((w) => [
        w.type,
        `${w.html[0]} / ${w.html[1]}`,
        `${w.css[0]} / ${w.css[1]}`,
        `${w.js[0]} / ${w.js[1]}`,
        `${w.fonts[0]} / ${w.fonts[1]}`,
        `${w.images[0]} / ${w.images[1]}`,
        w.requests,
      ]),
    ),
  )
  progress('Lighthouse (mobile emulation)')
  // After the page of the last publish is served, its build still indexes it (Pagefind on both cores)
  // and records itself: audits on that busy machine measured 360 ms of blocking time on a page without
  // any script. Wait until the CMS has no build queued or running.
  const payload = await localApi()
  await waitWhile(
    async () =>
      (
        await payload.count({
          collection: 'site-builds',
          where: { status: { in: ['queued', 'running'] } },
          overrideAccess: true,
        })
      ).totalDocs > 0,
    120,
  )
  const port = await freePort()
  const server = spawn(process.execPath, [serveScript, dist, '--port', String(port)], { stdio: 'ignore' })
  try {
    await new Promise((r) => setTimeout(r, 1000))
    const urls = Object.fromEntries(
      Object.entries(pages)
        .filter(([type]) => !quick || ['start', 'release', 'search'].includes(type))
        .map(([type, p]) => [type, `http://localhost:${port}${p}`]),
    )
    const scores = await audit(Object.values(urls))
    results.lighthouse = Object.fromEntries(Object.entries(urls).map(([type, url]) => [type, scores[url]]))
    print(
      table(
        'Lighthouse (mobile)',
        ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'LCP ms', 'TBT ms', 'CLS'],
        Object.entries(urls).map(([type, url]) => {
          const s = scores[url]!
          return [type, s.performance, s.accessibility, s.bestPractices, s.seo, s.lcpMs, s.tbtMs, s.cls]
        }),
      ),
    )
  } finally {
    server.kill('SIGTERM')
  }
}

async function publishToLive(releases: number) {
  progress(`publish-to-live at ${releases} releases`)
  // With the CMS's own Astro cache, so its builds after this one are incremental as in production.
  const first = spawnSync(process.execPath, [publishScript, target], {
    env: siteBuildEnv({ SITE_CACHE_DIR: cms.env.SITE_CACHE_DIR! }),
    encoding: 'utf8',
  })
  if (first.status !== 0) throw new Error(`initial publish failed: ${first.stdout}`)
  const server = spawn(process.execPath, [serveScript, path.join(target, 'live'), '--port', String(sitePort)], {
    stdio: 'ignore',
  })
  const payload = await localApi()
  const served = (p: string) =>
    fetch(`${siteUrl}${p}`).then(
      (r) => r.status,
      () => 0,
    )
  const waitServed = async (p: string, from: number) => {
    while ((await served(p)) !== 200) {
      if (Date.now() - from > 5 * 60_000) throw new Error(`${p} never went live`)
      await new Promise((r) => setTimeout(r, 250))
    }
    return (Date.now() - from) / 1000
  }
  const draft = (slug: string) =>
    payload.create({
      collection: 'press-releases',
      draft: true,
      overrideAccess: true,
      data: {
        title: `Messung ${slug}`,
        slug,
        lead: 'Messung.',
        issuers: [1],
        contacts: [{ name: 'Messung', email: 'messung@beispiel.example' }],
        body: {
          root: {
            type: 'root',
            version: 1,
            children: [
              { type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Messung.', version: 1, format: 0 }] },
            ],
          },
        },
        _status: 'draft',
      } as never,
    })
  try {
    const now = await draft(`messung-sofort-${releases}`)
    const started = Date.now()
    await payload.update({
      collection: 'press-releases',
      id: now.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    const publishNow = await waitServed(`/aktuelles/messung-sofort-${releases}/`, started)
    liveRows.push([releases, 'publish now → page served', publishNow])
    const steps = await publishSteps(payload, now.id, started)
    liveRows.push(
      [releases, '… of which the save, until its build is queued', steps.saved],
      [releases, '… then until the queue starts the build', steps.waited],
      [releases, '… then the build until the page is served', publishNow - steps.saved - steps.waited],
    )
    const timings: Record<string, number> = { publishNow, ...steps }
    if (!quick) {
      const later = await draft(`messung-geplant-${releases}`)
      const admin = await payload.create({
        collection: 'users',
        data: { email: `bench-${releases}@example.org`, password: 'bench-passwort-123', role: 'admin' },
        overrideAccess: true,
      })
      // The next minute at least 5 s ahead. Queued after its minute, the job would run a minute late
      // (the queue is checked at each full minute), and the figure would say nothing about publishing.
      const minute = new Date(Math.ceil((Date.now() + 5000) / 60_000) * 60_000)
      await payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'press-releases', value: String(later.id) },
          user: { relationTo: 'users', value: admin.id },
        } as never,
        waitUntil: minute,
      })
      if (Date.now() >= minute.getTime()) throw new Error('the scheduled publish was queued after its minute')
      await new Promise((r) => setTimeout(r, minute.getTime() - Date.now()))
      timings.scheduled = await waitServed(`/aktuelles/messung-geplant-${releases}/`, minute.getTime())
      liveRows.push([releases, 'scheduled minute → page served', timings.scheduled])
    }
    results[`publishToLive-${releases}`] = timings
  } finally {
    server.kill('SIGTERM')
  }
}

/** Where the seconds of a publish went before its build ran, from the build's record (clock of one machine). */
async function publishSteps(payload: Awaited<ReturnType<typeof localApi>>, releaseId: number, started: number) {
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { 'triggers.documentId': { equals: releaseId } },
    sort: '-queuedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const build = docs[0]
  if (!build?.queuedAt || !build.startedAt) throw new Error(`no started build records release ${releaseId}`)
  const queued = Date.parse(build.queuedAt)
  return { saved: (queued - started) / 1000, waited: (Date.parse(build.startedAt) - queued) / 1000 }
}

/**
 * The `s3` target: the CMS server restarted with it against a local S3-compatible server, a first
 * publish that fills the bucket, then one more release published and timed until a reader gets its
 * page from the bucket; the bucket's listing before and after counts the objects that one publish
 * wrote or deleted.
 */
async function publishToBucket(releases: number) {
  progress(`publish-to-live with the s3 target at ${releases} releases`)
  const s3 = await startS3Server()
  await s3.createBucket('site')
  await cms.stopServer()
  await cms.startServer({
    ...s3.env,
    SITE_BUILD_TARGET: 's3',
    SITE_S3_BUCKET: 'site',
    SITE_TARGET_DIR: path.join(work, 'site-s3'),
  })
  const payload = await localApi()
  const listing = async () =>
    new Map((await s3.list('site')).map((o) => [o.Key!, `${o.ETag} ${o.LastModified?.toISOString()}`]))
  const inBucket = async (slug: string, from: number) => {
    while (
      (await fetch(s3.objectUrl('site', `aktuelles/${slug}/index.html`)).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (Date.now() - from > 10 * 60_000) throw new Error(`${slug} never reached the bucket`)
      await new Promise((r) => setTimeout(r, 250))
    }
    return (Date.now() - from) / 1000
  }
  const builds = async () =>
    (
      await payload.count({
        collection: 'site-builds',
        where: { status: { in: ['success', 'failed'] } },
        overrideAccess: true,
      })
    ).totalDocs
  /** The page reaches the bucket before the build's last pages and its deletions: wait for the build's end. */
  const buildEnded = async (before: number) => {
    while ((await builds()) === before) await new Promise((r) => setTimeout(r, 250))
  }
  const publish = (slug: string) =>
    payload.create({
      collection: 'press-releases',
      overrideAccess: true,
      data: {
        title: `Messung ${slug}`,
        slug,
        lead: 'Messung.',
        issuers: [1],
        contacts: [{ name: 'Messung', email: 'messung@beispiel.example' }],
        body: {
          root: {
            type: 'root',
            version: 1,
            children: [
              { type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Messung.', version: 1, format: 0 }] },
            ],
          },
        },
        _status: 'published',
      } as never,
    })
  try {
    let done = await builds()
    let started = Date.now()
    await publish('messung-s3-erst')
    const firstS = await inBucket('messung-s3-erst', started)
    await buildEnded(done)
    const before = await listing()
    done = await builds()
    started = Date.now()
    await publish('messung-s3')
    const publishS = await inBucket('messung-s3', started)
    await buildEnded(done)
    const after = await listing()
    const written = [...after].filter(([key, version]) => before.get(key) !== version).length
    const deleted = [...before.keys()].filter((key) => !after.has(key)).length
    results.publishToBucket = { releases, firstS, objects: after.size, publishS, written, deleted }
    print(
      table(
        `Publish-to-live, s3 target (${releases} releases)`,
        ['figure', 'value'],
        [
          ['first publish: empty bucket → page in the bucket (s)', firstS],
          ['objects in the bucket', after.size],
          ['one more release: publish → page in the bucket (s)', publishS],
          ['objects written by that publish', written],
          ['objects deleted by that publish', deleted],
        ],
      ),
    )
  } finally {
    await cms.stopServer()
    await cms.startServer()
    await s3.stop()
  }
}

async function alerts(db: pg.Client) {
  const subscribers = quick ? 1000 : 10_000
  progress(`e-mail alert to ${subscribers} subscribers`)
  const server = spawn(process.execPath, [serveScript, path.join(target, 'live'), '--port', String(sitePort)], {
    stdio: 'ignore',
  })
  const payload = await localApi()
  // Alerts of the releases published before (publish-to-live) must be done first, or they would mail
  // the subscribers inserted now and be counted as this alert's mails.
  const pending = async () =>
    (
      await payload.count({
        collection: 'alerts',
        // Not the alert of the fixtures' release under embargo until next week: it waits all run long.
        where: {
          or: [
            { status: { in: ['queued', 'sending'] } },
            {
              and: [
                { status: { equals: 'waiting' } },
                {
                  or: [
                    { 'pressRelease.embargoUntil': { exists: false } },
                    { 'pressRelease.embargoUntil': { less_than_equal: new Date().toISOString() } },
                  ],
                },
              ],
            },
          ],
        },
        overrideAccess: true,
      })
    ).totalDocs
  await waitWhile(async () => (await pending()) > 0, 300)
  try {
    const publish = async () => {
      const doc = await payload.create({
        collection: 'press-releases',
        overrideAccess: true,
        data: {
          title: 'Messung Benachrichtigung',
          slug: 'messung-alarm',
          lead: 'Messung.',
          issuers: [1],
          contacts: [{ name: 'Messung', email: 'messung@beispiel.example' }],
          body: {
            root: {
              type: 'root',
              version: 1,
              children: [
                {
                  type: 'paragraph',
                  version: 1,
                  children: [{ type: 'text', text: 'Messung.', version: 1, format: 0 }],
                },
              ],
            },
          },
          _status: 'published',
        } as never,
      })
      return doc.id as number
    }
    const figures = await alertRun({ db, payload, sink, subscribers, cmsPid: cms.serverPid()!, publish })
    results.alerts = figures
    print(
      table(
        `E-mail alert (${subscribers} subscribers, local SMTP sink)`,
        ['figure', 'value'],
        [
          ['page live → last mail accepted (s)', figures.liveToLastMailS],
          ['first → last mail (s)', figures.sendingS],
          ['mails per second', figures.mailsPerSecond],
          ['peak RSS of the CMS while sending (MB)', figures.peakCmsRssMb],
        ],
      ),
    )
  } finally {
    server.kill('SIGTERM')
  }
}

async function apiLatency(db: pg.Client) {
  const releases = scales.at(-1)!
  progress(`REST API latency at ${releases} releases`)
  const slug = (await (await fetch(`${cms.url}/api/press-releases?limit=1&page=7&depth=0`)).json()).docs[0].slug
  const endpoints = {
    'list (limit 20, depth 1)': `${cms.url}/api/press-releases?limit=20&depth=1`,
    'by slug (depth 1)': `${cms.url}/api/press-releases?where[slug][equals]=${slug}&depth=1&limit=1`,
  }
  const rows: Array<Array<string | number>> = []
  const latency: Record<string, unknown> = {}
  const transactions = async () =>
    Number(
      (await db.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`)).rows[0]
        .xact_commit,
    )
  for (const [name, url] of Object.entries(endpoints)) {
    const before = await transactions()
    const seq = await sequential(url, loadSeconds)
    const perRequest = ((await transactions()) - before) / seq.requests
    const par = await concurrent(url, 50, loadSeconds)
    latency[name] = { sequential: seq, concurrent50: par, statementsPerRequest: perRequest }
    rows.push([name, 'sequential', seq.requests, seq.errors, seq.p50, seq.p95, seq.p99, seq.rps, perRequest])
    rows.push([name, '50 connections', par.requests, par.errors, par.p50, par.p95, par.p99, par.rps, ''])
  }
  results.api = { releases, seconds: loadSeconds, ...latency }
  print(
    table(
      `REST API at ${releases} releases (${loadSeconds} s per run; ms)`,
      ['request', 'mode', 'requests', 'errors', 'p50', 'p95*', 'p99', 'req/s', 'DB statements/request'],
      rows,
    ),
  )
  print('* sequential: exact p95; 50 connections: autocannon reports p97.5, shown in its place.')
}

if (process.exitCode) process.exit(process.exitCode)
results.finishedAt = new Date().toISOString()
results.tables = output.join('\n')
const dir = path.join(repo, 'bench/results')
mkdirSync(dir, { recursive: true })
const file = path.join(dir, `${results.startedAt as string}.json`.replace(/:/g, '-'))
writeFileSync(file, JSON.stringify(results, null, 2))
progress(`results written to ${path.relative(repo, file)}`)
process.exit(0)
