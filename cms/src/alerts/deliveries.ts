import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import type { Locale, SubscriptionTopic } from '@masterplan/shared'
import { postgres } from '../db/postgres.ts'

export type Recipient = { id: number; email: string; language: Locale }

/**
 * Plain SQL on the pool, each statement committed on its own: a claim or a delivery is on record
 * the moment it happens, whatever becomes of the job afterwards. Payload's API would wrap each in
 * hooks and a transaction, at ten times the cost for 10,000 rows.
 */
const db = (payload: Payload) => postgres(payload).drizzle

/** A topic's subscribers, or (null: the archive's last message) every confirmed subscriber. */
const subscribedTo = (topic: SubscriptionTopic | null, liveAt: string) =>
  topic === null
    ? sql`s.confirmed_at <= ${liveAt}`
    : sql`s.confirmed_at <= ${liveAt} AND EXISTS (SELECT 1 FROM subscriptions_topics t WHERE t.parent_id = s.id AND t.value = ${topic})`

/** Who receives an alert: subscribers of its topic, confirmed before the page went live. */
export async function countRecipients(
  payload: Payload,
  topic: SubscriptionTopic | null,
  liveAt: string,
): Promise<number> {
  const { rows } = await db(payload).execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM subscriptions s WHERE ${subscribedTo(topic, liveAt)}`,
  )
  return rows[0]!.n
}

/**
 * Claims the next recipients without a delivery row by inserting theirs as "sending". The unique
 * (alert, subscription) pair makes the claim exclusive: two workers on one alert never share a
 * recipient. Claims older than `staleMs` belong to a worker that died mid-send; they are taken over
 * (that recipient may get the mail twice if the server had accepted it — never none).
 */
export async function claimRecipients(
  payload: Payload,
  alertId: number,
  topic: SubscriptionTopic | null,
  liveAt: string,
  limit: number,
  staleMs: number,
): Promise<Recipient[]> {
  const { rows: stale } = await db(payload).execute<{ subscription: number }>(sql`
    UPDATE alert_deliveries SET at = now(), updated_at = now()
    WHERE id IN (SELECT id FROM alert_deliveries WHERE alert_id = ${alertId} AND status = 'sending' AND at < now() - make_interval(secs => ${staleMs / 1000}) LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING subscription`)
  const { rows: fresh } = await db(payload).execute<{ subscription: number }>(sql`
    INSERT INTO alert_deliveries (alert_id, subscription, status, at, updated_at, created_at)
    SELECT ${alertId}, s.id, 'sending', now(), now(), now() FROM subscriptions s
    WHERE ${subscribedTo(topic, liveAt)}
      AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = ${alertId} AND d.subscription = s.id)
    ORDER BY s.id LIMIT ${Math.max(0, limit - stale.length)}
    ON CONFLICT DO NOTHING RETURNING subscription`)
  const ids = [...stale, ...fresh].map((row) => Number(row.subscription))
  if (ids.length === 0) return []
  const { rows } = await db(payload).execute<Recipient>(
    sql`SELECT id, email, language FROM subscriptions WHERE id IN ${ids} ORDER BY id`,
  )
  // A claimed subscriber who unsubscribed meanwhile has no row left to mail.
  return rows
}

/** The server's answer for a claimed recipient: accepted, or refused for good. */
export async function recordDelivery(
  payload: Payload,
  alertId: number,
  subscription: number,
  status: 'sent' | 'failed',
  response: string,
): Promise<void> {
  await db(payload).execute(sql`
    UPDATE alert_deliveries SET status = ${status}, response = ${response.slice(0, 500)}, at = now(), updated_at = now()
    WHERE alert_id = ${alertId} AND subscription = ${subscription}`)
}

/** A temporary failure: the claim goes, and a later run tries this recipient again. */
export async function releaseClaim(payload: Payload, alertId: number, subscription: number): Promise<void> {
  await db(payload).execute(
    sql`DELETE FROM alert_deliveries WHERE alert_id = ${alertId} AND subscription = ${subscription} AND status = 'sending'`,
  )
}

export async function deliveryCounts(
  payload: Payload,
  alertId: number,
): Promise<{ sent: number; failed: number; pending: number }> {
  const { rows } = await db(payload).execute<{ sent: number; failed: number; pending: number }>(sql`
    SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
      count(*) FILTER (WHERE status = 'sending')::int AS pending
    FROM alert_deliveries WHERE alert_id = ${alertId}`)
  return rows[0]!
}
