import { execFileSync } from 'node:child_process'
import { describe, expect, inject, it } from 'vitest'

const siteUrl = inject('siteUrl')

/**
 * Runs a Python snippet with Debian's python3-feedparser / python3-icalendar (installed by .ci/run)
 * and reads its JSON. Debian's own interpreter: another python3 on the PATH does not see them.
 */
const python = (script: string, args: string[], input = '') =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', input }))

describe('the feed, read by feedparser over HTTP', () => {
  it('is RSS in UTF-8 with no complaint, its own address and a last-build date', () => {
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
  "self": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"],
  "updated": d.feed.get("updated"),
  "entries": len(d.entries),
}))`,
      [`${siteUrl}/feed.xml`],
    )
    expect(report).toMatchObject({
      status: 200,
      bozo: false,
      encoding: 'utf-8',
      contentType: 'application/rss+xml; charset=utf-8',
      version: 'rss20',
      self: [`${siteUrl}/feed.xml`],
    })
    expect(report.updated).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    expect(report.entries).toBeGreaterThan(0)
  })
})

describe('the calendar, read by python-icalendar', () => {
  it('parses, with its name and time zone, and a status and description for each event', async () => {
    const body = await (await fetch(`${siteUrl}/zeitplan.ics`)).text()
    const report = python(
      `
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
print(json.dumps({
  "name": str(cal.get("X-WR-CALNAME")),
  "timezone": str(cal.get("X-WR-TIMEZONE")),
  "events": [{"status": str(e.get("STATUS")), "description": str(e.get("DESCRIPTION") or "")} for e in cal.walk("VEVENT")],
}))`,
      [],
      body,
    )
    expect(report.events.length).toBeGreaterThan(0)
    expect(report.timezone).toBe('Europe/Berlin')
    for (const event of report.events) {
      expect(['TENTATIVE', 'CONFIRMED']).toContain(event.status)
      expect(event.description).toMatch(/^(geplant|in Arbeit|erledigt|verschoben)/)
    }
  })
})
