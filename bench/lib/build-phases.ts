/** Seconds of one build's phases, read from the output of Astro, Pagefind and the content store (src/lib/content-store.ts). */
export function phasesOf(output: string, total: number) {
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
