import type { ChildProcess } from 'node:child_process'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LOCALES } from '@masterplan/shared'
import {
  CONSENT_VERSION,
  localizedSitePath,
  SUBSCRIPTION_ENDPOINTS,
  SUBSCRIPTION_ERROR_FIELDS,
  SUBSCRIPTION_FIELDS,
  SUBSCRIPTION_PAGES,
  subscriptionErrorPage,
} from '@masterplan/shared/subscriptions'
import { freePort } from '@masterplan/cms/testing'
import { subscriptionText } from '../../src/lib/subscription-text.ts'
import { serveSite } from '../setup/build.ts'
import { launch } from '../../scripts/chromium.ts'

const siteUrl = inject('siteUrl')
const cmsUrl = inject('cmsUrl')
const distDir = inject('distDir')

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

async function open(url: string): Promise<Page> {
  const page = await browser.newPage()
  expect((await page.goto(url))?.status()).toBe(200)
  return page
}

/** The text of the elements an element's aria-describedby points to, as a screen reader gets it. */
const description = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`)
      .join(' '),
  )

const errorCases = LOCALES.flatMap((locale) =>
  SUBSCRIPTION_ERROR_FIELDS.map(
    (field) => [localizedSitePath(locale, subscriptionErrorPage(field)), field, locale] as const,
  ),
)

describe('an error page', () => {
  it.each(errorCases)(
    '%s marks the %s field, and only it, with a message that names field and problem',
    async (sitePath, field, locale) => {
      const page = await open(siteUrl + sitePath)
      const invalid = await page
        .locator('[aria-invalid="true"]')
        .evaluateAll((all) => all.map((e) => e.getAttribute('name')))
      expect(new Set(invalid)).toEqual(new Set([SUBSCRIPTION_FIELDS[field]]))

      const message = subscriptionText(locale).errors[field]
      // A text field carries its own description; a group of checkboxes carries it on its fieldset.
      const described =
        field === 'email'
          ? `[name="${SUBSCRIPTION_FIELDS.email}"]`
          : `fieldset:has([name="${SUBSCRIPTION_FIELDS.topics}"])`
      expect(await description(page, described)).toContain(message)
      await page.close()
    },
  )

  it.each(errorCases)('%s sums the %s problem up at the top, linking to the field', async (sitePath, field, locale) => {
    const page = await open(siteUrl + sitePath)
    const summary = page.locator('.error-summary')
    expect(await summary.getByRole('heading').textContent()).toBe(subscriptionText(locale).errorSummary)
    // Not an alert: the page has just loaded and is read from the top.
    expect(await page.locator('[role="alert"]').count()).toBe(0)
    const link = summary.getByRole('link', { name: subscriptionText(locale).errors[field] })
    await link.click()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(SUBSCRIPTION_FIELDS[field])
    await page.close()
  })
})

describe('the form', () => {
  it('leaves the honeypot out of the keyboard order and the accessibility tree', async () => {
    const page = await open(siteUrl + SUBSCRIPTION_PAGES.form)
    await page.locator('#email').focus()
    const reached: string[] = []
    for (let i = 0; i < 10 && reached.at(-1) !== 'BUTTON'; i++) {
      await page.keyboard.press('Tab')
      reached.push(
        await page.evaluate(
          () => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName ?? '',
        ),
      )
    }
    expect(reached.at(-1)).toBe('BUTTON')
    expect(reached).not.toContain(SUBSCRIPTION_FIELDS.honeypot)
    const tree = await page.locator('form').ariaSnapshot()
    expect(tree).toContain(subscriptionText('de').email)
    expect(tree).not.toContain(subscriptionText('de').honeypot)
    await page.close()
  })

  describe('served with the CMS allowed as a form target', () => {
    let server: ChildProcess
    let servedAt: string
    beforeAll(async () => {
      const port = await freePort()
      servedAt = `http://localhost:${port}`
      server = await serveSite(distDir, port, { CMS_URL: cmsUrl })
    })
    afterAll(() => {
      server?.kill('SIGTERM')
    })

    it('allows forms to go to the site and the CMS only', async () => {
      const csp = (await fetch(servedAt + SUBSCRIPTION_PAGES.form)).headers.get('content-security-policy')
      expect(csp).toContain(`form-action 'self' ${new URL(cmsUrl).origin};`)
    })

    it('sends what the reader chose to the CMS, form-encoded, with the consent version and an empty honeypot', async () => {
      const page = await open(servedAt + localizedSitePath('en', SUBSCRIPTION_PAGES.form))
      await page.getByLabel(subscriptionText('en').email).fill('leserin@example.org')
      await page.getByLabel(subscriptionText('en').topics.milestones).check()
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url() === `${cmsUrl}${SUBSCRIPTION_ENDPOINTS.request}`, { timeout: 10_000 }),
        page.getByRole('button', { name: subscriptionText('en').submit }).click(),
      ])
      expect(request.method()).toBe('POST')
      expect(request.headers()['content-type']).toBe('application/x-www-form-urlencoded')
      const sent = new URLSearchParams(request.postData() ?? '')
      expect([...sent.keys()].sort()).toEqual(
        [
          SUBSCRIPTION_FIELDS.email,
          SUBSCRIPTION_FIELDS.topics,
          SUBSCRIPTION_FIELDS.topics,
          SUBSCRIPTION_FIELDS.language,
          SUBSCRIPTION_FIELDS.consent,
          SUBSCRIPTION_FIELDS.honeypot,
        ].sort(),
      )
      expect(sent.get(SUBSCRIPTION_FIELDS.email)).toBe('leserin@example.org')
      expect(sent.getAll(SUBSCRIPTION_FIELDS.topics)).toEqual(['press-releases', 'milestones'])
      expect(sent.get(SUBSCRIPTION_FIELDS.language)).toBe('en')
      expect(sent.get(SUBSCRIPTION_FIELDS.consent)).toBe(CONSENT_VERSION)
      expect(sent.get(SUBSCRIPTION_FIELDS.honeypot)).toBe('')
      await page.close()
    })
  })
})
