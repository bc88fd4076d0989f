import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { buildSite } from './setup/build.ts'
import { files, publicText, read, searchIndexText } from './helpers.ts'

const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')
const fixtures = inject('fixtures')

const api = async (collection: string, query = '') =>
  (await fetch(`${cmsUrl}/api/${collection}?limit=0${query}`)).json()

describe('the built site', () => {
  it.each([
    'index.html',
    'en/index.html',
    'aktuelles/index.html',
    'aktuelles/jahr/2025/index.html',
    `aktuelles/${fixtures.withImage.slug}/index.html`,
    `en/aktuelles/${fixtures.withImage.slug}/index.html`,
    'zeitplan/index.html',
    'zeitplan.ics',
    'partner/index.html',
    'partner/smil/index.html',
    'impressum/index.html',
    'barrierefreiheit/index.html',
    'leichte-sprache/index.html',
    'gebaerdensprache/index.html',
    'ueber-den-masterplan/index.html',
    'suche/index.html',
    '404.html',
    'feed.xml',
    'sitemap-index.xml',
    'robots.txt',
  ])('has %s', (file) => {
    expect(existsSync(path.join(dist, file))).toBe(true)
  })

  it('names its own icon on every page, so no browser asks for a missing /favicon.ico', async () => {
    expect(await read(dist, 'favicon.svg')).toMatch(/^<svg /)
    const pages = (await files(dist)).filter((file) => file.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(10)
    for (const page of pages)
      expect(await read(dist, page), page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">')
  })

  it('has one page per public press release, partner and page, as the API counts them', async () => {
    const all = await files(dist)
    const count = (prefix: string) =>
      all.filter((f) => new RegExp(`^${prefix}/[^/]+/index\\.html$`).test(f) && !/\/(seite|jahr)\//.test(f)).length
    expect(count('aktuelles')).toBe((await api('press-releases')).totalDocs)
    expect(count('partner')).toBe((await api('partners')).totalDocs)
    const pages = (await api('pages')).docs as Array<{ slug: string }>
    for (const { slug } of pages) expect(all).toContain(`${slug}/index.html`)
  })

  it('lists every milestone in the calendar with a stable UID', async () => {
    const ics = await read(dist, 'zeitplan.ics')
    const milestones = (await api('milestones')).docs as Array<{ id: number }>
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(milestones.length)
    for (const { id } of milestones) expect(ics).toContain(`UID:milestone-${id}@`)
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
  })

  it('has English pages only for releases with an English version', () => {
    expect(existsSync(path.join(dist, `en/aktuelles/${fixtures.withImage.slug}/index.html`))).toBe(true)
    expect(existsSync(path.join(dist, `aktuelles/${fixtures.germanOnly.slug}/index.html`))).toBe(true)
    expect(existsSync(path.join(dist, `en/aktuelles/${fixtures.germanOnly.slug}/index.html`))).toBe(false)
  })

  it('renders a quote as a blockquote with person and office, images with credit, attachments with type and size', async () => {
    const html = await read(dist, `aktuelles/${fixtures.withImage.slug}/index.html`)
    expect(html).toMatch(
      /<figure class="quote"><blockquote><p>Wir gestalten den Wandel gemeinsam\.<\/p><\/blockquote><figcaption>Erika Beispiel, Sprecherin \(Beispiel\)<\/figcaption><\/figure>/,
    )
    expect(html).toContain('Foto: Beispiel, CC BY 4.0')
    expect(html).toMatch(/<source[^>]+type="image\/avif"/)
    expect(html).toMatch(/<source[^>]+type="image\/webp"/)
    expect(html).toMatch(/\(PDF, \d+ Bytes\)/)
    expect(html).toMatch(/<meta property="og:image" content="http[^"]+\/medien\/[^"]+"/)
    expect(html).toContain('"@type":"NewsArticle"')
    expect(html).toMatch(/href="tel:\+4937544020"/)
  })
})

describe('drafts and embargoed releases', () => {
  it.each(['draft', 'embargoed'] as const)(
    'a %s release is absent from HTML, feed, sitemap, calendar and search index',
    async (kind) => {
      const marker = kind === 'draft' ? 'Entwurfsgeheimnis' : 'Sperrfristgeheimnis'
      const text = await publicText(dist)
      expect(text).not.toContain(marker)
      expect(text).not.toContain(fixtures[kind].slug)
      expect(await searchIndexText(dist)).not.toContain(marker)
      // The same checks find a published release, so they are able to fail.
      expect(text).toContain('Bildtermin')
      expect(await searchIndexText(dist)).toContain('Bildtermin')
    },
  )
})

describe('a document that breaks the contract', () => {
  it('fails the build with the collection, document, field and problem named', async () => {
    const db = new pg.Client({ connectionString: inject('cmsEnv').DATABASE_URL })
    await db.connect()
    // Written past Payload's validation, as a faulty migration or import could.
    const { rows } = await db.query(`SELECT _parent_id, email FROM press_releases_contacts WHERE _parent_id = $1`, [
      fixtures.withImage.id,
    ])
    await db.query(`UPDATE press_releases_contacts SET email = 'kein-mail' WHERE _parent_id = $1`, [
      fixtures.withImage.id,
    ])
    const out = await mkdtemp(path.join(os.tmpdir(), 'masterplan-broken-'))
    try {
      const result = buildSite(cmsUrl, 'http://localhost:4321', out)
      expect(result.ok).toBe(false)
      expect(result.output).toContain(`press-releases "${fixtures.withImage.slug}" (id ${fixtures.withImage.id})`)
      expect(result.output).toMatch(/contacts\.0\.email/)
    } finally {
      await db.query(`UPDATE press_releases_contacts SET email = $2 WHERE _parent_id = $1`, [
        fixtures.withImage.id,
        rows[0].email,
      ])
      await db.end()
      await rm(out, { recursive: true, force: true })
    }
  })
})
