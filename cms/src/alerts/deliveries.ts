import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import type { Locale, SubscriptionTopic } from '@masterplan/shared'

export type Recipient = { id: number; email: string; language: Locale }

/**
 * Plain SQL on the pool, each statement committed on its own: a delivery is on record the moment
 * the mail server accepted it, whatever happens to the job afterwards. Payload's API would wrap
 * each in hooks and a transaction, at ten times the cost for 10,000 rows.
 */
const db = (payload: Payload) => (payload.db as unknown as PostgresAdapter).drizzle

/** Who receives an alert: subscribers of its topic, confirmed before the page went live. */
export async function countRecipients(payload: Payload, topic: SubscriptionTopic, liveAt: string): Promise<number> {
  const { rows } = await db(payload).execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM subscriptions s
    WHERE s.confirmed_at <= ${liveAt} AND EXISTS (SELECT 1 FROM subscriptions_topics t WHERE t.parent_id = s.id AND t.value = ${topic})`)
  return rows[0]!.n
}

/** The next recipients after `afterId` with no delivery on record for this alert. */
export async function nextRecipients(payload: Payload, alertId: number, topic: SubscriptionTopic, liveAt: string, afterId: number, limit: number): Promise<Recipient[]> {
  const { rows } = await db(payload).execute<Recipient>(sql`
    SELECT s.id, s.email, s.language FROM subscriptions s
    WHERE s.id > ${afterId} AND s.confirmed_at <= ${liveAt}
      AND EXISTS (SELECT 1 FROM subscriptions_topics t WHERE t.parent_id = s.id AND t.value = ${topic})
      AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = ${alertId} AND d.subscription = s.id)
    ORDER BY s.id LIMIT ${limit}`)
  return rows
}

export async function recordDelivery(payload: Payload, alertId: number, subscription: number, status: 'sent' | 'failed', response: string): Promise<void> {
  await db(payload).execute(sql`
    INSERT INTO alert_deliveries (alert_id, subscription, status, response, at, updated_at, created_at)
    VALUES (${alertId}, ${subscription}, ${status}, ${response.slice(0, 500)}, now(), now(), now())
    ON CONFLICT DO NOTHING`)
}

export async function deliveryCounts(payload: Payload, alertId: number): Promise<{ sent: number; failed: number }> {
  const { rows } = await db(payload).execute<{ sent: number; failed: number }>(sql`
    SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed
    FROM alert_deliveries WHERE alert_id = ${alertId}`)
  return rows[0]!
}
