import { freePort } from '@masterplan/cms/testing'
import { buildsIn } from '../lib/build-records.ts'
import type { Bench } from '../lib/context.ts'
import { audit } from '../lib/lighthouse.ts'
import { measuredPages } from '../lib/pages.ts'
import { serveSite } from '../lib/site.ts'
import { table } from '../lib/table.ts'
import { sleep, waitWhile } from '../lib/wait.ts'

/** Lighthouse's scores of each page type (only three in a quick run), served from the built site in `dist`. */
export async function lighthouse(bench: Bench, dist: string): Promise<void> {
  bench.progress('Lighthouse (mobile emulation)')
  // After the page of the last publish is served, its build still indexes it (Pagefind on both cores)
  // and records itself: audits on that busy machine measured 360 ms of blocking time on a page without
  // any script. Wait until the CMS has no build queued or running.
  const payload = await bench.localApi()
  await waitWhile(async () => (await buildsIn(payload, ['queued', 'running'])) > 0, 120)
  const port = await freePort()
  const server = serveSite(dist, port)
  try {
    await sleep(1000)
    const urls = Object.fromEntries(
      Object.entries(measuredPages(bench))
        .filter(([type]) => !bench.quick || ['start', 'release', 'search'].includes(type))
        .map(([type, p]) => [type, `http://localhost:${port}${p}`]),
    )
    const scores = await audit(Object.values(urls))
    bench.results.lighthouse = Object.fromEntries(Object.entries(urls).map(([type, url]) => [type, scores[url]]))
    bench.print(
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
