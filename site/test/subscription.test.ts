import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { LOCALES } from '@masterplan/shared'
import {
  CONSENT_VERSION,
  EMAIL_MAX_LENGTH,
  localizedSitePath,
  SUBSCRIPTION_ENDPOINTS,
  SUBSCRIPTION_ERROR_FIELDS,
  SUBSCRIPTION_FIELDS,
  SUBSCRIPTION_PAGES,
  subscriptionErrorPage,
} from '@masterplan/shared/subscriptions'
import { files, read, searchIndexText } from './helpers.ts'

const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')
const fixtures = inject('fixtures')

const fileOf = (sitePath: string) => `${sitePath.slice(1)}index.html`
const inBothLanguages = (sitePath: string) => LOCALES.map((locale) => localizedSitePath(locale, sitePath))

const formPages = inBothLanguages(SUBSCRIPTION_PAGES.form)
const errorPages = SUBSCRIPTION_ERROR_FIELDS.flatMap((field) => inBothLanguages(subscriptionErrorPage(field)))
const statusPages = (['pending', 'confirmed', 'invalidLink', 'unsubscribed'] as const).flatMap((status) =>
  inBothLanguages(SUBSCRIPTION_PAGES[status]),
)
/** Where the CMS sends readers; nobody should find these pages any other way. */
const unlistedPages = [...errorPages, ...statusPages]

