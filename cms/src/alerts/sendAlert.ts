import type { Payload, TaskConfig } from 'payload'
import type { Locale } from '@masterplan/shared'
import { isStopping, track } from '../lib/shutdown.ts'
import { type Imprint, readImprint } from '../mail/imprint.ts'
import { unsubscribeUrl } from '../subscriptions/unsubscribe.ts'
import { alertMail } from './alertMail.ts'
import { alertContent } from './content.ts'
import { leaseMs } from '../jobs/leases.ts'
import {
  claimRecipients,
  countRecipients,
  deliveryCounts,
  type Recipient,
  recordDelivery,
  releaseClaim,
} from './deliveries.ts'
import { MAIL_QUEUE } from './release.ts'

type SendAlertTask = { input: { alertId: number }; output: { sent: number; failed: number } }

/** Mails handed to the transport at once; its pool sends them at MAIL_RATE_PER_SECOND. */
const BATCH = 50

type SmtpError = Error & { responseCode?: number; response?: string }
/** 5xx is the server's final word about this address; anything else (4xx, no connection) may pass later. */
const isPermanent = (error: SmtpError) => (error.responseCode ?? 0) >= 500

/**
 * Sends one alert to every subscriber of its topic who confirmed before its page went live. Each
 * recipient is claimed before the mail goes out and its outcome recorded at once (deliveries.ts),
 * so a job that fails, is stopped or is retried after a crash picks up where it stopped, and two
 * workers on one alert never mail the same person. On a graceful stop (lib/shutdown.ts) mails
 * already handed over are awaited and recorded, and a fresh job continues after the restart.
 * A crash (SIGKILL) can repeat only the mails that were in flight; their claims are taken over
 * after the job lease. Nobody is skipped.
 */
export const sendAlertTask: TaskConfig<SendAlertTask> = {
  slug: 'sendAlert',
  label: 'E-Mail-Benachrichtigung',
  inputSchema: [{ name: 'alertId', type: 'number', required: true }],
  outputSchema: [
    { name: 'sent', type: 'number' },
    { name: 'failed', type: 'number' },
  ],
  retries: { attempts: 6, backoff: { type: 'exponential', delay: 30_000 } },
  // The whole run is tracked: a graceful stop waits until it has recorded and handed over.
  handler: ({ input, req: { payload } }) => track(sendAlert(payload, input.alertId)),
}

async function sendAlert(payload: Payload, alertId: number): Promise<{ output: SendAlertTask['output'] }> {
  const record = (data: Record<string, unknown>) =>
    payload.update({ collection: 'alerts', id: alertId, data, depth: 0, overrideAccess: true })
  const alert = await payload.findByID({ collection: 'alerts', id: alertId, depth: 0, overrideAccess: true })
  if (alert.status === 'sent' || alert.status === 'cancelled')
    return { output: { sent: alert.sent ?? 0, failed: alert.failed ?? 0 } }
  const content = await alertContent(payload, alert)
  if (!content) {
    await record({ status: 'cancelled', finishedAt: new Date().toISOString() })
    return { output: { sent: 0, failed: 0 } }
  }
  // The archive's last message goes to every subscriber, whatever they subscribed to.
  const topic = alert.kind === 'archive' ? null : alert.kind === 'milestone' ? 'milestones' : 'press-releases'
  const liveAt = alert.liveAt ?? new Date().toISOString()
  await record({ status: 'sending', recipients: await countRecipients(payload, topic, liveAt), error: null })
  const imprints: Record<Locale, Imprint> = {
    de: await readImprint(payload, 'de'),
    en: await readImprint(payload, 'en'),
  }

  // Set inside the sends: TypeScript cannot see that, hence the widened type.
  let retryLater = null as string | null
  const send = async (to: Recipient) => {
    const mail = alertMail(alert.kind, alert.id, content, to, unsubscribeUrl(payload.secret, to), imprints[to.language])
    try {
      const info = (await payload.sendEmail(mail)) as { response?: string }
      await recordDelivery(payload, alert.id, to.id, 'sent', info?.response ?? 'accepted')
    } catch (error) {
      const smtp = error as SmtpError
      if (isPermanent(smtp)) return recordDelivery(payload, alert.id, to.id, 'failed', smtp.response ?? smtp.message)
      retryLater ??= smtp.response ?? smtp.message
      await releaseClaim(payload, alert.id, to.id)
    }
  }
  while (!retryLater && !isStopping()) {
    const batch = await claimRecipients(payload, alert.id, topic, liveAt, BATCH, leaseMs())
    if (batch.length === 0) break
    await Promise.all(batch.map(send))
  }

  const { pending, ...counts } = await deliveryCounts(payload, alert.id)
  if (isStopping() && !retryLater) {
    // Not a failed attempt: a fresh job continues after the restart, without the retry back-off.
    await record(counts)
    await payload.jobs.queue({ task: 'sendAlert', input: { alertId: alert.id }, queue: MAIL_QUEUE })
    return { output: counts }
  }
  if (retryLater || pending > 0) {
    // Pending claims belong to another worker, or to one that died: a retry takes them over once stale.
    const reason = retryLater
      ? `Mailserver: ${retryLater}`
      : `${pending} Zustellungen noch offen / deliveries still in flight`
    await record({ ...counts, error: `${reason} — der Versand wird fortgesetzt / sending resumes` })
    throw new Error(`alert ${alert.id}: ${reason}`)
  }
  const status = counts.sent === 0 && counts.failed > 0 ? 'failed' : 'sent'
  await record({
    ...counts,
    status,
    finishedAt: new Date().toISOString(),
    error: counts.failed ? `${counts.failed} Adressen abgelehnt / addresses refused` : null,
  })
  payload.logger.info(
    { event: 'alert-sent', alertId: alert.id, ...counts },
    `alert ${alert.id}: ${counts.sent} sent, ${counts.failed} refused`,
  )
  return { output: counts }
}
