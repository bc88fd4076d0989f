import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeChangeHook } from 'payload'
import { transactionDb } from '../db/transaction.ts'

/**
 * Payload's runner claims jobs by reading the free ones and then updating each by id
 * (payload#16043, fixed only in 4.0): two runners — two CMS instances, a worker beside them, or two
 * ticks of one process — can read the same job and both run it. Here the claim itself is one
 * conditional UPDATE, so exactly one runner gets each job. The runner that lost gets an error for
 * that job, which Payload's bulk update reports as not updated, so that runner skips it.
 */
export const claimOnce: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || data.processing !== true || originalDoc?.processing) return data
  const claimed = await (await transactionDb(req)).execute(sql`
    UPDATE payload_jobs SET processing = true, updated_at = now()
    WHERE id = ${Number(originalDoc.id)} AND NOT processing AND completed_at IS NULL`)
  if (!claimed.rowCount) throw new Error(`job ${originalDoc.id} was claimed by another runner`)
  return data
}
