import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isArchived, type Milestone } from '@masterplan/shared'
import { SUBSCRIPTION_PAGES } from '@masterplan/shared/subscriptions'
import { fileSize, longDate, shortDate, berlinYear } from '../src/lib/format.ts'
import { calendar } from '../src/lib/ics.ts'
import { timeline } from '../src/lib/timeline.ts'
import { absolute, localeOf, localePath, partnerPath, releasePath, subscribePath } from '../src/lib/urls.ts'
import { isUnlisted, statusSegment, SUBSCRIPTION_STATUSES } from '../src/lib/subscription-pages.ts'
import { listPages, PAGE_SIZE, type ListProps } from '../src/lib/archive.ts'
import { schemaFields } from '../src/lib/schema-fields.ts'
import { createDumpClient, type Dump, dumpKey } from '../src/lib/dump-client.ts'

describe('dates and sizes', () => {
  it('are written the German way, in Berlin time', () => {
    expect(longDate('2025-04-15T08:00:00.000Z', 'de')).toBe('15. April 2025')
    expect(longDate('2025-04-15T08:00:00.000Z', 'en')).toBe('15 April 2025')
    expect(shortDate('2026-12-31T23:30:00.000Z', 'de')).toBe('01.01.2027')
    expect(berlinYear('2025-12-31T23:30:00.000Z')).toBe(2026)
  })

  it('give file sizes with a decimal comma in German', () => {
    expect(fileSize(1_234_567, 'de')).toBe('1,2 MB')
    expect(fileSize(1_234_567, 'en')).toBe('1.2 MB')
    expect(fileSize(512, 'de')).toBe('512 Bytes')
  })
})

const milestone = (
  id: number,
  plannedDate: string,
  status: Milestone['status'],
  extra: Partial<Milestone> = {},
): Milestone => ({
  id,
  slug: `m-${id}`,
  title: `Meilenstein ${id}; mit, Sonderzeichen`,
  plannedDate,
  status,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-05-02T10:11:12.000Z',
  _status: 'published',
  ...extra,
})

describe('the timeline', () => {
  const items = timeline(
    [
      milestone(2, '2026-12-31T10:00:00.000Z', 'planned'),
      milestone(1, '2025-04-15T10:00:00.000Z', 'done'),
      milestone(3, '2026-03-01T10:00:00.000Z', 'postponed'),
    ],
    '2026-01-10',
  )

  it('sorts milestones and puts today between past and future', () => {
    expect(items.map((i) => (i.kind === 'today' ? 'today' : i.milestone.id))).toEqual([1, 'today', 3, 2])
  })

  it('flags the first open milestone after today as next', () => {
    expect(
      items.filter((i) => i.kind === 'milestone' && i.next).map((i) => i.kind === 'milestone' && i.milestone.id),
    ).toEqual([3])
  })

  it('shows the final state in archive mode: no today, nothing next', () => {
    const final = timeline(
      [milestone(2, '2026-12-31T10:00:00.000Z', 'done'), milestone(1, '2025-04-15T10:00:00.000Z', 'done')],
      null,
    )
    expect(final.map((i) => (i.kind === 'today' ? 'today' : [i.milestone.id, i.next]))).toEqual([
      [1, false],
      [2, false],
    ])
  })
})

describe('archive mode', () => {
  const settings = (mode: 'auto' | 'on' | 'off') => ({
    archive: { mode },
    processWindow: { start: '2025-04-15T00:00:00.000Z', end: '2026-12-31T00:00:00.000Z' },
  })

  it('begins by itself on the first Berlin day after the process window', () => {
    expect(isArchived(settings('auto'), new Date('2026-12-31T22:59:00Z'))).toBe(false)
    expect(isArchived(settings('auto'), new Date('2026-12-31T23:00:00Z'))).toBe(true)
    expect(isArchived(settings('auto'), new Date('2027-01-05T09:00:00Z'))).toBe(true)
  })

  it('follows the setting when it is switched by hand', () => {
    expect(isArchived(settings('on'), new Date('2026-06-01T12:00:00Z'))).toBe(true)
    expect(isArchived(settings('off'), new Date('2027-01-05T09:00:00Z'))).toBe(false)
  })
})

