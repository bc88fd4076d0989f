import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import type { Milestone } from '@masterplan/shared'
import { calendar } from '../src/lib/ics.ts'

const milestone = (id: number, title: string, extra: Partial<Milestone> = {}): Milestone => ({
  id,
  slug: `m-${id}`,
  title,
  plannedDate: '2026-06-01T10:00:00.000Z',
  status: 'planned',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-05-02T10:11:12.000Z',
  _status: 'published',
  ...extra,
})

const LABELS = { planned: 'geplant', 'in-progress': 'in Arbeit', done: 'erledigt', postponed: 'verschoben' } as const
const options = (name: string) => ({
  host: 'masterplan.example',
  name,
  url: (m: Milestone) => `https://masterplan.example/zeitplan/#${m.slug}`,
  dayOf: (iso: string) => iso.slice(0, 10),
  statusLabel: (m: Milestone) => LABELS[m.status],
})

const ics = (titles: string[], name = 'Zeitplan; Südwestsachsen, 2026') =>
  calendar(
    titles.map((title, i) => milestone(i + 1, title)),
    options(name),
  )

// ical.js leaves unknown X- properties unescaped; X-WR-CALNAME is TEXT to the clients that read it (Apple, Google, Outlook).
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' }

/** The calendar as a real iCalendar parser reads it: its own properties, its name, and each event's properties and summary. */
function parsed(text: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(text))
  return {
    properties: vcalendar.getAllProperties().map((property) => property.name),
    name: vcalendar.getFirstPropertyValue('x-wr-calname'),
    events: vcalendar.getAllSubcomponents('vevent').map((event) => ({
      properties: event.getAllProperties().map((property) => property.name),
      summary: event.getFirstPropertyValue('summary'),
    })),
  }
}

// Compared with a plain title rather than a hard-coded list, so that a writer may add harmless properties of its own.
const clean = parsed(ics(['Zweiter Termin']))
const EVENT_PROPERTIES = clean.events[0]!.properties
const CALENDAR_PROPERTIES = clean.properties

// Each line break once ended the SUMMARY line and started a property of the editor's choosing. TEXT has one escape for a
// line break (\n), so every kind of line break comes back as LF.
const injections = [
  ['a bare CR', 'Werkstatt\rX-INJECTED:1', 'Werkstatt\nX-INJECTED:1'],
  ['a bare LF', 'Werkstatt\nX-INJECTED:1', 'Werkstatt\nX-INJECTED:1'],
  ['CRLF', 'Werkstatt\r\nX-INJECTED:1', 'Werkstatt\nX-INJECTED:1'],
  ['CR CR LF', 'Werkstatt\r\r\nBEGIN:VALARM', 'Werkstatt\n\nBEGIN:VALARM'],
] as const

// These are TEXT's own delimiters; each must survive unchanged.
const delimiters = [
  ['a semicolon', 'Beteiligung; Runde 2;DESCRIPTION:x'],
  ['a comma', 'Chemnitz, Zwickau,Plauen'],
  ['a backslash', 'Pfad C:\\Daten\\n\\;\\'],
  ['all of them and umlauts', 'Pfad C:\\Daten; Plan, Stufe 2 – Öffnung\\n'],
] as const

