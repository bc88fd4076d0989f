import type { Browser, Page } from 'playwright-core'

export { launch as launchChromium } from '@masterplan/site/chromium'

/** A German browser in Berlin, signed in to the admin at `origin` (the origin of SERVER_URL, which the admin checks). */
export async function signedInToAdmin(
  browser: Browser,
  origin: string,
  email: string,
  password: string,
): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })).newPage()
  await page.goto(`${origin}/admin/login`)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', password)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.includes('/login'))
  return page
}
