import { BUILD_MODES, type BuildMode } from '@masterplan/shared'
import { roles, signedIn } from '../../access/index.ts'
import { statusField } from '../../fields/status.ts'
import { toTheSecond } from '../../fields/timestamp.ts'
import { label } from '../../lib/label.ts'
import { deployCallbackEndpoint } from '../../siteBuild/deployCallback.ts'
import { systemCollection } from '../system.ts'

export const SITE_BUILD_STATUSES = ['queued', 'scheduled', 'running', 'deploying', 'success', 'failed'] as const

const MODE_LABELS: Record<BuildMode, ReturnType<typeof label>> = {
  incremental: label('geänderte Seiten', 'changed pages'),
  full: label('vollständig', 'complete'),
  pdfs: label('PDFs drucken', 'print PDFs'),
}

/** One record per build of the public site, written only by the publishing pipeline. */
export const SiteBuilds = systemCollection({
  slug: 'site-builds',
  labels: { singular: label('Website-Build', 'Site build'), plural: label('Website-Builds', 'Site builds') },
  group: 'publishing',
  read: signedIn,
  delete: roles(),
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'status', 'mode', 'queuedAt', 'finishedAt', 'pages', 'durationMs'],
    description: label(
      'Jede Änderung an veröffentlichten Inhalten baut die öffentliche Website neu. Hier steht, wann und mit welchem Ergebnis.',
      'Every change to published content rebuilds the public site. This is when, and with what result.',
    ),
  },
  defaultSort: '-queuedAt',
  endpoints: [deployCallbackEndpoint],
  fields: [
    { name: 'summary', type: 'text', label: label('Anlass', 'Reason') },
    statusField('site_build_status', SITE_BUILD_STATUSES, {
      queued: label('wartet', 'queued'),
      scheduled: label('geplant', 'scheduled'),
      running: label('läuft', 'running'),
      deploying: label('wird beim Hoster gebaut', 'building at the host'),
      success: label('erfolgreich', 'succeeded'),
      failed: label('fehlgeschlagen', 'failed'),
    }),
    {
      name: 'mode',
      type: 'select',
      defaultValue: 'incremental',
      enumName: 'site_build_mode',
      label: label('Art', 'Kind'),
      options: BUILD_MODES.map((value) => ({ value, label: MODE_LABELS[value] })),
      admin: { readOnly: true },
    },
    {
      name: 'triggers',
      type: 'array',
      label: label('Auslöser', 'Triggers'),
      labels: { singular: label('Auslöser', 'Trigger'), plural: label('Auslöser', 'Triggers') },
      fields: [
        { name: 'collection', type: 'text', label: label('Sammlung', 'Collection') },
        { name: 'documentId', type: 'number', label: label('Dokument-ID', 'Document id') },
        { name: 'title', type: 'text', label: label('Titel', 'Title') },
        { name: 'change', type: 'text', label: label('Änderung', 'Change') },
        {
          name: 'at',
          type: 'date',
          label: label('Zeitpunkt', 'At'),
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    { name: 'target', type: 'text', label: label('Ziel', 'Target') },
    { name: 'queuedAt', type: 'date', index: true, label: label('Eingereiht', 'Queued'), admin: toTheSecond },
    {
      name: 'scheduledFor',
      type: 'date',
      label: label('Geplant für', 'Scheduled for'),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'startedAt', type: 'date', label: label('Begonnen', 'Started'), admin: toTheSecond },
    { name: 'finishedAt', type: 'date', index: true, label: label('Beendet', 'Finished'), admin: toTheSecond },
    { name: 'attempts', type: 'number', defaultValue: 0, label: label('Versuche', 'Attempts') },
    { name: 'jobId', type: 'number', label: label('Job-ID', 'Job id'), admin: { readOnly: true } },
    { name: 'pages', type: 'number', label: label('Seiten', 'Pages') },
    { name: 'durationMs', type: 'number', label: label('Dauer (ms)', 'Duration (ms)') },
    { name: 'error', type: 'textarea', label: label('Fehlermeldung', 'Error') },
  ],
})
