/**
 * pnpm bench            full: 1,000 and 10,000 press releases, 500 partners, 200 milestones
 * pnpm bench -- --quick small: a few hundred documents, well under 10 minutes on 2 cores
 * pnpm bench -- --releases 1000   the full run at that one scale
 * Prints tables while it runs and writes bench/results/<timestamp>.json.
 * Each scenario is a file in scenarios/; what they share is in lib/ (context.ts: what they get).
 */
import '@masterplan/shared/no-telemetry'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort, startMailSink, startTestCms } from '@masterplan/cms/testing'
import type { Bench } from './lib/context.ts'
import { localApiOf } from './lib/local-api.ts'
import { startReport } from './lib/report.ts'
import { addSynthetic } from './lib/synthetic.ts'
import { progress } from './lib/table.ts'
import { alerts } from './scenarios/alerts.ts'
import { apiLatency } from './scenarios/apiLatency.ts'
import { lighthouse } from './scenarios/lighthouse.ts'
import { pageWeight } from './scenarios/pageWeight.ts'
import { publishToBucket } from './scenarios/publishToBucket.ts'
import { publishToLive } from './scenarios/publishToLive.ts'
import { siteBuilds } from './scenarios/siteBuilds.ts'

const quick = process.argv.includes('--quick')
// `--releases N`: the full run at one scale only (e.g. 1000, in a quarter of the time).
const onlyAt = process.argv.indexOf('--releases')
const scales = quick ? [200] : onlyAt > 0 ? [Number(process.argv[onlyAt + 1])] : [1000, 10000]
const base = quick ? { partners: 50, milestones: 30 } : { partners: 500, milestones: 200 }
const loadSeconds = quick ? 5 : 30
const work = mkdtempSync(path.join(os.tmpdir(), 'masterplan-bench-'))
const report = startReport(quick)

const sitePort = await freePort()
const site = { dir: path.join(work, 'site'), port: sitePort, url: `http://localhost:${sitePort}` }
progress('starting a CMS with a throwaway database (next build included)')
// A real SMTP server that keeps nothing: alerts are measured up to the moment it accepts each mail.
const sink = await startMailSink()
// The alert rate is capped far above the default (50/s) so the figure is what the system can do.
const cms = await startTestCms({
  log: progress,
  env: {
    SITE_BUILD_TARGET: 'local',
    SITE_TARGET_DIR: site.dir,
    SITE_URL: site.url,
    SITE_BUILD_DEBOUNCE_MS: '500',
    SMTP_URL: sink.url,
    MAIL_RATE_PER_SECOND: '2000',
  },
})
const localApi = localApiOf(cms)

try {
  const db = new pg.Client({ connectionString: cms.env.DATABASE_URL })
  db.on('error', () => {}) // the server goes away at the end on purpose
  await db.connect()
  const bench: Bench = {
    quick,
    cms,
    db,
    sink,
    work,
    site,
    localApi: localApi.get,
    print: report.print,
    progress,
    results: report.results,
  }
  const builds = siteBuilds(bench)
  const live = publishToLive(bench)
  let generated = 0
  for (const [index, releases] of scales.entries()) {
    // Each scale adds to the one before; partners and milestones come with the first.
    const others = index === 0 ? base : { partners: 0, milestones: 0 }
    await addSynthetic(bench, { releases: releases - generated, ...others })
    generated = releases
    const built = await builds.at(releases)
    await live.at(releases)
    if (index === 0) {
      builds.print(`Site build (${releases} releases)`)
      pageWeight(bench, built)
      await lighthouse(bench, built)
      await publishToBucket(bench, releases)
    }
  }
  if (scales.length > 1) builds.print('Site build at every scale')
  live.print()
  await alerts(bench)
  await apiLatency(bench, scales.at(-1)!, loadSeconds)
  await db.end()
} catch (error) {
  console.error(`bench failed: ${(error as Error).stack ?? error}`)
  process.exitCode = 1
} finally {
  await localApi.destroy()
  await cms.stop()
  await sink.stop()
  rmSync(work, { recursive: true, force: true })
}

if (process.exitCode) process.exit(process.exitCode)
report.write()
process.exit(0)