describe('the calendar', () => {
  const ics = calendar(
    [milestone(7, '2026-06-01T10:00:00.000Z', 'planned', { plannedEndDate: '2026-06-03T10:00:00.000Z' })],
    {
      host: 'masterplan.example',
      name: 'Zeitplan',
      url: (m) => `https://masterplan.example/zeitplan/#${m.slug}`,
      dayOf: (iso) => iso.slice(0, 10),
      statusLabel: (m) => m.status,
    },
  )

  it('has CRLF line ends, escaped text and a stable UID', () => {
    expect(ics.split('\r\n').length).toBeGreaterThan(10)
    expect(ics).not.toMatch(/[^\r]\n/)
    expect(ics).toContain('SUMMARY:Meilenstein 7\\; mit\\, Sonderzeichen')
    expect(ics).toContain('UID:milestone-7@masterplan.example')
  })

  it('makes all-day events whose end is exclusive', () => {
    expect(ics).toContain('DTSTART;VALUE=DATE:20260601')
    expect(ics).toContain('DTEND;VALUE=DATE:20260604')
  })

  it('folds long lines at 75 octets without splitting a character', () => {
    const long = calendar([milestone(8, '2026-06-01T10:00:00.000Z', 'planned', { title: 'Ä'.repeat(60) })], {
      host: 'masterplan.example',
      name: 'Zeitplan',
      url: (m) => `https://masterplan.example/zeitplan/#${m.slug}`,
      dayOf: (iso) => iso.slice(0, 10),
      statusLabel: (m) => m.status,
    })
    for (const line of long.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    expect(long.replace(/\r\n /g, '')).toContain(`SUMMARY:${'Ä'.repeat(60)}\r\n`)
  })
})

describe('site URLs', () => {
  it('put German at the root and English under /en/', () => {
    expect(localePath('de', '/zeitplan/')).toBe('/zeitplan/')
    expect(localePath('en', '/zeitplan/')).toBe('/en/zeitplan/')
    // Navigation may link elsewhere: no /en in front of another site's address.
    expect(localePath('en', 'https://www.smil.sachsen.de/')).toBe('https://www.smil.sachsen.de/')
    expect(localePath('en', 'mailto:presse@example.org')).toBe('mailto:presse@example.org')
    expect(releasePath('en', 'kabinett')).toBe('/en/aktuelles/kabinett/')
    expect(partnerPath('de', 'smil')).toBe('/partner/smil/')
    expect(localeOf('en')).toBe('en')
    expect(localeOf(undefined)).toBe('de')
  })

  it('make canonical URLs on SITE_URL', () => {
    expect(absolute('/aktuelles/')).toBe(
      new URL('/aktuelles/', process.env.SITE_URL ?? 'http://localhost:4321').toString(),
    )
  })
})

describe('the subscription pages', () => {
  it('are built at the paths the CMS redirects to', () => {
    expect(SUBSCRIPTION_STATUSES.map((status) => `${SUBSCRIPTION_PAGES.form}${statusSegment(status)}/`)).toEqual(
      SUBSCRIPTION_STATUSES.map((status) => SUBSCRIPTION_PAGES[status]),
    )
    expect(subscribePath('en')).toBe('/en/abonnieren/')
  })

  it('keep the form listed and every page the CMS leads to unlisted, in both languages', () => {
    expect(isUnlisted('/abonnieren/')).toBe(false)
    expect(isUnlisted('/en/abonnieren/')).toBe(false)
    for (const path of [
      '/abonnieren/bestaetigen/',
      '/en/abonnieren/abgemeldet/',
      '/abonnieren/fehler/email/',
      '/en/abonnieren/fehler/topics/',
    ]) {
      expect(isUnlisted(path), path).toBe(true)
    }
    expect(isUnlisted('/aktuelles/')).toBe(false)
  })
})

describe('the press archive pages', () => {
  /** `count` releases, one a day from 1 January 2026, newest first as the site lists them. */
  const releases = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      doc: {
        slug: `pm-${i + 1}`,
        title: `Meldung ${i + 1}`,
        subtitle: null,
        releaseDate: new Date(Date.UTC(2026, 0, 1 + i, 9)).toISOString(),
        issuers: [],
      },
      untranslated: [],
      hasEnglish: false,
    })).reverse() as unknown as Parameters<typeof listPages>[3]
  const byRest = (count: number) =>
    new Map(
      listPages('de', '/aktuelles/', 'Medieninformationen', releases(count), [2026]).map((p) => [p.rest, p.props]),
    )

  it('count archive pages from the oldest release, so a new release leaves the older pages as they were', () => {
    const before = byRest(45)
    const after = byRest(46)
    for (const rest of ['archiv/1', 'archiv/2']) expect(after.get(rest), rest).toEqual(before.get(rest))
    expect(after.get('archiv/3')).not.toEqual(before.get('archiv/3'))
    const oldest = before.get('archiv/1') as ListProps
    expect(oldest.items.map((i) => i.slug)).toEqual(Array.from({ length: PAGE_SIZE }, (_, i) => `pm-${PAGE_SIZE - i}`))
    expect(oldest.heading).toBe('Medieninformationen: 01.01.2026 bis 20.01.2026')
  })

  it('link the newest releases to the archive page that follows them, and each archive page to its neighbours', () => {
    const pages = byRest(45)
    const entry = pages.get(undefined) as ListProps
    expect(entry.items.map((i) => i.slug)[0]).toBe('pm-45')
    expect(entry.items).toHaveLength(PAGE_SIZE)
    // The 21st newest (pm-25) is on archive page 2 (pm-21 … pm-40).
    expect(entry.older).toBe('/aktuelles/archiv/2/')
    expect(pages.get('archiv/3')).toMatchObject({ newer: '/aktuelles/', older: '/aktuelles/archiv/2/' })
    expect(pages.get('archiv/1')).toMatchObject({ newer: '/aktuelles/archiv/2/', older: undefined })
  })

  it('lead the old newest-first addresses to the entry page', () => {
    const pages = byRest(45)
    expect(pages.get('seite/2')).toEqual({ kind: 'redirect', locale: 'de', to: '/aktuelles/' })
    expect(pages.get('seite/3')).toEqual({ kind: 'redirect', locale: 'de', to: '/aktuelles/' })
    expect(pages.has('seite/4')).toBe(false)
  })
})