describe('the calendar file read by an iCalendar parser', () => {
  it.each(injections)('keeps a title with %s in its own SUMMARY', (_, title, summary) => {
    const text = ics([title, 'Zweiter Termin'])
    expect(parsed(text).events).toEqual([
      { properties: EVENT_PROPERTIES, summary },
      { properties: EVENT_PROPERTIES, summary: 'Zweiter Termin' },
    ])
  })

  it.each(injections)(
    'never ends a line at %s in the title, even for clients that end lines at a bare CR',
    (_, title) => {
      const text = ics([title])
      // RFC 5545 3.1: content lines end with CRLF, and no other CR or LF may appear.
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
      const lenient = text.replace(/\r(?!\n)/g, '\r\n')
      expect(parsed(lenient).events[0]!.properties).toEqual(EVENT_PROPERTIES)
    },
  )

  it.each(injections)('keeps a calendar name with %s in its own X-WR-CALNAME', (_, name, expected) => {
    const text = ics(['Termin'], name)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(parsed(text)).toMatchObject({ properties: CALENDAR_PROPERTIES, name: expected })
  })

  it.each(delimiters)('round-trips a title with %s', (_, title) => {
    expect(parsed(ics([title])).events).toEqual([{ properties: EVENT_PROPERTIES, summary: title }])
  })

  it.each(delimiters)('round-trips a calendar name with %s', (_, name) => {
    expect(parsed(ics(['Termin'], name))).toMatchObject({ properties: CALENDAR_PROPERTIES, name })
  })

  it('drops control characters, which iCalendar text may not contain', () => {
    const text = ics(['Glocke\u0007 Null\u0000 Escape\u001b Tab\tEnde\u007f'])
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/)
    expect(parsed(text).events[0]!.summary).toBe('Glocke Null Escape Tab\tEnde')
  })

  it('folds long titles at 75 octets and the parser unfolds them unchanged', () => {
    const title = `${'Öffentliche Beteiligung, Runde '.repeat(6)}\r${'ß'.repeat(40)}🙂${'€'.repeat(30)}`
    const text = ics([title])
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(parsed(text).events[0]!.summary).toBe(title.replace('\r', '\n'))
  })
})

/** A paragraph of Lexical rich text. */
const paragraph = (...texts: string[]) => ({
  type: 'paragraph',
  children: texts.flatMap((text, i) => [...(i ? [{ type: 'linebreak' }] : []), { type: 'text', text }]),
})

describe('what a calendar client shows of a milestone', () => {
  const events = (milestones: Milestone[]) =>
    new ICAL.Component(ICAL.parse(calendar(milestones, options('Zeitplan'))))
      .getAllSubcomponents('vevent')
      .map((event) => ({
        status: event.getFirstPropertyValue('status'),
        description: event.getFirstPropertyValue('description'),
      }))

  it('marks only milestones under way or done as confirmed; planned and postponed ones may still move', () => {
    const statuses = (['planned', 'in-progress', 'done', 'postponed'] as const).map((status, i) =>
      milestone(i + 1, status, { status }),
    )
    expect(events(statuses).map((event) => event.status)).toEqual(['TENTATIVE', 'CONFIRMED', 'CONFIRMED', 'TENTATIVE'])
  })

  it('describes each milestone: status, phase and its text, with TEXT delimiters intact', () => {
    const described = milestone(1, 'Regionalkonvent', {
      phase: 'Phase 2; Beteiligung',
      description: {
        root: {
          type: 'root',
          children: [
            paragraph('Der Konvent tagt in Chemnitz, öffentlich.', 'Anmeldung bis 1. Juni'),
            {
              type: 'list',
              children: [{ type: 'listitem', children: [{ type: 'text', text: 'Tagesordnung\\Teil 1' }] }],
            },
          ],
        },
      },
    })
    expect(events([described, milestone(2, 'Ohne Text')]).map((event) => event.description)).toEqual([
      'geplant · Phase 2; Beteiligung\n\nDer Konvent tagt in Chemnitz, öffentlich.\nAnmeldung bis 1. Juni\nTagesordnung\\Teil 1',
      'geplant',
    ])
  })
})

describe('the calendar’s own properties', () => {
  it('come before the first event (RFC 5545 3.6), time zone included', () => {
    const lines = ics(['Erster Termin', 'Zweiter Termin']).split('\r\n')
    const firstEvent = lines.indexOf('BEGIN:VEVENT')
    for (const name of ['X-WR-CALNAME', 'X-WR-TIMEZONE', 'PRODID', 'METHOD']) {
      const at = lines.findIndex((line) => line.startsWith(`${name}:`))
      expect(at, name).toBeGreaterThan(0)
      expect(at, name).toBeLessThan(firstEvent)
    }
    expect(lines).toContain('X-WR-TIMEZONE:Europe/Berlin')
    expect(lines.filter((line) => line.startsWith('X-WR-'))).toHaveLength(2)
    expect(lines.slice(lines.lastIndexOf('END:VEVENT') + 1)).toEqual(['END:VCALENDAR', ''])
  })

  it('come before END:VCALENDAR when there is no milestone', () => {
    const lines = ics([]).split('\r\n')
    expect(lines.indexOf('X-WR-TIMEZONE:Europe/Berlin')).toBe(lines.indexOf('END:VCALENDAR') - 1)
  })
})
