import ical, { ICalCalendarMethod, ICalEventStatus, escape as escapeText } from 'ical-generator'
import type { Locale, Milestone } from '@masterplan/shared'
import { plainText } from './plain-text.ts'

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

type Options = {
  host: string
  name: string
  url: (m: Milestone) => string
  dayOf: (iso: string) => string
  /** The status as the timeline names it, e.g. "geplant". */
  statusLabel: (m: Milestone) => string
  /**
   * The calendar's language (German when not given). The English calendar's events get UIDs of their
   * own: a reader who subscribes to both keeps both, instead of one event replacing the other.
   */
  language?: Locale
}

/**
 * Only a milestone that is under way or done has its date for sure; a planned or postponed one may
 * still move (RFC 5545 3.8.1.11). There is no cancelled state in the CMS: a dropped milestone is
 * unpublished, and the calendar then leaves it out.
 */
const statusOf = (m: Milestone) =>
  m.status === 'in-progress' || m.status === 'done' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE

/** What a calendar shows under the title: the status and phase, then the milestone's own text. */
const descriptionOf = (m: Milestone, label: string) =>
  text([[label, m.phase].filter(Boolean).join(' · '), plainText(m.description)].filter(Boolean).join('\n\n'))

/** One all-day event per milestone; the UID is built from the CMS id, so it never changes. */
export function calendar(milestones: Milestone[], o: Options): string {
  const english = o.language === 'en'
  // .name() writes NAME and X-WR-CALNAME among the calendar's properties, before the events (x() would put them after
  // the events), but unescaped: the name is escaped here. No .timezone(): with a calendar time zone and no zone library,
  // ical-generator writes DTSTAMP in the server's local time without a Z; X-WR-TIMEZONE is added below instead.
  const cal = ical({
    prodId: english ? `//${o.host}//Masterplan Timeline//EN` : `//${o.host}//Masterplan Zeitplan//DE`,
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
    name: escapeText(text(o.name), false),
  })
  for (const m of milestones) {
    const start = o.dayOf(m.actualDate ?? m.plannedDate)
    const end = m.plannedEndDate && !m.actualDate ? o.dayOf(m.plannedEndDate) : start
    cal.createEvent({
      id: `milestone-${m.id}${english ? '.en' : ''}@${o.host}`,
      stamp: new Date(m.updatedAt),
      allDay: true,
      start: noon(start),
      // DTEND of an all-day event is exclusive: the day after the last one.
      end: noon(end, 1),
      summary: text(m.title),
      status: statusOf(m),
      description: descriptionOf(m, o.statusLabel(m)),
      url: o.url(m),
    })
  }
  // The calendar's properties come before its components (RFC 5545 3.6): after the name, before the first event.
  const body = cal.toString()
  const firstComponent = body.search(/\r\n(BEGIN:VEVENT|END:VCALENDAR)/)
  return `${body.slice(0, firstComponent)}\r\nX-WR-TIMEZONE:Europe/Berlin${body.slice(firstComponent)}\r\n`
}
