import type { Payload } from 'payload'
import { subscriptionCounts } from '../subscriptions/counts.ts'

type Props = { payload: Payload; user?: { role?: string | null } | null }

const number = (n: number) => new Intl.NumberFormat('de-DE').format(n)

/** On the dashboard for all staff: how many people receive what. Addresses are for admins only. */
export async function SubscriptionCounts({ payload, user }: Props) {
  if (!user) return null
  const counts = await subscriptionCounts(payload)
  return (
    <section className="dashboard__group" aria-labelledby="abonnements" style={{ marginTop: '2rem' }}>
      <h2 id="abonnements">Abonnements (E-Mail-Benachrichtigungen)</h2>
      <p data-subscription-counts={JSON.stringify(counts)}>
        {number(counts.total)} bestätigte Adressen: {number(counts.topics['press-releases'])} für Medieninformationen,{' '}
        {number(counts.topics.milestones)} für Meilensteine.
        {user.role === 'admin' ? (
          <>
            {' '}
            <a href="/admin/collections/subscriptions">Adressen verwalten</a>
          </>
        ) : null}
      </p>
    </section>
  )
}
