import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import type { Milestone } from '@masterplan/shared'

/**
 * ical-generator escapes \ ; , and every kind of line break in TEXT, but passes the other control characters through,
 * which RFC 5545 3.3.11 does not allow in TEXT at all; a tab may stay.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this expression is for
const text = (value: string) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')

/** A calendar day as a Date at noon UTC: ical-generator writes VALUE=DATE from the UTC date of a Date without a time zone. */
const noon = (day: string, plusDays = 0) => {
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + plusDays)
  return date
}

type Options = { host: string; name: string; url: (m: Milestone) => string; dayOf: (iso: string) => string }

/** One all-day event per milestone; the UID is built from the CMS id, so it never changes. */
export function calendar(milestones: Milestone[], o: Options): string {
  // No .timezone(): with a calendar time zone and no zone library, ical-generator writes DTSTAMP in the server's local
  // time without a Z. No .name(): it writes NAME and X-WR-CALNAME unescaped, so the name goes through x(), which escapes.
  const cal = ical({
    prodId: `//${o.host}//Masterplan Zeitplan//DE`,
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
  })
  cal.x([
    ['X-WR-CALNAME', text(o.name)],
    ['X-WR-TIMEZONE', 'Europe/Berlin'],
  ])
  for (const m of milestones) {
    const start = o.dayOf(m.actualDate ?? m.plannedDate)
    const end = m.plannedEndDate && !m.actualDate ? o.dayOf(m.plannedEndDate) : start
    cal.createEvent({
      id: `milestone-${m.id}@${o.host}`,
      stamp: new Date(m.updatedAt),
      allDay: true,
      start: noon(start),
      // DTEND of an all-day event is exclusive: the day after the last one.
      end: noon(end, 1),
      summary: text(m.title),
      status: m.status === 'postponed' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      url: o.url(m),
    })
  }
  return `${cal.toString()}\r\n`
}
