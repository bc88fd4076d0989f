import { sql } from '@payloadcms/db-postgres'
import { berlinDay, berlinHour } from '@masterplan/shared'
import type { Payload, Where } from 'payload'
import { NIGHTLY_LOCK } from '../db/advisoryLocks.ts'
import { inOwnTransaction } from '../db/ownTransaction.ts'
import { transactionDb } from '../db/transaction.ts'
import { queueSiteBuild } from './queue.ts'

/** The trigger's `change` of the night's build, which renders the whole site (siteBuild/task.ts). */
export const NIGHTLY = 'Nachtbuild'

/**
 * Queues the night's build once it is due (after 00:05 Europe/Berlin) and none is recorded for the
 * night. The night is looked up in the build's triggers, not its summary, which a save joining the
 * build rewrites. Runners (instances, workers) check in turn under a transaction-scoped lock, so
 * the second one sees the first one's build. Returns whether this call queued it.
 */
export async function queueNightlyBuild(payload: Payload, now = new Date()): Promise<boolean> {
  if (berlinHour(now) !== 0 || now.getMinutes() < 5) return false
  const night = berlinDay(now)
  return inOwnTransaction(payload, async (req) => {
    await (await transactionDb(req)).execute(sql`SELECT pg_advisory_xact_lock(${NIGHTLY_LOCK})`)
    const where: Where = { and: [{ 'triggers.change': { equals: NIGHTLY } }, { 'triggers.title': { equals: night } }] }
    const done = (await payload.count({ collection: 'site-builds', where, req, overrideAccess: true })).totalDocs > 0
    if (!done) await queueSiteBuild(req, { collection: 'site', change: NIGHTLY, title: night }, { mode: 'full' })
    return !done
  })
}

/** Rebuilds the site shortly after midnight, so "today" and the milestone states follow the date. */
export function startNightlyBuilds(payload: Payload): void {
  const tick = () =>
    queueNightlyBuild(payload).catch((error) => payload.logger.error(`nightly build: ${(error as Error).message}`))
  setInterval(tick, 60_000).unref()
}
