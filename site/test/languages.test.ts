import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { builtFile, files, read, tags, urlPathOf } from './helpers.ts'

const dist = inject('distDir')
const siteUrl = inject('siteUrl')

const fileOf = (href: string, from: string) => builtFile(dist, siteUrl, href, from)

/** The hreflang alternates a page declares in its head, as "code url" lines, sorted. */
const declared = (html: string) =>
  tags(html, 'link')
    .filter((link) => link.rel === 'alternate' && link.hreflang)
    .map((link) => `${link.hreflang} ${link.href}`)
    .sort()

const pages = async () =>
  (await files(dist)).filter((file) => file.endsWith('.html') && file !== '404.html' && !file.startsWith('pagefind/'))

describe('translations', () => {
  it('are declared (hreflang) and offered (language switch) only where the page in the other language is built', async () => {
    const all = await pages()
    expect(all.length).toBeGreaterThan(30)
    const missing: string[] = []
    let checked = 0
    for (const file of all) {
      const html = await read(dist, file)
      const from = urlPathOf(file)
      const targets = [
        ...tags(html, 'link').filter((link) => link.rel === 'alternate' && link.hreflang),
        ...tags(html, 'a').filter((a) => a.hreflang),
      ]
      for (const { href, hreflang } of targets) {
        checked++
        const target = fileOf(href!, from)
        if (!target || !existsSync(target)) missing.push(`${from} → ${hreflang}: ${href}`)
      }
    }
    // German pages with an English version and vice versa: the check has something to check.
    expect(checked).toBeGreaterThan(50)
    expect(missing).toEqual([])
  })

  it('are declared both ways: each page named as an alternate names the same alternates', async () => {
    const mismatched: string[] = []
    for (const file of await pages()) {
      const own = declared(await read(dist, file))
      for (const line of own) {
        const target = fileOf(line.split(' ')[1]!, urlPathOf(file))
        if (!target || !existsSync(target)) continue // reported by the test above
        const theirs = declared(await read(dist, path.relative(dist, target)))
        if (theirs.join('\n') !== own.join('\n')) mismatched.push(`${urlPathOf(file)} ≠ ${line}`)
      }
    }
    expect(mismatched).toEqual([])
  })

  it('are not claimed for the German list of a year that has no English release', async () => {
    // The fixtures' only release of 2026 is German (fixtures.germanOnly): /en/aktuelles/jahr/2026/ is not built.
    expect(existsSync(path.join(dist, 'en/aktuelles/jahr/2026/index.html'))).toBe(false)
    for (const file of ['aktuelles/jahr/2026/index.html', 'aktuelles/jahr/2026/archiv/1/index.html']) {
      const html = await read(dist, file)
      expect(declared(html), file).toEqual([])
      expect(html, file).not.toContain('class="lang-switch"')
    }
    // The same year list with English releases declares both: the checks above can fail.
    expect(declared(await read(dist, 'aktuelles/jahr/2025/index.html'))).toEqual([
      `de ${siteUrl}/aktuelles/jahr/2025/`,
      `en ${siteUrl}/en/aktuelles/jahr/2025/`,
      `x-default ${siteUrl}/aktuelles/jahr/2025/`,
    ])
  })

  it('are listed in the sitemap exactly as each page declares them, with the same language codes', async () => {
    const sitemaps = (await files(dist)).filter((file) => /^sitemap-\d+\.xml$/.test(file))
    expect(sitemaps.length).toBeGreaterThan(0)
    const differing: string[] = []
    let listed = 0
    for (const sitemap of sitemaps) {
      for (const [, entry] of (await read(dist, sitemap)).matchAll(/<url>([\s\S]*?)<\/url>/g)) {
        const loc = /<loc>([^<]*)<\/loc>/.exec(entry!)![1]!.replace(/&amp;/g, '&')
        const inSitemap = tags(entry!, 'xhtml:link')
          .map((link) => `${link.hreflang} ${link.href}`)
          .sort()
        const file = fileOf(loc, '/')
        if (!file || !existsSync(file)) {
          differing.push(`${loc}: listed, but not built`)
          continue
        }
        listed++
        const inPage = declared(await read(dist, path.relative(dist, file)))
        if (inSitemap.join('\n') !== inPage.join('\n'))
          differing.push(`${loc}: sitemap [${inSitemap.join(', ')}], page [${inPage.join(', ')}]`)
      }
    }
    expect(listed).toBeGreaterThan(30)
    expect(differing).toEqual([])
  })
})

describe('feeds and calendars', () => {
  const feedOf = (prefix: string) => `${siteUrl}${prefix}/feed.xml`

  it("are those of the page's language: the feed in every head and footer, the calendar on the timeline", async () => {
    const wrong: string[] = []
    for (const file of await pages()) {
      const html = await read(dist, file)
      // The old list addresses only send the browser on.
      if (html.includes('http-equiv="refresh"')) continue
      const prefix = file.startsWith('en/') ? '/en' : ''
      const feeds = tags(html, 'link').filter((link) => link.rel === 'alternate' && link.type === 'application/rss+xml')
      if (feeds.map((link) => link.href).join() !== feedOf(prefix))
        wrong.push(`${file}: head names ${feeds.map((link) => link.href)}`)
      // A link to the other language's feed or calendar says so (hreflang); every other one is the page's own.
      for (const a of tags(html, 'a').filter((a) => /(feed\.xml|\.ics)$/.test(a.href ?? ''))) {
        const target = new URL(a.href!, siteUrl).pathname
        const own = prefix ? target.startsWith('/en/') : !target.startsWith('/en/')
        if (!own && a.hreflang !== (prefix ? 'de' : 'en')) wrong.push(`${file}: links ${a.href} unmarked`)
      }
      if (!tags(html, 'a').some((a) => new URL(a.href ?? '#', siteUrl).toString() === feedOf(prefix)))
        wrong.push(`${file}: no visible link to ${feedOf(prefix)}`)
    }
    for (const [file, calendar] of [
      ['zeitplan/index.html', '/zeitplan.ics'],
      ['en/zeitplan/index.html', '/en/zeitplan.ics'],
    ] as const) {
      const links = tags(await read(dist, file), 'a').map((a) => new URL(a.href ?? '#', siteUrl).pathname)
      if (!links.includes(calendar)) wrong.push(`${file}: no link to ${calendar}`)
    }
    expect(wrong).toEqual([])
  })

  it.each(['feed.xml', 'zeitplan.ics', 'en/feed.xml', 'en/zeitplan.ics'])('%s is built', (file) => {
    expect(existsSync(path.join(dist, file))).toBe(true)
  })
})
