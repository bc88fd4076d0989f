import { createHmac } from 'node:crypto'
import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'
import { transactionDb } from '../db/transaction.ts'
import { CONFIRM_TTL_MS } from './token.ts'

/**
 * When an address last stopped being subscribed (unsubscribe or an admin's erasure), so that no
 * confirmation link requested before then can subscribe it again: consent given before an erasure
 * is spent (DSGVO Art. 7 and 17), and link scanners re-open old mails.
 *
 * Table `subscription_erasures` (migration 20261203_170000_subscription_erasures): an HMAC of the
 * address, never the address, kept only as long as a confirmation link lives; after that every
 * link requested before the erasure has expired on its own.
 */
const key = (req: PayloadRequest, email: string) =>
  createHmac('sha256', req.payload.secret).update(`subscription erasure:${email.toLowerCase()}`).digest('hex')
const LIFETIME = sql.raw(`interval '${CONFIRM_TTL_MS / 1000} seconds'`)

/** In the deletion's own transaction: if the deletion rolls back, so does this. */
export async function recordErasure(req: PayloadRequest, email: string): Promise<void> {
  const db = await transactionDb(req)
  const mine = key(req, email)
  await db.execute(sql`
    WITH pruned AS (DELETE FROM subscription_erasures WHERE at < now() - ${LIFETIME} AND key <> ${mine})
    INSERT INTO subscription_erasures (key, at) VALUES (${mine}, ${new Date().toISOString()})
    ON CONFLICT (key) DO UPDATE SET at = excluded.at`)
}

/** Whether the address was erased at or after the moment this request for it was made. */
export async function erasedSince(req: PayloadRequest, email: string, requestedAt: string): Promise<boolean> {
  const db = await transactionDb(req)
  const { rows } = await db.execute<{ erased: boolean }>(sql`
    SELECT at >= ${requestedAt}::timestamptz AS erased FROM subscription_erasures WHERE key = ${key(req, email)}`)
  return rows[0]?.erased === true
}
