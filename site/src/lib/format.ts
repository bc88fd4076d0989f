import { LANGUAGE_TAGS, TIME_ZONE, type Locale } from '@masterplan/shared'

export { longDate, shortDate } from '@masterplan/shared'

/** Year in Berlin time (a release at 23:30 UTC on 31 December belongs to the next year). */
export const berlinYear = (value: string | Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' }).format(new Date(value)))

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
  return `${new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`
}

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
}
export const fileType = (mimeType: string) => typeNames[mimeType] ?? mimeType
