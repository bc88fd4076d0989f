import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import type { Milestone } from '@masterplan/shared'
import { calendar } from '../src/lib/ics.ts'

const milestone = (id: number, title: string): Milestone => ({
  id,
  slug: `m-${id}`,
  title,
  plannedDate: '2026-06-01T10:00:00.000Z',
  status: 'planned',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-05-02T10:11:12.000Z',
  _status: 'published',
})

const ics = (...titles: string[]) =>
  calendar(
    titles.map((title, i) => milestone(i + 1, title)),
    { host: 'masterplan.example', name: 'Zeitplan; Südwestsachsen, 2026', url: (m) => `https://masterplan.example/zeitplan/#${m.slug}`, dayOf: (iso) => iso.slice(0, 10) },
  )

/** The events as a real iCalendar parser reads them: property names and summaries. */
function events(text: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(text))
  return vcalendar.getAllSubcomponents('vevent').map((event) => ({
    properties: event.getAllProperties().map((property) => property.name),
    summary: event.getFirstPropertyValue('summary'),
  }))
}

const PROPERTIES = ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary', 'status', 'url']

// Each of these once ended the SUMMARY line and started a property of the editor's choosing.
const injections = [
  ['a bare CR', 'Werkstatt\rX-INJECTED:1', 'Werkstatt\nX-INJECTED:1'],
  ['a bare LF', 'Werkstatt\nX-INJECTED:1', 'Werkstatt\nX-INJECTED:1'],
  ['CRLF', 'Werkstatt\r\nX-INJECTED:1', 'Werkstatt\nX-INJECTED:1'],
  ['CR CR LF', 'Werkstatt\r\r\nBEGIN:VALARM', 'Werkstatt\n\nBEGIN:VALARM'],
] as const

describe('the calendar file read by an iCalendar parser', () => {
  it.each(injections)('keeps a title with %s in its own SUMMARY', (_, title, summary) => {
    const text = ics(title, 'Zweiter Termin')
    expect(events(text)).toEqual([
      { properties: PROPERTIES, summary },
      { properties: PROPERTIES, summary: 'Zweiter Termin' },
    ])
  })

  it.each(injections)('never ends a line at %s in the title, even for clients that end lines at a bare CR', (_, title) => {
    const text = ics(title)
    // RFC 5545 3.1: content lines end with CRLF, and no other CR or LF may appear.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lenient = text.replace(/\r(?!\n)/g, '\r\n')
    expect(events(lenient)[0]!.properties).toEqual(PROPERTIES)
  })

  it('round-trips backslashes, semicolons, commas and umlauts', () => {
    const title = 'Pfad C:\\Daten; Plan, Stufe 2 – Öffnung\\n'
    expect(events(ics(title))[0]!.summary).toBe(title)
  })

  it('drops control characters, which iCalendar text may not contain', () => {
    const text = ics('Glocke\u0007 Null\u0000 Escape\u001b Tab\tEnde\u007f')
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/)
    expect(events(text)[0]!.summary).toBe('Glocke Null Escape Tab\tEnde')
  })

  it('folds long titles at 75 octets and the parser unfolds them unchanged', () => {
    const title = `${'Öffentliche Beteiligung, Runde '.repeat(6)}\r${'ß'.repeat(40)}`
    const text = ics(title)
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(events(text)[0]!.summary).toBe(title.replace('\r', '\n'))
  })
})
