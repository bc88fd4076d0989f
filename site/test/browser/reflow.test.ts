import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch } from '../../scripts/chromium.ts'
import { NOT_FOUND, pageTypes } from './page-types.ts'

const siteUrl = inject('siteUrl')
const fixtures = inject('fixtures')

/**
 * WCAG 2.2 1.4.10 Reflow: at 320 CSS px (a 1280 px window zoomed to 400 %) and on small phones no
 * page may scroll sideways. 360 px is the narrowest common phone; the page must fit it without a
 * horizontal scroll bar, its long addresses and code wrapped.
 */
const WIDTH = 360

let browser: Browser
let context: BrowserContext
beforeAll(async () => {
  browser = await launch()
  context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } })
})
afterAll(async () => {
  await browser?.close()
})

describe.each(Object.entries(pageTypes(fixtures)))('the %s page', (_type, urlPaths) => {
  it.each(urlPaths)(`%s fits ${WIDTH} px without scrolling sideways`, async (urlPath) => {
    const page = await context.newPage()
    const response = await page.goto(siteUrl + urlPath, { waitUntil: 'networkidle' })
    expect(response?.status()).toBe(urlPath === NOT_FOUND ? 404 : 200)
    const layout = await page.evaluate(() => {
      const root = document.documentElement
      const reachesPast = (element: Element) => element.getBoundingClientRect().right > root.clientWidth + 0.5
      // The innermost elements that reach past the window: they name the culprit when the page scrolls.
      const wider = [...document.body.querySelectorAll('*')]
        .filter((element) => reachesPast(element) && ![...element.children].some(reachesPast))
        .map((element) => {
          const name = [element.tagName.toLowerCase(), ...(element.getAttribute('class')?.split(/\s+/) ?? [])].join('.')
          const right = Math.round(element.getBoundingClientRect().right)
          return `${name} ends at ${right} px: "${element.textContent?.trim().slice(0, 80)}"`
        })
      return { clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, wider }
    })
    expect(layout.clientWidth).toBe(WIDTH)
    expect(layout.scrollWidth, layout.wider.join('\n')).toBeLessThanOrEqual(layout.clientWidth)
    await page.close()
  })
})
