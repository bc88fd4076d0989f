import type { Milestone } from '@masterplan/shared'

/**
 * RFC 5545 TEXT (3.3.11). Every line break becomes the two characters \n, a bare CR included: many
 * clients end a line at it, and a title could otherwise start a property of its own. Other control
 * characters may not appear in TEXT at all and are dropped; a tab may stay.
 */
const escape = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character. */
export function fold(line: string): string {
  const bytes = new TextEncoder()
  const parts: string[] = []
  let current = ''
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74 // continuation lines start with a space
    if (bytes.encode(current + char).length > limit) {
      parts.push(current)
      current = ''
    }
    current += char
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const day = (iso: string) => iso.slice(0, 10).replace(/-/g, '')
const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')
const nextDay = (iso: string) => {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}

type Options = { host: string; name: string; url: (m: Milestone) => string; dayOf: (iso: string) => string }

/** One all-day event per milestone; the UID is built from the CMS id, so it never changes. */
export function calendar(milestones: Milestone[], o: Options): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//${o.host}//Masterplan Zeitplan//DE`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escape(o.name)}`, 'X-WR-TIMEZONE:Europe/Berlin']
  for (const m of milestones) {
    const start = o.dayOf(m.actualDate ?? m.plannedDate)
    const end = m.plannedEndDate && !m.actualDate ? o.dayOf(m.plannedEndDate) : start
    lines.push(
      'BEGIN:VEVENT',
      `UID:milestone-${m.id}@${o.host}`,
      `DTSTAMP:${stamp(m.updatedAt)}`,
      `DTSTART;VALUE=DATE:${day(start)}`,
      `DTEND;VALUE=DATE:${day(nextDay(end))}`,
      `SUMMARY:${escape(m.title)}`,
      `STATUS:${m.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED'}`,
      `URL:${o.url(m)}`,
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(fold).join('\r\n') + '\r\n'
}
