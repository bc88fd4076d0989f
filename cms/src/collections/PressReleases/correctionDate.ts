import type { DateField } from 'payload'
import { berlinDay, germanDate } from '@masterplan/shared'
import { label } from '../../lib/label.ts'

/**
 * The day of a correction: today unless the press office says otherwise, and never before the
 * release it corrects (a date typed the American way once put a correction nine months earlier).
 */
export const correctionDateField: DateField = {
  name: 'date',
  type: 'date',
  required: true,
  label: label('Datum', 'Date'),
  defaultValue: () => new Date().toISOString(),
  admin: { date: { pickerAppearance: 'dayOnly' } },
  validate: (value, { data }) => {
    if (!value) return 'Bitte geben Sie das Datum der Korrektur an / the date of the correction is required'
    const released = (data as { releaseDate?: unknown }).releaseDate
    if (typeof released === 'string' && berlinDay(value) < berlinDay(released)) {
      return `Die Korrektur kann nicht vor dem Datum der Medieninformation (${germanDate(released)}) liegen, Sie haben den ${germanDate(value)} angegeben / a correction cannot be dated before its release (${germanDate(released)})`
    }
    return true
  },
}
