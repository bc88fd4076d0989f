import type { Bench } from '../lib/context.ts'
import { pageWeight as weigh } from '../lib/page-weight.ts'
import { measuredPages } from '../lib/pages.ts'
import { table } from '../lib/table.ts'

/** Bytes a first visit of each page type loads, from the built site in `dist`. */
export function pageWeight(bench: Bench, dist: string): void {
  const weights = Object.entries(measuredPages(bench)).map(([type, p]) => ({ type, ...weigh(dist, p) }))
  bench.results.pageWeight = weights
  bench.print(
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
}
