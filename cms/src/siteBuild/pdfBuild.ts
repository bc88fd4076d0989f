import type { Payload } from 'payload'
import { inOwnTransaction } from '../db/ownTransaction.ts'
import { queueSiteBuild } from './queue.ts'

/**
 * The trigger's `change` of a build that prints the releases' missing PDFs from the live site and
 * links them (the site's `publish --pdfs`), a batch at a time.
 */
export const PDFS = 'PDFs'

/**
 * Queued after a build that left release pages without their PDF: printing runs as a build of its
 * own, so a page goes live without waiting for it, and a site-wide change (every PDF printed again)
 * holds the next publish back by one batch at most. Joins a waiting build like any change.
 */
export async function queuePdfBuild(payload: Payload, missing: number): Promise<void> {
  await inOwnTransaction(payload, (req) =>
    queueSiteBuild(req, { collection: 'press-releases', change: PDFS, title: `${missing} Seite(n)` }, { mode: 'pdfs' }),
  )
}
