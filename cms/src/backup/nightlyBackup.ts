import { berlinDay, berlinHour } from '@masterplan/shared'
import type { Payload } from 'payload'
import { inOwnTransaction } from '../db/ownTransaction.ts'
import { BACKUP_QUEUE } from './job.ts'
import { readEnv } from '../lib/env.ts'

/**
 * Queues tonight's backup once it is due and none is recorded for the night yet. The record and
 * the job commit together; the record's unique night keeps it to one when several CMS instances
 * (or a restart) check at the same minute. Returns whether this call queued it.
 */
export async function queueNightlyBackup(payload: Payload, now = new Date()): Promise<boolean> {
  if (berlinHour(now) < readEnv().BACKUP_HOUR) return false
  const night = berlinDay(now)
  const done = await payload.count({ collection: 'backups', where: { night: { equals: night } }, overrideAccess: true })
  if (done.totalDocs) return false
  try {
    return await inOwnTransaction(payload, async (req) => {
      const record = await payload.create({
        collection: 'backups',
        data: { night, status: 'queued' },
        depth: 0,
        overrideAccess: true,
        req,
      })
      await payload.jobs.queue({ task: 'backup', queue: BACKUP_QUEUE, input: { backupId: record.id }, req })
      return true
    })
  } catch (error) {
    // Another instance recorded the night first: its backup is the one.
    const raced = await payload.count({
      collection: 'backups',
      where: { night: { equals: night } },
      overrideAccess: true,
    })
    if (raced.totalDocs) return false
    throw error
  }
}

/** From BACKUP_HOUR (Europe/Berlin) on, checked every minute, when BACKUP_SCHEDULE=nightly. */
export function startNightlyBackups(payload: Payload): void {
  if (readEnv().BACKUP_SCHEDULE !== 'nightly') return
  const tick = () =>
    queueNightlyBackup(payload).catch((error) => payload.logger.error(`nightly backup: ${(error as Error).message}`))
  setInterval(tick, 60_000).unref()
}
