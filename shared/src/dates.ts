/** All public dates are shown in the region's time zone, whatever the server's zone is. */
export const TIME_ZONE = 'Europe/Berlin'

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day (YYYY-MM-DD) a moment falls on in Berlin. */
export function berlinDay(value: Date | string): string {
  return dayFormat.format(typeof value === 'string' ? new Date(value) : value)
}

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' })

/** The hour (0–23) a moment falls in in Berlin: nightly jobs start at a Berlin hour. */
export const berlinHour = (value: Date) => Number(hourFormat.format(value))

/** 15.04.2025 — the German short date. */
export function germanDate(value: Date | string): string {
  const [year, month, day] = berlinDay(value).split('-')
  return `${day}.${month}.${year}`
}

const timeFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** 03.12.2026 14:40 — a moment as the admin writes it, in Berlin time. */
export function germanMoment(value: Date | string): string {
  return `${germanDate(value)} ${timeFormat.format(typeof value === 'string' ? new Date(value) : value)}`
}

/** Whether a moment's Berlin calendar day lies inside [start, end], both inclusive. */
export function isWithinDays(value: Date | string, start: Date | string, end: Date | string): boolean {
  const day = berlinDay(value)
  return day >= berlinDay(start) && day <= berlinDay(end)
}

/** The BCP 47 tags the site formats dates and numbers with. */
export const LANGUAGE_TAGS = { de: 'de-DE', en: 'en-GB' } as const

/**
 * Formatters are made once per locale: each `new Intl.DateTimeFormat` costs ICU time and memory
 * outside the JavaScript heap, and the site formats a date for nearly every one of its pages.
 */
function formatter(options: Intl.DateTimeFormatOptions) {
  const make = (locale: 'de' | 'en') =>
    new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], { timeZone: TIME_ZONE, ...options })
  const made = { de: make('de'), en: make('en') }
  return (value: string | Date, locale: 'de' | 'en') => made[locale].format(new Date(value))
}

/** 15. April 2025 / 15 April 2025 */
export const longDate = formatter({ day: 'numeric', month: 'long', year: 'numeric' })

/** 15.04.2025 / 15/04/2025 */
export const shortDate = formatter({ day: '2-digit', month: '2-digit', year: 'numeric' })
