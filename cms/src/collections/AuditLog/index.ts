import type { CollectionConfig } from 'payload'
import { roles } from '../../access/index.ts'
import { label } from '../../lib/label.ts'

export const AUDIT_ACTIONS = ['publish', 'unpublish', 'schedule-publish', 'schedule-unpublish', 'delete', 'subscription-removed'] as const

/** Who published, unpublished or scheduled what, and when. Written by hooks; read by admins only. */
export const AuditLog: CollectionConfig = {
  slug: 'audit-log',
  labels: { singular: label('Protokolleintrag', 'Audit entry'), plural: label('Veröffentlichungsprotokoll', 'Publishing log') },
  admin: { useAsTitle: 'title', defaultColumns: ['at', 'action', 'title', 'user'], group: label('Veröffentlichung', 'Publishing') },
  access: { read: roles(), create: () => false, update: () => false, delete: () => false },
  defaultSort: '-at',
  fields: [
    { name: 'action', type: 'select', required: true, enumName: 'audit_action', options: [...AUDIT_ACTIONS], label: label('Aktion', 'Action') },
    { name: 'collection', type: 'text', required: true, label: label('Sammlung', 'Collection') },
    { name: 'documentId', type: 'number', required: true, index: true, label: label('Dokument-ID', 'Document id') },
    { name: 'title', type: 'text', label: label('Titel', 'Title') },
    { name: 'user', type: 'relationship', relationTo: 'users', label: label('Benutzer', 'User') },
    { name: 'at', type: 'date', required: true, label: label('Zeitpunkt', 'At'), admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } } },
    { name: 'scheduledFor', type: 'date', label: label('Geplant für', 'Scheduled for'), admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
