import type { SelectField } from 'payload'
import { label } from '../lib/label.ts'
import { labelledOptions, type Label } from './options.ts'

/** Where a system record (a build, an alert, a backup) stands; indexed, as jobs and lists filter by it. */
export const statusField = <S extends string>(
  enumName: string,
  statuses: readonly S[],
  labels: Record<S, Label>,
): SelectField => ({
  name: 'status',
  type: 'select',
  required: true,
  index: true,
  enumName,
  options: labelledOptions(statuses, labels),
  label: label('Status', 'Status'),
})
