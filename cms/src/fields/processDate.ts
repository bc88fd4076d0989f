import type { DateField, PayloadRequest } from 'payload'
import { germanDate, isWithinDays, PROCESS_WINDOW } from '@masterplan/shared'

type Window = { start: string; end: string }

/** The window editors set in the site settings; the facts' window until they have set one. */
export async function processWindow(req: PayloadRequest): Promise<Window> {
  const settings = await req.payload.findGlobal({ slug: 'site-settings', req, depth: 0 }).catch(() => null)
  const window = settings?.processWindow as Partial<Window> | undefined
  return window?.start && window?.end ? (window as Window) : PROCESS_WINDOW
}

/** A calendar date that must fall inside the Masterplan's process window. */
export function processDateField(
  overrides: Omit<DateField, 'type'>,
  { notBefore }: { notBefore?: string } = {},
): DateField {
  return {
    ...overrides,
    type: 'date',
    admin: { date: { pickerAppearance: 'dayOnly' }, ...overrides.admin },
    validate: async (value, { req, required, siblingData }) => {
      if (!value) return required ? 'Pflichtfeld / this field is required' : true
      const { start, end } = await processWindow(req)
      if (!isWithinDays(value, start, end)) {
        return `Das Datum liegt außerhalb des Prozesszeitraums ${germanDate(start)} – ${germanDate(end)} / the date lies outside the process window`
      }
      const earliest = notBefore && (siblingData as Record<string, unknown>)[notBefore]
      if (typeof earliest === 'string' && new Date(value) < new Date(earliest)) {
        return 'Das Ende liegt vor dem Beginn / the end lies before the start'
      }
      return true
    },
  }
}
