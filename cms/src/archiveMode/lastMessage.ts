import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { LAST_MESSAGE_LOCK } from '../db/advisoryLocks.ts'
import { inOwnTransaction } from '../db/ownTransaction.ts'
import { transactionDb } from '../db/transaction.ts'
import { readEnv } from '../lib/env.ts'
import { queueSiteBuild } from '../siteBuild/queue.ts'
import { archived } from './archived.ts'

/**
 * Once the portal is an archive, its subscribers get one last message (an alert of kind `archive`,
 * to every confirmed subscriber whatever their topics) and nothing after it (alerts/create.ts). The
 * alert waits like any other for a site build — one queued with it, which puts the archive banner
 * online — and goes out only with a build of the archive (alerts/release.ts): switched off again
 * meanwhile, it waits. Runners check in turn under a transaction-scoped lock, so there is one such
 * alert however many run. Returns whether this call recorded it.
 */
export async function queueLastMessage(payload: Payload, now = new Date()): Promise<boolean> {
  if (readEnv().SITE_BUILD_TARGET === 'none') return false
  return inOwnTransaction(payload, async (req) => {
    await (await transactionDb(req)).execute(sql`SELECT pg_advisory_xact_lock(${LAST_MESSAGE_LOCK})`)
    const due =
      (await archived(payload, { req, now })) &&
      (
        await payload.count({
          collection: 'alerts',
          where: { and: [{ kind: { equals: 'archive' } }, { status: { not_equals: 'cancelled' } }] },
          req,
          overrideAccess: true,
        })
      ).totalDocs === 0
    if (due) {
      await payload.create({
        collection: 'alerts',
        data: { kind: 'archive', status: 'waiting' },
        req,
        overrideAccess: true,
      })
      await queueSiteBuild(req, { collection: 'site', change: 'Archivmodus' })
    }
    return due
  })
}

/** Checked every minute where the job queues run, like the nightly build. */
export function startLastMessage(payload: Payload): void {
  const tick = () =>
    queueLastMessage(payload).catch((error) => payload.logger.error(`archive message: ${(error as Error).message}`))
  setInterval(tick, 60_000).unref()
}
