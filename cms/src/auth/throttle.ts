import { createHmac } from 'node:crypto'
import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'
import { transactionDb } from '../db/transaction.ts'
import { postgres } from '../db/postgres.ts'

/** Failed logins one client may make in WINDOW_MS, across all accounts. */
export const MAX_FAILURES_PER_CLIENT = 20
export const WINDOW_MS = 10 * 60 * 1000

export type Attempt = { allowed: true; id: number } | { allowed: false; retryAfterSeconds: number }

/**
 * The counts live in PostgreSQL (table `login_failures`, migration 20261125_085625_login_failures)
 * so that every CMS instance behind a load balancer sees the same ones, and they survive a
 * restart. Keys are stored as an HMAC with the server's secret: no addresses or e-mails at rest.
 */
const digest = (payload: Payload, key: string) => createHmac('sha256', payload.secret).update(key).digest('hex')

const inWindow = sql.raw(`interval '${WINDOW_MS / 1000} seconds'`)

/**
 * Records a login attempt as failed before it is checked: a crash, a timeout or an error half way
 * must not hand out free guesses. A successful login takes it back (`forgetAttempt`). Over the
 * limit, nothing is recorded, so a client that waits Retry-After seconds gets in.
 *
 * One statement outside any transaction, so the record stays when the login rolls back. Clients
 * racing in parallel can each see one failure short of the limit: the bound holds to within the
 * number of simultaneous requests, which the connection pool keeps small.
 */
export async function beginAttempt(payload: Payload, key: string): Promise<Attempt> {
  const client = digest(payload, key)
  const db = postgres(payload).drizzle
  const { rows } = await db.execute<{ earlier: number; id: number | null }>(sql`
    WITH pruned AS (DELETE FROM login_failures WHERE at < now() - ${inWindow}),
      earlier AS (SELECT count(*)::int AS n FROM login_failures WHERE client = ${client} AND at >= now() - ${inWindow}),
      mine AS (INSERT INTO login_failures (client) SELECT ${client} FROM earlier WHERE n < ${MAX_FAILURES_PER_CLIENT} RETURNING id)
    SELECT (SELECT n FROM earlier) AS earlier, (SELECT id FROM mine) AS id`)
  const { earlier, id } = rows[0]!
  if (id !== null) return { allowed: true, id }
  // Another attempt is allowed once enough of the failures in the window have aged out of it.
  const { rows: oldest } = await db.execute<{ wait: number }>(sql`
    SELECT ceil(extract(epoch FROM at + ${inWindow} - now()))::int AS wait FROM login_failures
      WHERE client = ${client} AND at >= now() - ${inWindow}
      ORDER BY at OFFSET ${Math.max(0, earlier - MAX_FAILURES_PER_CLIENT)} LIMIT 1`)
  return { allowed: false, retryAfterSeconds: Math.max(1, oldest[0]?.wait ?? 1) }
}

/** A successful login is no failure. In the login's own transaction, so it holds no second connection. */
export async function forgetAttempt(req: PayloadRequest, id: number): Promise<void> {
  const db = await transactionDb(req)
  await db.execute(sql`DELETE FROM login_failures WHERE id = ${id}`)
}
