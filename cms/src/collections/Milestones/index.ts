import { MILESTONE_STATUSES } from '@masterplan/shared'
import { labelledOptions } from '../../fields/options.ts'
import { processDateField } from '../../fields/processDate.ts'
import { richTextField } from '../../fields/richText.ts'
import { slugField } from '../../fields/slug.ts'
import { titleField } from '../../fields/title.ts'
import { label } from '../../lib/label.ts'
import { editorialCollection } from '../editorial.ts'

const statusLabels = {
  planned: label('geplant', 'planned'),
  'in-progress': label('in Arbeit', 'in progress'),
  done: label('erledigt', 'done'),
  postponed: label('verschoben', 'postponed'),
} as const

export const Milestones = editorialCollection({
  slug: 'milestones',
  writers: 'editor',
  labels: { singular: label('Meilenstein', 'Milestone'), plural: label('Meilensteine', 'Milestones') },
  admin: { defaultColumns: ['title', 'plannedDate', 'status', '_status'] },
  defaultSort: 'plannedDate',
  fields: [
    titleField(),
    slugField(),
    processDateField({ name: 'plannedDate', required: true, index: true, label: label('Geplant für', 'Planned for') }),
    processDateField(
      { name: 'plannedEndDate', label: label('Geplant bis (bei Zeiträumen)', 'Planned until (for ranges)') },
      { notBefore: 'plannedDate' },
    ),
    processDateField({ name: 'actualDate', label: label('Tatsächlich am', 'Actual date') }),
    {
      name: 'status',
      type: 'select',
      // Own enum name: the default one collides with the drafts `_status` enum in PostgreSQL.
      enumName: 'milestone_progress',
      required: true,
      defaultValue: 'planned',
      label: label('Stand', 'Status'),
      options: labelledOptions(MILESTONE_STATUSES, statusLabels),
      admin: { position: 'sidebar' },
    },
    { name: 'phase', type: 'text', localized: true, label: label('Phase', 'Phase') },
    richTextField({ name: 'description', localized: true, label: label('Beschreibung', 'Description') }),
    {
      name: 'relatedPressReleases',
      type: 'relationship',
      relationTo: 'press-releases',
      hasMany: true,
      label: label('Zugehörige Medieninformationen', 'Related press releases'),
    },
    {
      name: 'partners',
      type: 'relationship',
      relationTo: 'partners',
      hasMany: true,
      label: label('Beteiligte', 'Partners'),
    },
  ],
})
