import type { Payload } from 'payload'
import { adminLanguage, numberFormat, speaker } from '../i18n/language.ts'
import { subscriptionCounts } from '../subscriptions/counts.ts'

type Props = { payload: Payload; user?: { role?: string | null } | null; i18n?: { language?: string } }

/** On the dashboard for all staff: how many people receive what. Addresses are for admins only. */
export async function SubscriptionCounts({ payload, user, i18n }: Props) {
  if (!user) return null
  const language = adminLanguage(i18n)
  const say = speaker(language)
  const number = (n: number) => numberFormat(language).format(n)
  const counts = await subscriptionCounts(payload)
  const { total } = counts
  const releases = number(counts.topics['press-releases'])
  const milestones = number(counts.topics.milestones)
  return (
    <section className="dashboard__group" aria-labelledby="abonnements" style={{ marginTop: '2rem' }}>
      <h2 id="abonnements">{say('Abonnements (E-Mail-Benachrichtigungen)', 'Subscriptions (e-mail alerts)')}</h2>
      <p data-subscription-counts={JSON.stringify(counts)}>
        {say(
          `${number(total)} bestätigte Adressen: ${releases} für Medieninformationen, ${milestones} für Meilensteine.`,
          `${number(total)} confirmed addresses: ${releases} for press releases, ${milestones} for milestones.`,
        )}
        {user.role === 'admin' ? (
          <>
            {' '}
            <a href="/admin/collections/subscriptions">{say('Adressen verwalten', 'Manage addresses')}</a>
          </>
        ) : null}
      </p>
    </section>
  )
}
