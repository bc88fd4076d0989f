import type { CollectionConfig } from 'payload'
import { roles } from '../../access/index.ts'
import { label } from '../../lib/label.ts'

export const ALERT_KINDS = ['release', 'correction', 'milestone'] as const
export const ALERT_STATUSES = ['waiting', 'queued', 'sending', 'sent', 'failed', 'cancelled'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

const statusLabels = {
  waiting: label('wartet, bis die Seite live ist', 'waiting for the page to be live'),
  queued: label('eingereiht', 'queued'),
  sending: label('wird versendet', 'sending'),
  sent: label('versendet', 'sent'),
  failed: label('fehlgeschlagen', 'failed'),
  cancelled: label('abgebrochen (nicht mehr öffentlich)', 'cancelled (no longer public)'),
} as const

/**
 * One e-mail alert: a release that went live, a correction the press office sends on purpose, or a
 * public change of a milestone. Created by the publishing hooks, released by a successful site
 * build (src/alerts/release.ts), sent by the `sendAlert` job. Deliveries are in alert-deliveries.
 */
export const Alerts: CollectionConfig = {
  slug: 'alerts',
  labels: { singular: label('E-Mail-Benachrichtigung', 'E-mail alert'), plural: label('E-Mail-Benachrichtigungen', 'E-mail alerts') },
  admin: {
    defaultColumns: ['kind', 'pressRelease', 'milestone', 'status', 'sent', 'failed', 'finishedAt'],
    group: label('Veröffentlichung', 'Publishing'),
  },
  access: { read: roles('press', 'editor'), create: () => false, update: () => false, delete: () => false },
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
      ],
      label: label('Art', 'Kind'),
    },
    { name: 'pressRelease', type: 'relationship', relationTo: 'press-releases', index: true, label: label('Medieninformation', 'Press release') },
    { name: 'milestone', type: 'relationship', relationTo: 'milestones', index: true, label: label('Meilenstein', 'Milestone') },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      enumName: 'alert_status',
      options: ALERT_STATUSES.map((value) => ({ value, label: statusLabels[value] })),
      label: label('Status', 'Status'),
    },
    /** For a milestone: what changed, in the words of the mail ("Stand: erledigt", "neues Datum …"). */
    { name: 'change', type: 'json', label: label('Änderung', 'Change') },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users', label: label('Ausgelöst von', 'Requested by') },
    { name: 'liveAt', type: 'date', label: label('Live seit', 'Live since'), admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } } },
    { name: 'finishedAt', type: 'date', label: label('Versand beendet', 'Finished'), admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } } },
    { name: 'recipients', type: 'number', label: label('Empfänger', 'Recipients') },
    { name: 'sent', type: 'number', defaultValue: 0, label: label('Versendet', 'Sent') },
    { name: 'failed', type: 'number', defaultValue: 0, label: label('Fehlgeschlagen', 'Failed') },
    { name: 'error', type: 'textarea', label: label('Fehlermeldung', 'Error') },
  ],
}
