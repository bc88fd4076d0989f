/** Admin display of the moments the system records: to the second, since builds and mails follow each other quickly. */
export const toTheSecond = { date: { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm:ss' } } as const
