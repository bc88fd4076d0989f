import type { Payload } from 'payload'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { launchChromium } from './helpers/browser.ts'
import { cabinetRelease } from './import-docx.fixtures.ts'
import { createUser, localApiOf } from './helpers/localApi.ts'

/** The "Aus Word importieren" button in a production build of the admin, driven by Chromium. */
let cms: TestCms
let payload: Payload
const email = 'press@import-docx.example'
const password = 'import-passwort-123'
const minute = 60_000

beforeAll(async () => {
  cms = await startTestCms()
  payload = await localApiOf(cms)
  await createUser(payload, { email, password, role: 'press' })
}, 600_000)

afterAll(async () => {
  await payload?.destroy()
  await cms?.stop()
})

async function signIn(page: Page) {
  await page.goto(`${cms.url}/admin/login`)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', password)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.includes('/login'))
}

describe('the admin', () => {
  it(
    'imports a Word file from the list view and opens the draft with its notes; refuses another file type with its message',
    async () => {
      const browser = await launchChromium()
      try {
        const page = await (await browser.newContext()).newPage()
        const problems: string[] = []
        page.on('pageerror', (error) => problems.push(error.message))
        page.on('console', (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
        })
        await signIn(page)
        await page.goto(`${cms.url}/admin/collections/press-releases`)
        const button = page.getByRole('button', { name: 'Aus Word importieren' })
        await button.waitFor()

        await page.setInputFiles('input[type="file"]', {
          name: 'kabinett.docx',
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          buffer: await cabinetRelease(),
        })
        await page.waitForURL(/\/admin\/collections\/press-releases\/\d+$/, { timeout: minute })
        await page.waitForSelector('input[name="title"]')
        expect(await page.inputValue('input[name="title"]')).toBe(
          'Kabinett gibt Startschuss für den Masterplan Südwestsachsen',
        )
        expect(await page.inputValue('textarea[name="importNotes"]')).toContain('Kopf- und Fußzeilen')
        const id = Number(page.url().split('/').at(-1))
        const draft = await payload.findByID({ collection: 'press-releases', id, draft: true, overrideAccess: true })
        expect(draft._status).toBe('draft')

        // The edit view has the button too; a file that is no Word document is refused there.
        await page.getByRole('button', { name: 'Aus Word importieren' }).waitFor()
        await page.setInputFiles('input[type="file"]', {
          name: 'notiz.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('Medieninformation'),
        })
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: 'keine Word-Datei' }).count(), { timeout: 10_000 })
          .toBe(1)
        expect(page.url()).toContain(`/press-releases/${id}`)
        expect(problems).toEqual([])
      } finally {
        await browser.close()
      }
    },
    3 * minute,
  )
})
