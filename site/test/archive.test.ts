import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { files, read } from './helpers.ts'
import { buildSite } from './setup/build.ts'

const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')
const siteUrl = inject('siteUrl')

/**
 * The same CMS data built as of 5 January 2027 (SITE_NOW, no waiting): the process window of the
 * seed ends on 31.12.2026 and archive mode is automatic, so this build is the archive.
 */
let root: string
let archive: string
let pages: string[]

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-archive-'))
  const build = buildSite(cmsUrl, siteUrl, root, { SITE_NOW: '2027-01-05T09:00:00+01:00' })
  if (!build.ok) throw new Error(`archive build failed:\n${build.output.slice(-4000)}`)
  archive = build.dir
  pages = (await files(archive)).filter((f) => f.endsWith('.html'))
}, 180_000)

afterAll(() => rm(root, { recursive: true, force: true }))

/** Pages with the site's layout (not the small redirect pages of old addresses). */
const withLayout = async (dir: string, file: string) => (await read(dir, file)).includes('class="site-header"')

describe('archive mode, built as of 2027-01-05', () => {
  it('keeps every address: the same files as today, none removed', async () => {
    expect((await files(archive)).filter((f) => !f.startsWith('pagefind/')).sort()).toEqual(
      (await files(dist)).filter((f) => !f.startsWith('pagefind/')).sort(),
    )
  })

  it('shows the banner on every page type, in the page language, and nowhere today', async () => {
    const laidOut = []
    for (const page of pages) if (await withLayout(dist, page)) laidOut.push(page)
    expect(laidOut.length).toBeGreaterThan(20)
    for (const page of laidOut) {
      const html = await read(archive, page)
      const english = page.startsWith('en/')
      expect(html, page).toMatch(/<main[^>]*>\s*<p class="archive-notice" role="note">/)
      expect(html, page).toContain(
        english
          ? 'The process for the Masterplan Südwestsachsen ended on 31 December 2026.'
          : 'Der Prozess zum Masterplan Südwestsachsen endete am 31. Dezember 2026.',
      )
      expect(await read(dist, page), page).not.toContain('class="archive-notice')
    }
    for (const type of ['index.html', 'aktuelles/index.html', 'zeitplan/index.html', 'partner/index.html', '404.html'])
      expect(laidOut).toContain(type)
  })

  it('shows the timeline in its final state: no "today", nothing flagged as next', async () => {
    const today = await read(dist, 'zeitplan/index.html')
    const final = await read(archive, 'zeitplan/index.html')
    expect(today).toContain('aria-current="date"')
    expect(final).not.toContain('aria-current="date"')
    expect(final).not.toContain('class="kicker"')
    expect(final).toContain('Endstand')
  })

  it('closes the subscription form on every page that had it', async () => {
    const formPages = []
    for (const page of pages) if ((await read(dist, page)).includes('class="subscribe"')) formPages.push(page)
    expect(formPages).toContain('abonnieren/index.html')
    for (const page of formPages) {
      const html = await read(archive, page)
      expect(html, page).not.toContain('class="subscribe"')
      expect(html, page).toMatch(/Neue Abonnements sind nicht mehr möglich|New subscriptions are no longer possible/)
    }
    // The press service page says so where it described the alerts.
    expect(await read(archive, 'presse/index.html')).toContain('Neue Abonnements sind nicht mehr möglich')
  })

  it('invites nobody to subscribe any more: no page but the sign-up pages themselves links to them', async () => {
    const invites = /href="(\/en)?\/abonnieren\/"/
    expect(await read(dist, 'aktuelles/index.html')).toMatch(invites)
    for (const page of pages)
      if (!page.includes('abonnieren/')) expect(await read(archive, page), page).not.toMatch(invites)
  })
})
