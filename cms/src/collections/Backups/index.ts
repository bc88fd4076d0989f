import type { CollectionConfig } from 'payload'
import { roles } from '../../access/index.ts'
import { label } from '../../lib/label.ts'

export const BACKUP_STATUSES = ['queued', 'running', 'success', 'failed'] as const

const statusLabels = {
  queued: label('wartet', 'queued'),
  running: label('läuft', 'running'),
  success: label('erfolgreich', 'succeeded'),
  failed: label('fehlgeschlagen', 'failed'),
} as const

const timestamp = { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } } as const

/** One record per nightly backup, written only by the backup job; admins read it, nobody edits it. */
export const Backups: CollectionConfig = {
  slug: 'backups',
  labels: { singular: label('Datensicherung', 'Backup'), plural: label('Datensicherungen', 'Backups') },
  admin: {
    useAsTitle: 'night',
    defaultColumns: ['night', 'status', 'startedAt', 'finishedAt', 'size', 'durationMs'],
    group: label('Betrieb', 'Operations'),
    description: label(
      'Die nächtliche Sicherung von Datenbank und Medien (BACKUP_SCHEDULE=nightly). Wiederherstellen: pnpm restore <Datei>.',
      'The nightly backup of database and media (BACKUP_SCHEDULE=nightly). To restore: pnpm restore <file>.',
    ),
  },
  access: { read: roles(), create: () => false, update: () => false, delete: () => false },
  defaultSort: '-night',
  fields: [
    // The night the backup belongs to (Europe/Berlin); unique, so several CMS instances queue one.
    { name: 'night', type: 'text', required: true, unique: true, label: label('Nacht', 'Night') },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      enumName: 'backup_status',
      options: BACKUP_STATUSES.map((value) => ({ value, label: statusLabels[value] })),
      label: label('Status', 'Status'),
    },
    { name: 'startedAt', type: 'date', label: label('Begonnen', 'Started'), admin: timestamp },
    { name: 'finishedAt', type: 'date', label: label('Beendet', 'Finished'), admin: timestamp },
    { name: 'file', type: 'text', label: label('Datei', 'File') },
    { name: 'size', type: 'number', label: label('Größe (Bytes)', 'Size (bytes)') },
    { name: 'durationMs', type: 'number', label: label('Dauer (ms)', 'Duration (ms)') },
    { name: 'error', type: 'textarea', label: label('Fehlermeldung', 'Error') },
  ],
}
