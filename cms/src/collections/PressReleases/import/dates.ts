const MONTHS = [
  'januar',
  'februar',
  'märz',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'dezember',
]
const NUMERIC = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/
const WRITTEN = new RegExp(`\\b(\\d{1,2})\\.\\s?(${MONTHS.join('|')})\\s+(\\d{4})\\b`, 'i')
const TIME = /\b(\d{1,2})[:.](\d{2})\s*Uhr\b/i

/** Minutes east of UTC that Berlin's clocks show at this instant (CET or CEST). */
function berlinOffset(instant: Date): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')!.value
  // "GMT" alone is UTC, which Berlin never is, but the format allows it.
  const [sign, hours, minutes] = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)?.slice(1) ?? ['+', '0', '0']
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0))
}

/**
 * A date as a German press release writes it ("15.04.2025", "Dresden, 15. April 2025, 10:00 Uhr"),
 * read as Berlin time; a date without a time is the start of that day. Null when the line has none.
 */
export function germanDate(line: string): Date | null {
  const numeric = NUMERIC.exec(line)
  const written = numeric ? null : WRITTEN.exec(line)
  const parts = numeric
    ? [Number(numeric[3]), Number(numeric[2]), Number(numeric[1])]
    : written
      ? [Number(written[3]), MONTHS.indexOf(written[2]!.toLowerCase()) + 1, Number(written[1])]
      : null
  if (!parts) return null
  const [year, month, day] = parts as [number, number, number]
  const time = TIME.exec(line)
  const [hour, minute] = time ? [Number(time[1]), Number(time[2])] : [0, 0]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  if (new Date(wall).getUTCDate() !== day) return null
  return new Date(wall - berlinOffset(new Date(wall)) * 60_000)
}
