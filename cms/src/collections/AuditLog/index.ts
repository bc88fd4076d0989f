import { roles } from '../../access/index.ts'
import { toTheSecond } from '../../fields/timestamp.ts'
import { labelledOptions } from '../../fields/options.ts'
import { label } from '../../lib/label.ts'
import { systemCollection } from '../system.ts'

export const AUDIT_ACTIONS = [
  'publish',
  'unpublish',
  'schedule-publish',
  'schedule-unpublish',
  'delete',
  'subscription-removed',
] as const

const actionLabels = {
  publish: label('veröffentlicht', 'published'),
  unpublish: label('Veröffentlichung aufgehoben', 'unpublished'),
  'schedule-publish': label('Veröffentlichung geplant', 'publishing scheduled'),
  'schedule-unpublish': label('Aufhebung geplant', 'unpublishing scheduled'),
  delete: label('gelöscht', 'deleted'),
  'subscription-removed': label('Abonnement entfernt', 'subscription removed'),
}

/** Who published, unpublished or scheduled what, and when. Written by hooks; read by admins only. */
export const AuditLog = systemCollection({
  slug: 'audit-log',
  labels: {
    singular: label('Protokolleintrag', 'Audit entry'),
    plural: label('Veröffentlichungsprotokoll', 'Publishing log'),
  },
  group: 'publishing',
  read: roles(),
  admin: { useAsTitle: 'title', defaultColumns: ['at', 'action', 'title', 'user'] },
  defaultSort: '-at',
  fields: [
    {
      name: 'action',
      type: 'select',
      required: true,
      enumName: 'audit_action',
      options: labelledOptions(AUDIT_ACTIONS, actionLabels),
      label: label('Aktion', 'Action'),
    },
    { name: 'collection', type: 'text', required: true, label: label('Sammlung', 'Collection') },
    { name: 'documentId', type: 'number', required: true, index: true, label: label('Dokument-ID', 'Document id') },
    { name: 'title', type: 'text', label: label('Titel', 'Title') },
    { name: 'user', type: 'relationship', relationTo: 'users', label: label('Benutzer', 'User') },
    { name: 'at', type: 'date', required: true, label: label('Zeitpunkt', 'At'), admin: toTheSecond },
    {
      name: 'scheduledFor',
      type: 'date',
      label: label('Geplant für', 'Scheduled for'),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
})
