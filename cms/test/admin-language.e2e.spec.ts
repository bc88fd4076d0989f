import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { initI18n } from '@payloadcms/translations'
import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { launchChromium } from './helpers/browser.ts'
import { createUser, localApiOf } from './helpers/localApi.ts'

/**
 * The admin speaks one language at a time: German by default, English when the account chose it,
 * and its German addresses the user as "Sie". Every list and edit view is read in Chromium.
 */
let cms: TestCms
let payload: Payload
let browser: Browser
const email = 'sprache@admin-language.example'
const password = 'sprache-passwort-123'
const minute = 60_000

/** Words of Payload's, the project's or Lexical's English that showed up in German views. */
const ENGLISH = [
  'Add',
  'All',
  'Time',
  'Paragraph',
  'Image',
  'Images',
  'Correction',
  'Corrections',
  'Trigger',
  'Triggers',
  'Representative',
  'Create',
  'Creating',
  'Untitled',
  'Save',
  'Publish',
  'Delete',
  'Search',
  'Columns',
  'Filters',
  'Collections',
  'Log out',
  'No results',
  'Media file',
  'Press release',
  'Press releases',
  'Site build',
  'Duration',
  'Not published',
  'Public website',
  'Import from Word',
  'publish',
  'unpublish',
  'schedule-publish',
  'schedule-unpublish',
  'subscription-removed',
]

/** The admin's German (Payload's and the project's own panels) that must not show in English views. */
const GERMAN = [
  'hinzufügen',
  'Speichern',
  'Veröffentlichen',
  'Entwurf',
  'Abbrechen',
  'Löschen',
  'Suche',
  'Spalten',
  'Sammlungen',
  'Sperrfrist',
  'Öffentliche Website',
  'Nicht veröffentlicht',
  'Wird veröffentlicht',
  'Kein Website-Build',
  'Website wird',
  'Live seit',
  'E-Mail-Abonnenten',
  'Noch keine Benachrichtigung',
  'Aus Word importieren',
  'Abonnements',
  'bestätigte Adressen',
  'Adressen verwalten',
  'Korrektur-Benachrichtigung',
  'Medieninformationen',
  'Meilensteine',
  'Website-Builds',
  'erfolgreich',
  'Zeitpunkt',
  'Bildunterschrift',
]

/** The informal address: pronouns, and the du-forms of the verbs Payload's German uses. */
const DU =
  /\b(du|dich|dir|dein\w*|hast|bist|warst|wurdest|möchtest|kannst|musst|erhältst|siehst|gib|wähle|ziehe|setze|klicke|kopiere|gehe|ändere|überprüfe|versuche es|speichere|verwerfe|verifiziere|ignoriere|erstelle|bearbeite|entferne|beginne|drücke|tippe)\b/i

const words = (list: string[]) => new RegExp(`(?<![\\p{L}-])(${list.join('|')})(?![\\p{L}-])`, 'u')
const englishWords = words(ENGLISH)
const germanWords = words(GERMAN)

beforeAll(async () => {
  cms = await startTestCms()
  payload = await localApiOf(cms)
  await createUser(payload, { email, password, role: 'admin' })
  await recordsOfTheSystem()
  browser = await launchChromium()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await payload?.destroy()
  await cms?.stop()
})