describe('the field list of an API document', () => {
  const person = z.object({ id: z.number().int() })
  const schema = z.object({
    title: z.string().min(1).describe('Headline'),
    subtitle: z.string().nullish(),
    published: z.iso.datetime({ offset: true }),
    kind: z.enum(['a', 'b']),
    author: z.union([z.number().int(), person]),
    contacts: z.array(z.object({ email: z.email(), phone: z.string().optional() })).nullish(),
    tags: z.array(z.string()),
  })

  it('names each field with its type, whether it is always there and its description, lists of objects field by field', () => {
    expect(schemaFields(schema, new Map([[person, 'person']]))).toEqual([
      { name: 'title', type: 'string', required: true, description: 'Headline' },
      { name: 'subtitle', type: 'string', required: false },
      { name: 'published', type: 'string (datetime)', required: true },
      { name: 'kind', type: '"a" | "b"', required: true },
      { name: 'author', type: 'integer | person', required: true },
      { name: 'contacts', type: 'object[]', required: false },
      { name: 'contacts[].email', type: 'string (email)', required: true },
      { name: 'contacts[].phone', type: 'string', required: false },
      { name: 'tags', type: 'string[]', required: true },
    ])
  })
})

describe("the benchmark's dump client", () => {
  const docs = [
    { id: 1, title: 'Translated' },
    { id: 2, title: null },
    { id: 3, title: 'Also translated' },
  ]
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dump-')), 'dump.json')
  const options = { locale: 'en', fallbackLocale: 'none', depth: 0 } as const
  writeFileSync(
    file,
    JSON.stringify({ lists: { [dumpKey('press-releases', options)]: docs }, globals: {} } satisfies Dump),
  )
  const client = createDumpClient(file)
  const ids = (where?: Record<string, unknown>) =>
    client
      .list('press-releases', z.looseObject({ id: z.number() }), { ...options, where })
      .then((d) => d.map((x) => x.id))

  it('filters by ids and by a field that exists, alone or together, as the API does', async () => {
    expect(await ids()).toEqual([1, 2, 3])
    expect(await ids({ id: { in: '2,3' } })).toEqual([2, 3])
    expect(await ids({ title: { exists: true } })).toEqual([1, 3])
    expect(await ids({ id: { in: '1,2' }, title: { exists: true } })).toEqual([1])
  })

  it('refuses a filter it does not know instead of ignoring it', async () => {
    await expect(ids({ title: { equals: 'Translated' } })).rejects.toThrow(/reads only/)
    await expect(ids({ title: { exists: false } })).rejects.toThrow(/reads only/)
  })
})
