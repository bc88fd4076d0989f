import { execFileSync } from 'node:child_process'
import ICAL from 'ical.js'
import { describe, expect, inject, it } from 'vitest'

const siteUrl = inject('siteUrl')
const fixtures = inject('fixtures')

/**
 * Runs a Python snippet with Debian's python3-feedparser / python3-icalendar / python3-vobject (installed by .ci/run)
 * and reads its JSON. Debian's own interpreter: another python3 on the PATH does not see them.
 */
const python = (script: string, args: string[], input = '') =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', input }))

/** Each language's feed and calendar: German at the root, English under /en/ with English releases only. */
const languages = [
  { language: 'German', prefix: '', code: 'de-de', status: /^(geplant|in Arbeit|erledigt|verschoben)/ },
  { language: 'English', prefix: '/en', code: 'en-gb', status: /^(planned|in progress|done|postponed)/ },
] as const

describe.each(languages)('the $language feed, read by feedparser over HTTP', ({ prefix, code }) => {
  it('is RSS in UTF-8 with no complaint, its own address, its language and a last-build date', () => {
    const report = python(
      `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "status": d.get("status"),
  "bozo": bool(d.bozo),
  "problem": repr(d.get("bozo_exception")),
  "encoding": d.encoding,
  "contentType": d.headers.get("content-type"),
  "version": d.version,
  "language": d.feed.get("language"),
  "self": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"],
  "updated": d.feed.get("updated"),
  "links": [e.get("link") for e in d.entries],
}))`,
      [`${siteUrl}${prefix}/feed.xml`],
    )
    expect(report).toMatchObject({
      status: 200,
      bozo: false,
      encoding: 'utf-8',
      contentType: 'application/rss+xml; charset=utf-8',
      version: 'rss20',
      language: code,
      self: [`${siteUrl}${prefix}/feed.xml`],
    })
    expect(report.updated).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    // Each entry leads to the release in the feed's language; the German-only release is in the German feed alone.
    expect(report.links).toContain(`${siteUrl}${prefix}/aktuelles/${fixtures.withImage.slug}/`)
    for (const link of report.links) expect(link).toMatch(new RegExp(`^${siteUrl}${prefix}/aktuelles/[^/]+/$`))
    const germanOnly = `${siteUrl}${prefix}/aktuelles/${fixtures.germanOnly.slug}/`
    if (prefix) expect(report.links).not.toContain(germanOnly)
    else expect(report.links).toContain(germanOnly)
  })
})

describe.each(languages)('the $language calendar, read by python-icalendar', ({ prefix, status }) => {
  it('parses, with its name and time zone, and a status, description and link for each event', async () => {
    const response = await fetch(`${siteUrl}${prefix}/zeitplan.ics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const report = python(
      `
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
print(json.dumps({
  "name": str(cal.get("X-WR-CALNAME")),
  "timezone": str(cal.get("X-WR-TIMEZONE")),
  "events": [{
    "uid": str(e.get("UID")),
    "status": str(e.get("STATUS")),
    "description": str(e.get("DESCRIPTION") or ""),
    "url": str(e.get("URL")),
  } for e in cal.walk("VEVENT")],
}))`,
      [],
      await response.text(),
    )
    expect(report.events.length).toBeGreaterThan(0)
    expect(report.timezone).toBe('Europe/Berlin')
    for (const event of report.events) {
      expect(['TENTATIVE', 'CONFIRMED']).toContain(event.status)
      expect(event.description).toMatch(status)
      expect(event.url).toMatch(new RegExp(`^${siteUrl}${prefix}/zeitplan/#`))
      // One UID per milestone and language: a reader subscribed to both calendars keeps both events.
      expect(event.uid).toMatch(prefix ? /^milestone-\d+\.en@/ : /^milestone-\d+@/)
    }
  })
})

describe.each(languages)('the $language calendar, read by two more parsers', ({ prefix }) => {
  it('ical.js (the parser of Thunderbird) and vobject (strict validation) find the same events with dates and titles', async () => {
    const text = await (await fetch(`${siteUrl}${prefix}/zeitplan.ics`)).text()
    const vcalendar = new ICAL.Component(ICAL.parse(text))
    const events = vcalendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent)
      return { uid: event.uid, summary: event.summary, start: event.startDate?.toString() }
    })
    expect(events.length).toBeGreaterThan(0)
    for (const event of events) {
      expect(event.summary).toBeTruthy()
      expect(event.start).toMatch(/^\d{4}-\d{2}-\d{2}/)
    }
    const strict = python(
      `
import json, sys, vobject
cal = vobject.readOne(sys.stdin.read(), validate=True)
print(json.dumps([{"uid": e.uid.value, "summary": e.summary.value} for e in cal.vevent_list]))`,
      [],
      text,
    )
    expect(strict.map((e: { uid: string }) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort())
    expect(strict.map((e: { summary: string }) => e.summary).sort()).toEqual(events.map((e) => e.summary).sort())
  })
})
