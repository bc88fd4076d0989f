import { z } from 'zod'

/**
 * What a site build does: render what changed since the last build, render and read everything
 * again (the nightly safety net), or print the releases' missing PDFs and link them.
 */
export const BUILD_MODES = ['incremental', 'full', 'pdfs'] as const
export type BuildMode = (typeof BUILD_MODES)[number]

/** The publish script's flags for a mode (site/scripts/publish.ts). */
export const publishFlags = (mode: BuildMode): string[] =>
  mode === 'full' ? ['--full'] : mode === 'pdfs' ? ['--pdfs'] : []

const count = z.number().int().nonnegative()

/**
 * The hand-off from the site's publish script to the CMS: its last line of output, one JSON object.
 * The script writes it typed; the CMS reads it through this schema, so a change on either side that
 * the other does not know fails the build with a message instead of recording nonsense.
 */
export const publishResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The build folder `live` points at. */
    folder: z.string(),
    pages: count,
    full: z.boolean(),
    /** Pages of the last build that this one removed. */
    stale: count,
    /** Seconds from the start until the new site was live (a build, not a PDF run). */
    servedAfter: z.number().nonnegative().optional(),
    /** PDFs printed by this run (`--pdfs`). */
    pdfs: count.optional(),
    /** Release pages still without their PDF. */
    pdfsMissing: count,
    seconds: z.number().nonnegative(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
])
export type PublishResult = z.infer<typeof publishResultSchema>

/**
 * The result line of a publish run's output: null when the run died before printing one, a problem
 * when the line breaks the contract.
 */
export function readPublishResult(output: string): PublishResult | { problem: string } | null {
  let json: unknown
  try {
    json = JSON.parse(output.trim().split('\n').at(-1) ?? '')
  } catch {
    return null
  }
  const parsed = publishResultSchema.safeParse(json)
  if (parsed.success) return parsed.data
  return { problem: `the build's result line breaks the contract: ${z.prettifyError(parsed.error)}` }
}
