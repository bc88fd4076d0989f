import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { launchChromium, signedInToAdmin } from './helpers/browser.ts'
import { createUser, localApiOf } from './helpers/localApi.ts'

/**
 * The site settings in the admin as an editor meets them, in Chromium: the admins' fields are
 * read-only, and saving the editorial ones works although the form sends the admins' fields back.
 */
const email = 'redaktion@site-settings.example'
const password = 'site-settings-passwort-123'
let cms: TestCms
let payload: Payload
let browser: Browser

beforeAll(async () => {
  cms = await startTestCms()
  payload = await localApiOf(cms)
  await createUser(payload, { email, password, role: 'editor' })
  browser = await launchChromium()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await payload?.destroy()
  await cms?.stop()
})

const signedIn = () => signedInToAdmin(browser, cms.url, email, password)

/** Whether the field is shown read-only; null if the page has no such field (the test then names it). */
const readOnly = (page: Page, id: string) =>
  page.evaluate((id) => {
    const element = document.getElementById(id)
    return element ? Boolean(element.closest('.read-only') || element.matches(':disabled')) : null
  }, id)

/** The site settings at `origin`, scrolled until every field is rendered; the footer's text field. */
async function settingsFooter(page: Page, origin: string) {
  await page.goto(`${origin}/admin/globals/site-settings`)
  // What the editor saw, should a step below fail.
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`))
  await page.locator('#field-siteName').waitFor({ timeout: 60_000 })
  // The admin renders fields as they scroll into view: scroll until the last one is there.
  for (let i = 0; i < 40 && !(await page.locator('#field-legal__accessibilityContactEmail').count()); i++) {
    await page.mouse.wheel(0, 800)
    await page.waitForTimeout(250)
  }
  const footer = page.locator('#field-footer__text')
  await footer.scrollIntoViewIfNeeded({ timeout: 10_000 })
  return footer
}

describe('an editor in the site settings', () => {
  it('sees archive mode, the process window, the name and the legal details read-only, and saves the footer', async () => {
    const before = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })
    const page = await signedIn()
    const footer = await settingsFooter(page, cms.url)
    for (const id of ['field-archive__mode', 'field-siteName', 'field-legal__publisher', 'field-legal__email'])
      expect(await readOnly(page, id), id).toBe(true)
    expect(await readOnly(page, 'field-footer__text')).toBe(false)

    await footer.fill('Fußzeile, von der Redaktion geändert.')
    await page.click('#action-save', { timeout: 10_000 })
    // However the admin sends it (REST or a server function), the change must arrive, and no error show.
    await expect
      .poll(
        async () => (await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })).footer?.text,
        { timeout: 30_000, interval: 500 },
      )
      .toBe('Fußzeile, von der Redaktion geändert.')
    expect(await page.locator('.payload-toast-item.toast-error, .toast-error').count()).toBe(0)

    const after = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })
    expect(after.footer?.text).toBe('Fußzeile, von der Redaktion geändert.')
    expect({ ...after.legal, siteName: after.siteName, archive: after.archive?.mode }).toEqual({
      ...before.legal,
      siteName: before.siteName,
      archive: before.archive?.mode,
    })
  }, 180_000)
})

describe('the admin opened at 127.0.0.1 instead of localhost (SERVER_URL)', () => {
  it('names the address to use and sends the browser to the same page there, where signing in and saving work', async () => {
    const loopback = cms.url.replace('//localhost:', '//127.0.0.1:')
    const answer = await fetch(`${loopback}/admin/globals/site-settings?depth=0`, { redirect: 'manual' })
    expect(answer.status).toBe(421)
    const text = await answer.text()
    expect(text).toContain(`url=${cms.url}/admin/globals/site-settings?depth=0`)
    expect(text).toContain(`Der Verwaltungsbereich ist unter <a href="${cms.url}/admin/globals/site-settings?depth=0">`)

    const page = await signedInToAdmin(browser, loopback, email, password)
    expect(new URL(page.url()).origin).toBe(cms.url)
    const footer = await settingsFooter(page, loopback)
    expect(new URL(page.url()).origin).toBe(cms.url)
    await footer.fill('Fußzeile, über 127.0.0.1 geöffnet.')
    await page.click('#action-save', { timeout: 10_000 })
    await expect
      .poll(
        async () => (await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })).footer?.text,
        { timeout: 30_000, interval: 500 },
      )
      .toBe('Fußzeile, über 127.0.0.1 geöffnet.')
    expect(await page.locator('.toast-error').count()).toBe(0)
  }, 180_000)
})
