import { ADMIN_MOMENT_SECONDS } from './dateFormats.ts'

/** Admin display of the moments the system records: to the second, since builds and mails follow each other quickly. */
export const toTheSecond = { date: { pickerAppearance: 'dayAndTime', displayFormat: ADMIN_MOMENT_SECONDS } } as const
