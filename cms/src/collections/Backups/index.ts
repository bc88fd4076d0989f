import { roles } from '../../access/index.ts'
import { statusField } from '../../fields/status.ts'
import { toTheSecond } from '../../fields/timestamp.ts'
import { label } from '../../lib/label.ts'
import { systemCollection } from '../system.ts'

export const BACKUP_STATUSES = ['queued', 'running', 'success', 'failed'] as const

/** One record per nightly backup, written only by the backup job; admins read it, nobody edits it. */
export const Backups = systemCollection({
  slug: 'backups',
  labels: { singular: label('Datensicherung', 'Backup'), plural: label('Datensicherungen', 'Backups') },
  group: 'operations',
  read: roles(),
  admin: {
    useAsTitle: 'night',
    defaultColumns: ['night', 'status', 'startedAt', 'finishedAt', 'size', 'durationMs'],
    description: label(
      'Die nächtliche Sicherung von Datenbank und Medien (BACKUP_SCHEDULE=nightly). Wiederherstellen: pnpm restore <Datei>.',
      'The nightly backup of database and media (BACKUP_SCHEDULE=nightly). To restore: pnpm restore <file>.',
    ),
  },
  defaultSort: '-night',
  fields: [
    // The night the backup belongs to (Europe/Berlin); unique, so several CMS instances queue one.
    { name: 'night', type: 'text', required: true, unique: true, label: label('Nacht', 'Night') },
    statusField('backup_status', BACKUP_STATUSES, {
      queued: label('wartet', 'queued'),
      running: label('läuft', 'running'),
      success: label('erfolgreich', 'succeeded'),
      failed: label('fehlgeschlagen', 'failed'),
    }),
    { name: 'startedAt', type: 'date', label: label('Begonnen', 'Started'), admin: toTheSecond },
    { name: 'finishedAt', type: 'date', label: label('Beendet', 'Finished'), admin: toTheSecond },
    { name: 'file', type: 'text', label: label('Datei', 'File') },
    { name: 'size', type: 'number', label: label('Größe (Bytes)', 'Size (bytes)') },
    { name: 'durationMs', type: 'number', label: label('Dauer (ms)', 'Duration (ms)') },
    { name: 'error', type: 'textarea', label: label('Fehlermeldung', 'Error') },
  ],
})
