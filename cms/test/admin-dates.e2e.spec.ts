import { berlinDay, germanDate } from '@masterplan/shared'
import type { Payload } from 'payload'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { launchChromium, signedInToAdmin } from './helpers/browser.ts'
import { validDocument } from './helpers/documents.ts'
import { createUser, localApiOf } from './helpers/localApi.ts'

/**
 * Dates in the admin as a press officer types them, in Chromium with a German browser in Berlin:
 * a correction dated 03.12.2026 is stored as the 3rd of December (it was stored as 12 March), and
 * the schedule dialog shows 24-hour times in the admin's format, preset to Berlin and "Alle".
 */
const email = 'press@admin-dates.example'
const password = 'admin-dates-passwort-123'
let cms: TestCms
let payload: Payload
let browser: Browser
let partner: number

beforeAll(async () => {
  cms = await startTestCms()
  payload = await localApiOf(cms)
  await createUser(payload, { email, password, role: 'press' })
  partner = (await payload.find({ collection: 'partners', limit: 1, overrideAccess: true })).docs[0]!.id as number
  browser = await launchChromium()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await payload?.destroy()
  await cms?.stop()
})

const signedIn = () => signedInToAdmin(browser, cms.url, email, password)

async function publishedRelease(title: string) {
  return payload.create({
    collection: 'press-releases',
    data: {
      ...validDocument('press-releases', { partner }),
      title,
      releaseDate: '2026-12-01T09:00:00.000Z',
      _status: 'published',
    } as never,
    overrideAccess: true,
  })
}

describe('a correction dated by typing', () => {
  it('defaults to today, takes 03.12.2026 as the 3rd of December and shows it so after a reload', async () => {
    const release = await publishedRelease('Korrektur per Tastatur')
    const page = await signedIn()
    await page.goto(`${cms.url}/admin/collections/press-releases/${release.id}`)
    await page
      .locator('#field-corrections')
      .getByRole('button', { name: /hinzufügen/i })
      .first()
      .click()
    const date = page.locator('#field-corrections__0__date input')
    await date.waitFor()
    expect(await date.inputValue()).toBe(germanDate(new Date()))
    await date.fill('03.12.2026')
    await date.press('Enter')
    await page.locator('#field-corrections__0__note').fill('Eine Zahl im zweiten Absatz war falsch.')
    await page.locator('#action-save').click()
    await expect
      .poll(
        async () => {
          const doc = await payload.findByID({ collection: 'press-releases', id: release.id, overrideAccess: true })
          const [correction] = (doc as { corrections?: { date: string }[] }).corrections ?? []
          return correction ? berlinDay(correction.date) : null
        },
        { timeout: 15_000 },
      )
      .toBe('2026-12-03')
    await page.reload()
    expect(await page.locator('#field-corrections__0__date input').inputValue()).toBe('03.12.2026')
  }, 120_000)
})

describe('the schedule dialog', () => {
  it('shows 24-hour times in the admin format, preset to Berlin, in German; refuses a moment that has passed', async () => {
    const release = await publishedRelease('Geplante Änderung')
    const page = await signedIn()
    await page.goto(`${cms.url}/admin/collections/press-releases/${release.id}`)
    await page.locator('#field-title').fill('Geplante Änderung, neu')
    await page.locator('#action-save-popup .popup-button').click()
    await page.locator('.popup__content').getByText('Veröffentlichungsplanung').click()
    const drawer = page.locator('.schedule-publish').first()
    await drawer.waitFor()
    await expect.poll(() => drawer.textContent(), { timeout: 15_000 }).toContain('Berlin (MEZ/MESZ)')
    // Where it offers a choice of languages, "all of them" is German too.
    expect(await drawer.textContent()).not.toMatch(/\bAll\b|\bTime\b/)
    const input = drawer.locator('.date-time-picker input').first()
    await input.click()
    const times = await page.locator('.react-datepicker__time-list-item').allInnerTexts()
    expect(times.slice(0, 3)).toEqual(['00:00', '00:05', '00:10'])
    for (const time of times) expect(time).toMatch(/^\d\d:\d\d$/)

    // Typed as the press office writes it; a moment of today that has passed is refused, naming it.
    const past = new Date(Date.now() - 3 * 60_000)
    const pastText = `${germanDate(past)} ${clock(past)}`
    await input.fill(pastText)
    await input.press('Enter')
    expect(await input.inputValue()).toBe(pastText)
    await drawer.locator('#scheduled-publish-save').click()
    await expect
      .poll(() => page.getByText(`Der Zeitpunkt ${pastText} liegt in der Vergangenheit`).count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    expect(await page.getByText('Erfolgreich geplant').count()).toBe(0)
    expect(await scheduledFor(release.id as number)).toEqual([])

    const tomorrow = new Date(Date.now() + 86_400_000)
    await input.fill(`${germanDate(tomorrow)} 14:40`)
    await input.press('Enter')
    expect(await input.inputValue()).toBe(`${germanDate(tomorrow)} 14:40`)
    await drawer.locator('#scheduled-publish-save').click()
    await expect.poll(() => page.getByText('Erfolgreich geplant').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const [at] = await scheduledFor(release.id as number)
    expect(berlinDay(at!)).toBe(berlinDay(tomorrow))
    expect(clock(at!)).toBe('14:40')
  }, 120_000)
})

/** 14:40 — a moment's time of day in Berlin. */
const clock = (at: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at)

async function scheduledFor(id: number): Promise<Date[]> {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: { taskSlug: { equals: 'schedulePublish' }, 'input.doc.value': { equals: String(id) } },
    overrideAccess: true,
  })
  return docs.map((job) => new Date(job.waitUntil as string))
}
