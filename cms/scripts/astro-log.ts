/**
 * What an `astro build` log says about its pages, for the tests and the benchmark that read it.
 * Astro renders four pages at a time, so a rendered page's "(+12ms)" may land on another line; a page
 * taken from the incremental cache is always logged on one line as "(cached)" or "(restored)".
 * Expects the plain text (Astro colours its log when CI is set: strip it first).
 */
export function renderedPages(log: string): number {
  const count = (re: RegExp) => (log.match(re) ?? []).length
  return count(/├─/g) - count(/├─ \S+ \((cached|restored)\)/g)
}