/** One record in each collection only the system writes, so their edit views have something to show. */
async function recordsOfTheSystem() {
  const common = { overrideAccess: true } as const
  const now = new Date().toISOString()
  // Empty number cells are what showed "<Kein Seiten>" and "<Kein Dauer (ms)>".
  await payload.create({ ...common, collection: 'site-builds', data: { summary: 'Testbuild', status: 'queued' } })
  await payload.create({ ...common, collection: 'backups', data: { night: '2026-12-02', status: 'running' } })
  await payload.create({
    ...common,
    collection: 'audit-log',
    data: { action: 'publish', collection: 'press-releases', documentId: cms.fixtures.withImage.id, at: now },
  })
  await payload.create({
    ...common,
    collection: 'alerts',
    data: { kind: 'release', status: 'waiting', pressRelease: cms.fixtures.withImage.id },
  })
  await payload.create({
    ...common,
    collection: 'subscriptions',
    data: {
      email: 'leser@admin-language.example',
      topics: ['press-releases'],
      language: 'de',
      requestedAt: now,
      confirmedAt: now,
      consentVersion: '2026-01',
    },
  })
}

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${cms.url}/admin/login`)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', password)
  await page.click('button[type="submit"]')
  await page.waitForURL((url) => !url.pathname.includes('/login'))
  return page
}

/** What a person reads: the rendered text, without the documents' own (German) rich text. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editors = [...document.querySelectorAll<HTMLElement>('[contenteditable="true"]')]
    for (const editor of editors) editor.style.display = 'none'
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const text = document.body.innerText
    for (const editor of editors) editor.style.display = ''
    return text
  })
}

/** Waits until the admin rendered the view (and an autosaved new document got its address). */
async function settle(page: Page) {
  await page.waitForLoadState('load')
  await page.locator('.template-default__wrap, .template-default').first().waitFor({ timeout: 30_000 })
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {})
  await page.waitForTimeout(400)
}

type View = { name: string; url: string }

/** The dashboard, the account, each visible collection's list, new and existing document, each global. */
async function views(page: Page): Promise<View[]> {
  const access = await page.evaluate(async (url) => {
    const response = await fetch(`${url}/api/access`, { credentials: 'include' })
    return (await response.json()) as { collections: Record<string, { create?: boolean }> }
  }, cms.url)
  const list: View[] = [
    { name: 'dashboard', url: '/admin' },
    { name: 'account', url: '/admin/account' },
  ]
  for (const collection of payload.config.collections) {
    if (collection.admin?.hidden === true || collection.slug.startsWith('payload-')) continue
    const slug = collection.slug
    list.push({ name: `${slug} list`, url: `/admin/collections/${slug}` })
    if (access.collections[slug]?.create) list.push({ name: `${slug} new`, url: `/admin/collections/${slug}/create` })
    const existing = await payload.find({ collection: slug, limit: 1, depth: 0, overrideAccess: true, sort: 'id' })
    const doc = existing.docs[0]
    if (!doc) throw new Error(`no ${slug} document to open`)
    list.push({ name: `${slug} existing`, url: `/admin/collections/${slug}/${doc.id}` })
  }
  for (const global of payload.config.globals) {
    list.push({ name: `${global.slug}`, url: `/admin/globals/${global.slug}` })
  }
  return list
}

/** Findings in one view's text, for one interface language. */
function check(language: 'de' | 'en', view: string, text: string): string[] {
  const found: string[] = []
  const foreign = language === 'de' ? englishWords : germanWords
  for (const line of text.split('\n')) {
    const word = line.match(foreign)?.[0]
    if (word) found.push(`${language} ${view}: "${word}" in "${line.trim().slice(0, 120)}"`)
    const du = language === 'de' ? line.match(DU)?.[0] : undefined
    if (du) found.push(`${language} ${view}: "${du}" in "${line.trim().slice(0, 120)}"`)
    // Payload's "<Kein {{label}}>" made "<Kein Seiten>" of an empty cell.
    const none = language === 'de' ? line.match(/<Kein\s[^>]*>/)?.[0] : undefined
    if (none) found.push(`${language} ${view}: "${none}"`)
  }
  return found
}

/** What the rich-text editor of a release offers to insert, read from its slash menu. */
async function insertMenu(page: Page, screenshot?: string): Promise<string> {
  // The release's first rich text is its body ("Text").
  const editor = page.locator('[data-lexical-editor="true"]').first()
  await editor.click()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('/')
  const menu = page.locator('.slash-menu-popup')
  await menu.waitFor({ timeout: 10_000 })
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
  const text = await menu.innerText()
  if (screenshot) await page.screenshot({ path: screenshot })
  await page.keyboard.press('Escape')
  return text
}

/** The confirmation Payload asks before deleting a document: its wording must say "Sie". */
async function deleteQuestion(page: Page): Promise<string> {
  await page.locator('.doc-controls__popup button, .doc-controls__dots').first().click()
  await page
    .locator('.popup__content button', { hasText: /^(Löschen|Delete)$/ })
    .first()
    .click()
  const modal = page.locator('.confirmation-modal').first()
  await modal.waitFor({ timeout: 10_000 })
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
  const text = await modal.innerText()
  await page.keyboard.press('Escape')
  return text
}

async function walk(page: Page, language: 'de' | 'en', screenshots?: string): Promise<string[]> {
  const findings: string[] = []
  for (const view of await views(page)) {
    await page.goto(`${cms.url}${view.url}`)
    await settle(page)
    findings.push(...check(language, view.name, await visibleText(page)))
    if (view.name === 'press-releases new') {
      // An autosaved draft without a title was headed by its id ("17").
      const expected = language === 'de' ? 'Neue Medieninformation' : 'New press release'
      const heading = page.locator('h1').first()
      await expect
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
        .poll(async () => (await heading.innerText()).trim(), { timeout: 5_000 })
        .toBe(expected)
        .catch(async () => {
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
          findings.push(`${language} ${view.name}: headed "${(await heading.innerText()).trim()}", not "${expected}"`)
        })
      // A menu that does not open is a finding too, so the other views are still read.
      const shot = screenshots && path.join(screenshots, 'admin-de-insert-menu.png')
      const menu = await insertMenu(page, shot).catch((error: Error) => `no insert menu: ${error.message}`)
      if (menu.startsWith('no insert menu')) findings.push(`${language} ${menu}`)
      findings.push(...check(language, 'insert menu', menu))
      if (language === 'de' && /\bZitat\b/.test(menu) && /\bBlockzitat\b/.test(menu)) {
        findings.push('de insert menu: "Zitat" and "Blockzitat" side by side')
      }
    }
    if (view.name === 'press-releases existing') {
      const question = await deleteQuestion(page).catch((error: Error) => `no delete question: ${error.message}`)
      if (question.startsWith('no delete question')) findings.push(`${language} ${question}`)
      findings.push(...check(language, 'delete question', question))
    }
    if (screenshots && ['press-releases existing', 'site-builds list', 'press-releases list'].includes(view.name)) {
      await page.screenshot({ path: path.join(screenshots, `admin-de-${view.name.replaceAll(' ', '-')}.png`) })
    }
  }
  return findings
}

describe('the admin in one language', () => {
  it(
    'German (the default): no English, and "Sie" throughout',
    async () => {
      const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })
      try {
        const page = await signIn(context)
        const screenshots = process.env.ADMIN_SCREENSHOTS
        if (screenshots) await mkdir(screenshots, { recursive: true })
        const findings = await walk(page, 'de', screenshots)
        // The form behind "Passwort vergessen?", seen before signing in.
        const guest = await (await browser.newContext({ locale: 'de-DE' })).newPage()
        await guest.goto(`${cms.url}/admin/forgot`)
        await guest.locator('form').first().waitFor()
        findings.push(...check('de', 'forgot password', await visibleText(guest)))
        expect(findings).toEqual([])
      } finally {
        await context.close()
      }
    },
    15 * minute,
  )

  it(
    'English, chosen in the account: no German, the project’s own panels included',
    async () => {
      // A German browser: the account's choice is what switches the admin to English.
      const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })
      try {
        const page = await signIn(context)
        await page.goto(`${cms.url}/admin/account`)
        await settle(page)
        await page.locator('#language-select').click()
        await page.keyboard.type('English')
        await page.keyboard.press('Enter')
        await expect
          .poll(async () => (await context.cookies()).find((c) => c.name === 'payload-lng')?.value, { timeout: 15_000 })
          .toBe('en')
        await page.reload()
        await settle(page)
        expect(await page.locator('html').getAttribute('lang')).toBe('en')
        const findings = await walk(page, 'en')
        expect(findings).toEqual([])
      } finally {
        await context.close()
      }
    },
    15 * minute,
  )

  it('every German string of the admin (Payload’s, Lexical’s and ours) says "Sie"', async () => {
    const i18n = await initI18n({ config: payload.config.i18n, context: 'client', language: 'de' })
    const strings: string[] = []
    const collect = (value: unknown, key: string) => {
      // Each editor sets its own placeholder (src/i18n/lexical.ts); the views above read it.
      if (key === 'lexical:general:placeholder') return
      if (typeof value === 'string') {
        if (DU.test(value)) strings.push(`${key}: ${value}`)
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) collect(v, key ? `${key}:${k}` : k)
      }
    }
    collect(i18n.translations, '')
    expect(strings).toEqual([])
  })
})
