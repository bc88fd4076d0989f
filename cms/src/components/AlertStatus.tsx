import type { Payload } from 'payload'
import { type AdminLanguage, adminLanguage, dateTimeFormat, numberFormat, speaker } from '../i18n/language.ts'
import type { Alert } from '../payload-types.ts'
import { CorrectionAlertButton } from './CorrectionAlertButton.tsx'

type Props = {
  payload: Payload
  id?: number | string
  user?: { role?: string | null } | null
  i18n?: { language?: string }
}

function describe(alert: Alert, language: AdminLanguage): string {
  const say = speaker(language)
  const number = (n: number | null | undefined) => numberFormat(language).format(n ?? 0)
  const what =
    alert.kind === 'correction' ? say('Korrektur', 'Correction') : say('E-Mail-Benachrichtigung', 'E-mail alert')
  const error = alert.error ? ` – ${alert.error}` : ''
  switch (alert.status) {
    case 'waiting':
      return `${what}: ${say('wird versendet, sobald die Seite live ist.', 'will be sent as soon as the page is live.')}`
    case 'queued':
      return `${what}: ${say('eingereiht.', 'queued.')}`
    case 'sending':
      return `${what}: ${say(
        `wird versendet (${number(alert.sent)} von ${number(alert.recipients)})`,
        `sending (${number(alert.sent)} of ${number(alert.recipients)})`,
      )}${error}.`
    case 'sent': {
      const at = dateTimeFormat(language).format(new Date(alert.finishedAt!))
      const refused = alert.failed
        ? say(`; ${number(alert.failed)} Adressen abgelehnt`, `; ${number(alert.failed)} addresses refused`)
        : ''
      return `${what}: ${say(
        `an ${number(alert.sent)} Abonnenten versendet am ${at}`,
        `sent to ${number(alert.sent)} subscribers on ${at}`,
      )}${refused}.`
    }
    case 'failed':
      return `${what}: ${say('fehlgeschlagen', 'failed')}${error}.`
    default:
      return `${what}: ${say(
        'abgebrochen, die Medieninformation ist nicht mehr öffentlich.',
        'cancelled, the press release is no longer public.',
      )}`
  }
}

/** In the release's sidebar: what was mailed to subscribers, and the button for a correction alert. */
export async function AlertStatus({ payload, id, user, i18n }: Props) {
  if (!id) return null
  const language = adminLanguage(i18n)
  const say = speaker(language)
  const alerts = await payload.find({
    collection: 'alerts',
    where: { pressRelease: { equals: Number(id) } },
    sort: '-createdAt',
    limit: 5,
    depth: 0,
    overrideAccess: true,
  })
  const mayCorrect = user?.role === 'admin' || user?.role === 'press'
  const announced = alerts.docs.some((alert) => alert.kind === 'release' && alert.status === 'sent')
  return (
    <div className="field-type" style={{ marginBottom: '1.5rem' }}>
      <strong>{say('E-Mail-Abonnenten', 'E-mail subscribers')}</strong>
      {alerts.docs.length === 0 ? (
        <p style={{ margin: '0.25rem 0 0' }}>
          {say(
            'Noch keine Benachrichtigung: sie geht beim ersten Veröffentlichen raus, sobald die Seite live ist.',
            'No alert yet: it goes out on first publication, as soon as the page is live.',
          )}
        </p>
      ) : (
        <ul style={{ margin: '0.25rem 0 0', paddingLeft: '1.1rem' }}>
          {alerts.docs.map((alert) => (
            <li key={alert.id} data-alert-status={alert.status} data-alert-kind={alert.kind}>
              {describe(alert, language)}
            </li>
          ))}
        </ul>
      )}
      {mayCorrect && announced ? <CorrectionAlertButton id={Number(id)} /> : null}
    </div>
  )
}
