import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch } from '../../scripts/chromium.ts'
import { NOT_FOUND, pageTypes } from './page-types.ts'

const siteUrl = inject('siteUrl')
const fixtures = inject('fixtures')
const types = pageTypes(fixtures)

let browser: Browser
let context: BrowserContext
const outside: string[] = []
beforeAll(async () => {
  browser = await launch()
  context = await browser.newContext()
  // Any request to another origin is recorded; the site must make none.
  context.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(siteUrl) && !url.startsWith('data:')) outside.push(url)
  })
})
afterAll(async () => {
  await browser?.close()
})

async function open(urlPath: string): Promise<Page> {
  const page = await context.newPage()
  const response = await page.goto(siteUrl + urlPath, { waitUntil: 'networkidle' })
  expect(response?.status()).toBe(urlPath === NOT_FOUND ? 404 : 200)
  return page
}

describe.each(Object.entries(types))('the %s page', (_type, urlPaths) => {
  it.each(urlPaths)(
    '%s renders with one h1, a language and no accessibility violations (WCAG 2.2 AA)',
    async (urlPath) => {
      const page = await open(urlPath)
      // The default of 1 s ran out on a busy machine (two suites side by side) while Chromium answered slowly.
      await expect.poll(() => page.locator('h1').count(), { timeout: 15_000 }).toBe(1)
      expect(await page.getAttribute('html', 'lang')).toBe(urlPath.startsWith('/en/') ? 'en' : 'de')
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
      await page.close()
    },
  )
})

describe('keyboard users', () => {
  it('reach the main content through the skip link', async () => {
    const page = await open('/aktuelles/')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen')
    expect(await page.locator('.skip-link').isVisible()).toBe(true)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhalt')
    await page.close()
  })
})

describe('the sign-language video', () => {
  it("plays in the browser's own player, from the site's origin, with its captions showing", async () => {
    const page = await open('/gebaerdensprache/')
    const state = await page.evaluate(async () => {
      const video = document.querySelector('video')!
      video.muted = true
      await video.play()
      const track = video.textTracks[0]!
      for (let i = 0; i < 50 && !track.cues?.length; i++) await new Promise((r) => setTimeout(r, 100))
      return { src: video.currentSrc, kind: track.kind, mode: track.mode, cue: (track.cues?.[0] as VTTCue)?.text }
    })
    expect(state).toEqual({
      src: `${siteUrl}/medien/begruessung.webm`,
      kind: 'captions',
      mode: 'showing',
      cue: 'Willkommen beim Masterplan Südwestsachsen.',
    })
    await page.close()
  })
})

describe('search', () => {
  it('finds the seeded release by a word from its body', async () => {
    const page = await open('/suche/')
    // "Auslaufen" stands only in the body of the release of 15.04.2025.
    await page.locator('#suche input').fill('Auslaufen')
    const links = page.locator('.pagefind-ui__result-link')
    await links.first().waitFor({ timeout: 15_000 })
    const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))
    expect(hrefs).toContain('/aktuelles/kabinett-gibt-startschuss-fuer-den-masterplan-suedwestsachsen/')
    await page.close()
  })
})

describe('privacy', () => {
  it('no page requested anything from another host', () => {
    expect(outside).toEqual([])
  })

  it('no page set a cookie', async () => {
    expect(await context.cookies()).toEqual([])
  })
})
