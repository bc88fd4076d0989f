import type { Payload } from 'payload'
import type { Alert } from '../payload-types.ts'
import { CorrectionAlertButton } from './CorrectionAlertButton.tsx'

type Props = { payload: Payload; id?: number | string; user?: { role?: string | null } | null }

const number = (n: number) => new Intl.NumberFormat('de-DE').format(n)
const time = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))

function describe(alert: Alert): string {
  const what = alert.kind === 'correction' ? 'Korrektur' : 'E-Mail-Benachrichtigung'
  switch (alert.status) {
    case 'waiting':
      return `${what}: wird versendet, sobald die Seite live ist.`
    case 'queued':
      return `${what}: eingereiht.`
    case 'sending':
      return `${what}: wird versendet (${number(alert.sent ?? 0)} von ${number(alert.recipients ?? 0)})${alert.error ? ` – ${alert.error}` : ''}.`
    case 'sent':
      return `${what}: an ${number(alert.sent ?? 0)} Abonnenten versendet am ${time(alert.finishedAt!)}${alert.failed ? `; ${number(alert.failed)} Adressen abgelehnt` : ''}.`
    case 'failed':
      return `${what}: fehlgeschlagen${alert.error ? ` – ${alert.error}` : ''}.`
    default:
      return `${what}: abgebrochen, die Medieninformation ist nicht mehr öffentlich.`
  }
}

/** In the release's sidebar: what was mailed to subscribers, and the button for a correction alert. */
export async function AlertStatus({ payload, id, user }: Props) {
  if (!id) return null
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
      <strong>E-Mail-Abonnenten</strong>
      {alerts.docs.length === 0 ? (
        <p style={{ margin: '0.25rem 0 0' }}>
          Noch keine Benachrichtigung: sie geht beim ersten Veröffentlichen raus, sobald die Seite live ist.
        </p>
      ) : (
        <ul style={{ margin: '0.25rem 0 0', paddingLeft: '1.1rem' }}>
          {alerts.docs.map((alert) => (
            <li key={alert.id} data-alert-status={alert.status} data-alert-kind={alert.kind}>
              {describe(alert)}
            </li>
          ))}
        </ul>
      )}
      {mayCorrect && announced ? <CorrectionAlertButton id={Number(id)} /> : null}
    </div>
  )
}