const formOf = (html: string) => {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/)?.[0]
  if (!form) throw new Error('no form on the page')
  return form
}
/** An attribute's value, '' for a bare boolean attribute, undefined when absent. */
const attribute = (tag: string, name: string) => {
  const match = tag.match(new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s>/])`))
  return match ? (match[1] ?? '') : undefined
}
const tagsIn = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map((m) => m[0])

describe('the subscription pages', () => {
  it.each([...formPages, ...unlistedPages])('%s is built', (sitePath) => {
    expect(existsSync(path.join(dist, fileOf(sitePath)))).toBe(true)
  })

  it.each([...formPages, ...errorPages])(
    '%s posts the form straight to the CMS, without JavaScript',
    async (sitePath) => {
      const html = await read(dist, fileOf(sitePath))
      const form = formOf(html)
      const [open] = tagsIn(form, 'form')
      expect(attribute(open!, 'method')).toBe('post')
      expect(attribute(open!, 'action')).toBe(`${cmsUrl}${SUBSCRIPTION_ENDPOINTS.request}`)
      expect(html).not.toMatch(/<script\b/)
    },
  )

  it.each(formPages)('%s has exactly the fields the CMS reads', async (sitePath) => {
    const form = formOf(await read(dist, fileOf(sitePath)))
    const names = tagsIn(form, 'input').map((tag) => attribute(tag, 'name'))
    expect(new Set(names)).toEqual(new Set(Object.values(SUBSCRIPTION_FIELDS)))

    const email = tagsIn(form, 'input').find((tag) => attribute(tag, 'name') === SUBSCRIPTION_FIELDS.email)!
    expect([
      attribute(email, 'type'),
      attribute(email, 'autocomplete'),
      attribute(email, 'required'),
      attribute(email, 'maxlength'),
    ]).toEqual(['email', 'email', '', String(EMAIL_MAX_LENGTH)])
    const consent = tagsIn(form, 'input').find((tag) => attribute(tag, 'name') === SUBSCRIPTION_FIELDS.consent)!
    expect([attribute(consent, 'type'), attribute(consent, 'value')]).toEqual(['hidden', CONSENT_VERSION])
    // The version a reader agrees to is shown, not only sent.
    expect(form).toContain(CONSENT_VERSION)
  })

  it.each(formPages)('%s hides the honeypot from eyes, assistive technology and the keyboard', async (sitePath) => {
    const form = formOf(await read(dist, fileOf(sitePath)))
    const wrapper = form.match(/<div\b[^>]*aria-hidden="true"[^>]*>([\s\S]*?)<\/div>/)
    expect(wrapper?.[0]).toMatch(/class="visually-hidden/)
    const honeypot = tagsIn(wrapper![1]!, 'input')
    expect(honeypot).toHaveLength(1)
    expect([
      attribute(honeypot[0]!, 'name'),
      attribute(honeypot[0]!, 'tabindex'),
      attribute(honeypot[0]!, 'autocomplete'),
      attribute(honeypot[0]!, 'value'),
    ]).toEqual([SUBSCRIPTION_FIELDS.honeypot, '-1', 'off', undefined])
  })

  it('preselect the language of the page', async () => {
    for (const locale of LOCALES) {
      const form = formOf(await read(dist, fileOf(localizedSitePath(locale, SUBSCRIPTION_PAGES.form))))
      const checked = tagsIn(form, 'input').filter(
        (tag) => attribute(tag, 'name') === SUBSCRIPTION_FIELDS.language && attribute(tag, 'checked') !== undefined,
      )
      expect(checked.map((tag) => attribute(tag, 'value'))).toEqual([locale])
    }
  })

  it('link to a privacy policy that describes the e-mail alerts', async () => {
    const form = formOf(await read(dist, fileOf(SUBSCRIPTION_PAGES.form)))
    expect(form).toContain('href="/datenschutz/"')
    const privacy = await read(dist, 'datenschutz/index.html')
    expect(privacy).toContain('<h2>E-Mail-Benachrichtigungen</h2>')
    expect(privacy).toContain('keine Zählpixel')
    expect(privacy).toContain('[Platzhalter: Rechtsgrundlage – vom Herausgeber zu ergänzen]')
    expect(await read(dist, 'en/datenschutz/index.html')).toContain('<h2>E-mail alerts</h2>')
  })
})

describe('pages only the CMS leads to', () => {
  const noindex = /<meta name="robots" content="noindex">/

  it.each(unlistedPages)('%s tells search engines not to index it', async (sitePath) => {
    expect(await read(dist, fileOf(sitePath))).toMatch(noindex)
  })

  it('are left out of the sitemap, while the form is in it', async () => {
    const sitemaps = (await files(dist)).filter((f) => /^sitemap-\d+\.xml$/.test(f))
    const locations =
      (await Promise.all(sitemaps.map((f) => read(dist, f)))).join('\n').match(/<loc>[^<]+<\/loc>/g) ?? []
    const urlPaths = locations.map((loc) => new URL(loc.slice(5, -6)).pathname)
    for (const sitePath of unlistedPages) expect(urlPaths).not.toContain(sitePath)
    expect(urlPaths).toEqual(expect.arrayContaining(formPages))
    expect(await read(dist, fileOf(SUBSCRIPTION_PAGES.form))).not.toMatch(noindex)
  })

  it('are left out of the search index', async () => {
    const index = await searchIndexText(dist)
    for (const words of [
      'Bitte bestätigen Sie Ihr Abonnement',
      'Dieser Link ist ungültig',
      'Sie sind abgemeldet',
      'Wählen Sie mindestens ein Thema aus',
    ]) {
      expect(index).not.toContain(words)
    }
    // Nor does every release turn up for "E-Mail" because of the link to the form.
    expect(index).not.toContain('per E-Mail erhalten')
    expect(await read(dist, fileOf(SUBSCRIPTION_PAGES.pending))).toContain('Bitte bestätigen Sie Ihr Abonnement')
  })
})

describe('the way to the form', () => {
  const footer = (html: string) => html.match(/<footer class="site-footer">[\s\S]*?<\/footer>/)?.[0] ?? ''
  const article = (html: string) => html.match(/<article\b[\s\S]*?<\/article>/)?.[0] ?? ''

  it.each([
    ['index.html', '/abonnieren/'],
    ['en/index.html', '/en/abonnieren/'],
    ['zeitplan/index.html', '/abonnieren/'],
  ])('%s links to it in the footer', async (file, href) => {
    expect(footer(await read(dist, file))).toContain(`href="${href}"`)
  })

  it.each([
    [`aktuelles/${fixtures.withImage.slug}/index.html`, '/abonnieren/'],
    [`en/aktuelles/${fixtures.withImage.slug}/index.html`, '/en/abonnieren/'],
    ['aktuelles/index.html', '/abonnieren/'],
  ])('%s links to it in the content', async (file, href) => {
    const html = await read(dist, file)
    const content = article(html) || html.match(/<main\b[\s\S]*?<\/main>/)![0]
    expect(content).toContain(`href="${href}"`)
  })
})
