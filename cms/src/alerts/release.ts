import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { archived } from '../archiveMode/archived.ts'
import type { Alert } from '../payload-types.ts'
import { postgres } from '../db/postgres.ts'

export const MAIL_QUEUE = 'mail'

const idOf = (ref: number | { id: number } | null | undefined) => (typeof ref === 'object' ? ref?.id : ref)

/** Whether the document an alert is about was public when the build started (so the build shows it). */
async function publicAt(payload: Payload, alert: Alert, at: Date): Promise<boolean> {
  // The last message is about the whole site: it goes with a build of the archive, not before.
  if (alert.kind === 'archive') return archived(payload, { now: at })
  const collection = alert.milestone ? 'milestones' : 'press-releases'
  const id = idOf(alert.milestone ?? alert.pressRelease)
  if (!id) return false
  const doc = await payload.findByID({
    collection,
    id,
    depth: 0,
    draft: false,
    overrideAccess: true,
    disableErrors: true,
  })
  if (doc?._status !== 'published') return false
  const embargo = 'embargoUntil' in doc ? doc.embargoUntil : null
  return !embargo || new Date(embargo) <= at
}

/**
 * After a site build succeeded (local target) or its host reported success (deploy-hook): every
 * waiting alert whose document this build shows is queued for sending. "Shows" means the alert
 * was recorded before the build started and its document was public at that moment — an
 * embargoed release waits for the build of its minute. Alerts for documents withdrawn meanwhile
 * keep waiting, and go out if they are published again.
 *
 * Idempotent: also run at start-up, for alerts whose build finished just before a crash.
 */
export async function releaseAlerts(payload: Payload, buildStartedAt: Date): Promise<number> {
  const waiting = await payload.find({
    collection: 'alerts',
    where: {
      and: [{ status: { equals: 'waiting' } }, { createdAt: { less_than_equal: buildStartedAt.toISOString() } }],
    },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let queued = 0
  for (const alert of waiting.docs) {
    if (!(await publicAt(payload, alert, buildStartedAt))) continue
    if (await queueAlert(payload, alert.id)) queued++
  }
  return queued
}

/**
 * The moment the page is live is the alert's `liveAt`; the send job goes to the mail queue. One
 * conditional UPDATE claims the alert, so of two CMS instances releasing at once only one queues it.
 */
export async function queueAlert(payload: Payload, id: number): Promise<boolean> {
  const db = postgres(payload).drizzle
  const claimed = await db.execute(
    sql`UPDATE alerts SET status = 'queued', live_at = now(), updated_at = now() WHERE id = ${id} AND status = 'waiting' RETURNING id`,
  )
  if (claimed.rows.length === 0) return false
  await payload.jobs.queue({ task: 'sendAlert', input: { alertId: id }, queue: MAIL_QUEUE })
  return true
}

/** The newest successful build, for alerts left waiting by a crash between build and release. */
export async function releaseAfterLastBuild(payload: Payload): Promise<void> {
  const last = await payload.find({
    collection: 'site-builds',
    where: { status: { equals: 'success' } },
    sort: '-finishedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const startedAt = last.docs[0]?.startedAt
  if (startedAt) await releaseAlerts(payload, new Date(startedAt))
}
