import { berlinDay, LANGUAGE_TAGS, type Locale } from '@masterplan/shared'

export { longDate, shortDate } from '@masterplan/shared'

/** Year in Berlin time (a release at 23:30 UTC on 31 December belongs to the next year). */
export const berlinYear = (value: string | Date) => Number(berlinDay(value).slice(0, 4))

const numberFormat = (digits: number) => {
  const make = (locale: Locale) =>
    new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits })
  return { de: make('de'), en: make('en') }
}
/** Made once, as the date formatters are (see shared/src/dates.ts). */
const byDigits = [numberFormat(0), numberFormat(1)]

/** 1,2 MB / 1.2 MB */
export function fileSize(bytes: number, locale: Locale): string {
  const units = ['Bytes', 'kB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 ? 0 : 1
  return `${byDigits[digits]![locale].format(value)} ${units[unit]}`
}

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
}
export const fileType = (mimeType: string) => typeNames[mimeType] ?? mimeType
