import { createHmac } from 'node:crypto'
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { postgres } from '../db/postgres.ts'

/** Confirmation mails per hour: to one address, from one client, and from the whole site. */
export const REQUEST_LIMITS = { perAddress: 3, perClient: 10, overall: 500 } as const
const WINDOW = sql.raw(`interval '1 hour'`)

/**
 * The mailbox an address delivers to, for counting: `name+tag@domain` reaches `name@domain` with
 * most providers, so a tag must not buy three more mails to the same inbox.
 */
export const baseAddress = (address: string) => address.toLowerCase().replace(/^([^+@]+)\+[^@]*@/, '$1@')

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number }

/**
 * Whether another confirmation mail may go out. Nobody can use the form to flood a stranger's
 * mailbox (per address, plus-tags counted with their base), one client cannot mail many strangers
 * (per client: its socket address, or behind a trusted proxy the address it reports), and a
 * distributed flood stops at the overall cap.
 *
 * Table `subscription_requests` (migration 20261125_111500_subscription_requests): HMAC'd keys, never an
 * address, pruned after the hour. A refused request writes nothing; one statement, no transaction.
 */
export async function admitRequest(payload: Payload, address: string, client: string | null): Promise<Admission> {
  const digest = (key: string) => createHmac('sha256', payload.secret).update(key).digest('hex')
  const addressKey = `address:${digest(baseAddress(address))}`
  const clientKey = client ? `client:${digest(client)}` : null
  const db = postgres(payload).drizzle
  const { rows } = await db.execute<{
    address: number
    client: number
    overall: number
    oldest: number | null
    inserted: number
  }>(sql`
    WITH pruned AS (DELETE FROM subscription_requests WHERE at < now() - ${WINDOW}),
      recent AS (SELECT key, at FROM subscription_requests WHERE at >= now() - ${WINDOW}),
      counts AS (
        SELECT count(*) FILTER (WHERE key = ${addressKey})::int AS address,
          count(*) FILTER (WHERE key = ${clientKey})::int AS client,
          count(*) FILTER (WHERE key LIKE 'address:%')::int AS overall
        FROM recent),
      admitted AS (
        INSERT INTO subscription_requests (key)
        SELECT k FROM counts, unnest(ARRAY[${addressKey}, ${clientKey}]::text[]) AS k
        WHERE k IS NOT NULL AND address < ${REQUEST_LIMITS.perAddress} AND client < ${REQUEST_LIMITS.perClient} AND overall < ${REQUEST_LIMITS.overall}
        RETURNING 1)
    SELECT counts.*, (SELECT count(*)::int FROM admitted) AS inserted,
      (SELECT ceil(extract(epoch FROM min(at) + ${WINDOW} - now()))::int FROM recent WHERE key IN (${addressKey}, ${clientKey})) AS oldest
    FROM counts`)
  const row = rows[0]!
  if (row.inserted > 0) return { admitted: true }
  return { admitted: false, retryAfterSeconds: Math.max(1, row.oldest ?? 3600) }
}
