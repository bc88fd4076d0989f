import path from 'node:path'
import type { Bench } from '../lib/context.ts'
import { dumpApi } from '../lib/dump.ts'
import { type Built, publishSite } from '../lib/publish-site.ts'
import { type Row, table } from '../lib/table.ts'

/** The largest scale at which every PDF is printed (the PDF rows of the results). */
const PDF_SCALE = 1000

/**
 * The site built at each scale through publish.ts, against a baseline that builds the same pages from
 * a JSON dump of the API. Rows gather over the scales, so the tables can be printed after the first
 * scale and again after all.
 */
export function siteBuilds(bench: Bench) {
  const builds: Row[] = []
  const phases: Row[] = []
  return {
    /** Every build at this scale; returns the folder of the site they built. */
    async at(releases: number): Promise<string> {
      const runs = await buildsAt(bench, releases)
      builds.push(...buildRows(releases, runs))
      phases.push(...phaseRows(releases, runs))
      bench.results[`build-${releases}`] = runs
      return path.join(bench.work, `site-${releases}`, 'live')
    },
    print(title: string) {
      bench.print(
        table(
          title,
          ['releases', 'step (publish.ts: build, Pagefind, swap)', 'seconds', 'peak RSS MB', 'pages', 'rendered'],
          builds,
        ),
      )
      bench.print(
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
          phases,
        ),
      )
    },
  }
}

async function buildsAt(bench: Bench, releases: number) {
  const { work, db } = bench
  const siteTarget = path.join(work, `site-${releases}`)
  const cache = path.join(work, `cache-${releases}`)
  const cold = await publishSite(bench, `cold, ${releases} releases`, siteTarget, cache, { full: true })
  const unchanged = await publishSite(bench, 'rebuild, nothing changed', siteTarget, cache)
  // What a fresh archive of this size needs once: every release's PDF (the CMS does it a batch per build).
  // Only up to PDF_SCALE: at 0.1 s per PDF, 10,000 releases would add 17 minutes and show nothing new.
  const allPdfs =
    releases <= PDF_SCALE
      ? await publishSite(bench, 'every PDF printed and linked', siteTarget, cache, { pdfs: '--pdfs=all' })
      : null
  await db.query(
    `UPDATE press_releases_locales SET title = title || ' (geändert)' WHERE _locale = 'de' AND _parent_id = (SELECT max(id) FROM press_releases)`,
  )
  await db.query(`UPDATE press_releases SET updated_at = now() WHERE id = (SELECT max(id) FROM press_releases)`)
  const oneChanged = await publishSite(bench, 'rebuild, one release changed', siteTarget, cache)
  // The PDF build the CMS queues after it: the changed release's PDF, printed and linked.
  const onePdf =
    allPdfs && (await publishSite(bench, 'PDF build after one change', siteTarget, cache, { pdfs: '--pdfs' }))
  bench.progress('baseline: the same pages from a JSON dump of the API')
  const dumpFile = path.join(work, `dump-${releases}.json`)
  await dumpApi(bench.cms.url, dumpFile)
  const fromDump = (label: string) =>
    publishSite(bench, label, path.join(work, `baseline-${releases}`), path.join(work, `baseline-cache-${releases}`), {
      full: true,
      extra: { CMS_DUMP: dumpFile },
    })
  const baseline = await fromDump('baseline from JSON dump, cold')
  // Single cold builds on two shared cores vary by 10-20 %, so the ratio is taken over a second pair.
  const coldAgain = await publishSite(
    bench,
    'cold again (API)',
    path.join(work, `again-${releases}`),
    path.join(work, `again-cache-${releases}`),
    { full: true },
  )
  const baselineAgain = await fromDump('baseline again')
  return { cold, baseline, coldAgain, baselineAgain, unchanged, allPdfs, oneChanged, onePdf }
}

type Runs = Awaited<ReturnType<typeof buildsAt>>

function buildRows(releases: number, runs: Runs): Row[] {
  const { cold, baseline, coldAgain, baselineAgain, unchanged, allPdfs, oneChanged, onePdf } = runs
  const row = (label: string, run: Built) => [releases, label, run.seconds, run.peakRssMb, run.pages, run.rendered]
  return [
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
    ...(allPdfs && onePdf
      ? [
          row(`then its PDF build (${onePdf.pdfs} printed, linked)`, onePdf),
          row(`once: every PDF (${allPdfs.pdfs} printed, linked)`, allPdfs),
        ]
      : []),
    [
      releases,
      'ratio served after one change / cold',
      oneChanged.servedAfter / cold.seconds,
      oneChanged.peakRssMb / cold.peakRssMb,
      '',
      '',
    ],
  ]
}

function phaseRows(releases: number, { cold, coldAgain, baseline, oneChanged }: Runs): Row[] {
  return Object.entries({ cold, coldAgain, baseline, oneChanged }).map(([step, run]) => {
    const p = run.phases
    return [
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
    ]
  })
}
