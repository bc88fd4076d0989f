import { roles } from '../../access/index.ts'
import { statusField } from '../../fields/status.ts'
import { toTheSecond } from '../../fields/timestamp.ts'
import { label } from '../../lib/label.ts'
import { systemCollection } from '../system.ts'

export const ALERT_KINDS = ['release', 'correction', 'milestone', 'archive'] as const
export const ALERT_STATUSES = ['waiting', 'queued', 'sending', 'sent', 'failed', 'cancelled'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/**
 * One e-mail alert: a release that went live, a correction the press office sends on purpose, or a
 * public change of a milestone. Created by the publishing hooks, released by a successful site
 * build (src/alerts/release.ts), sent by the `sendAlert` job. Deliveries are in alert-deliveries.
 */
export const Alerts = systemCollection({
  slug: 'alerts',
  labels: {
    singular: label('E-Mail-Benachrichtigung', 'E-mail alert'),
    plural: label('E-Mail-Benachrichtigungen', 'E-mail alerts'),
  },
  group: 'publishing',
  read: roles('press', 'editor'),
  admin: { defaultColumns: ['kind', 'pressRelease', 'milestone', 'status', 'sent', 'failed', 'finishedAt'] },
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'kind',
      type: 'select',
      required: true,
      enumName: 'alert_kind',
      options: [
        { value: 'release', label: label('Neue Medieninformation', 'New press release') },
        { value: 'correction', label: label('Korrektur', 'Correction') },
        { value: 'milestone', label: label('Meilenstein geändert', 'Milestone changed') },
        { value: 'archive', label: label('Letzte Nachricht: Prozess beendet', 'Last message: process ended') },
      ],
      label: label('Art', 'Kind'),
    },
    {
      name: 'pressRelease',
      type: 'relationship',
      relationTo: 'press-releases',
      index: true,
      label: label('Medieninformation', 'Press release'),
    },
    {
      name: 'milestone',
      type: 'relationship',
      relationTo: 'milestones',
      index: true,
      label: label('Meilenstein', 'Milestone'),
    },
    statusField('alert_status', ALERT_STATUSES, {
      waiting: label('wartet, bis die Seite live ist', 'waiting for the page to be live'),
      queued: label('eingereiht', 'queued'),
      sending: label('wird versendet', 'sending'),
      sent: label('versendet', 'sent'),
      failed: label('fehlgeschlagen', 'failed'),
      cancelled: label('abgebrochen (nicht mehr öffentlich)', 'cancelled (no longer public)'),
    }),
    /** For a milestone: what changed, in the words of the mail ("Stand: erledigt", "neues Datum …"). */
    { name: 'change', type: 'json', label: label('Änderung', 'Change') },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users', label: label('Ausgelöst von', 'Requested by') },
    { name: 'liveAt', type: 'date', label: label('Live seit', 'Live since'), admin: toTheSecond },
    { name: 'finishedAt', type: 'date', label: label('Versand beendet', 'Finished'), admin: toTheSecond },
    { name: 'recipients', type: 'number', label: label('Empfänger', 'Recipients') },
    { name: 'sent', type: 'number', defaultValue: 0, label: label('Versendet', 'Sent') },
    { name: 'failed', type: 'number', defaultValue: 0, label: label('Fehlgeschlagen', 'Failed') },
    { name: 'error', type: 'textarea', label: label('Fehlermeldung', 'Error') },
  ],
})
