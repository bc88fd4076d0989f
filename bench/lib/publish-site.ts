import { renderedPages } from '@masterplan/cms/testing'
import { phasesOf } from './build-phases.ts'
import type { Bench } from './context.ts'
import { measure } from './measure.ts'
import { publishScript, siteBuildEnv } from './site.ts'

export type Built = Awaited<ReturnType<typeof publishSite>>

/**
 * site/scripts/publish.ts, as the CMS runs it: build (incremental unless `full`), Pagefind, checks,
 * swap. Each scale has its own target and Astro cache, so "cold" starts from nothing.
 */
export async function publishSite(
  bench: Bench,
  label: string,
  targetDir: string,
  cache: string,
  {
    full = false,
    pdfs,
    extra = {},
  }: { full?: boolean; pdfs?: '--pdfs' | '--pdfs=all'; extra?: Record<string, string> } = {},
) {
  bench.progress(`site build: ${label}`)
  const flags = [...(full ? ['--full'] : []), ...(pdfs ? [pdfs] : [])]
  const run = await measure(process.execPath, [publishScript, targetDir, ...flags], {
    env: siteBuildEnv(bench, { SITE_CACHE_DIR: cache, ...extra }),
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
