import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '@masterplan/shared'
import { type MailSink, startMailSink } from '../scripts/mail-sink.ts'
import { linkIn, type Mail, receivedMails } from './helpers/mail.ts'
import type { Tokens } from './helpers/users.ts'

/**
 * Subscribing through the endpoints the site's form and the mails use, in-process, against a real
 * SMTP server: double opt-in, what is stored, unsubscribing, bad input and abuse.
 */
let sink: MailSink
let payload: Payload
let tokens: Tokens
let rest: typeof import('./helpers/rest.ts').rest
let signToken: typeof import('../src/subscriptions/token.ts').signToken
const SITE = 'http://localhost:4321'
const CMS = 'http://localhost:3000'

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one)
  return body
}
const BROWSER = { Accept: 'text/html,application/xhtml+xml', 'Content-Type': 'application/x-www-form-urlencoded' }
const subscribe = (fields: Record<string, string | string[]>, headers: Record<string, string> = BROWSER) =>
  rest('POST', '/subscriptions/request', {
    body: form({ topics: 'press-releases', language: 'de', consent: CONSENT_VERSION, ...fields }),
    headers,
  })
const stored = (email: string) =>
  payload
    .find({ collection: 'subscriptions', where: { email: { equals: email } }, overrideAccess: true })
    .then((r) => r.docs[0])
const mailsTo = async (email: string): Promise<Mail[]> =>
  (await receivedMails(sink)).filter((mail) => mail.to === email)
/** Follows a link of a mail the way a browser would: the path below /api, with its query. */
const follow = (link: string, method: 'GET' | 'POST' = 'GET', body?: URLSearchParams) =>
  rest(method, link.slice(`${CMS}/api`.length), {
    body,
    headers: body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
  })

beforeAll(async () => {
  sink = await startMailSink({
    keep: true,
    refuse: (address) => (address.startsWith('bounce') ? '550 5.1.1 mailbox unknown' : null),
  })
  // Before the config is loaded: it reads the environment once.
  process.env.SMTP_URL = sink.url
  process.env.SITE_URL = SITE
  process.env.SERVER_URL = CMS
  ;({ rest } = await import('./helpers/rest.ts'))
  ;({ signToken } = await import('../src/subscriptions/token.ts'))
  const { bootPayload } = await import('./helpers/payload.ts')
  payload = await bootPayload()
  tokens = await (await import('./helpers/users.ts')).signInEveryRole(payload, 'subscriptions')
})

afterAll(async () => {
  await payload?.destroy()
  await sink?.stop()
})

describe('double opt-in', () => {
  it('answers the form with a 303 to the site, mails a link and stores nothing until it is clicked', async () => {
    const reply = await subscribe({
      email: 'Leser@Beispiel.example',
      topics: ['press-releases', 'milestones'],
      language: 'en',
    })
    expect(reply.status).toBe(303)
    expect(reply.headers.get('location')).toBe(`${SITE}/en/abonnieren/bestaetigen/`)
    expect(await stored('leser@beispiel.example')).toBeUndefined()

    const [mail] = await mailsTo('leser@beispiel.example')
    expect(mail?.subject).toMatch(/^Please confirm your subscription/)
    expect(mail?.html).toContain('lang="en"')
    expect(mail?.text).toMatch(/press releases[\s\S]*timeline/)
    const confirmed = await follow(linkIn(mail!, `${CMS}/api/subscriptions/confirm?token=`))
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.get('location')).toBe(`${SITE}/en/abonnieren/bestaetigt/`)

    const row = await stored('leser@beispiel.example')
    expect(row).toMatchObject({
      email: 'leser@beispiel.example',
      topics: ['press-releases', 'milestones'],
      language: 'en',
      consentVersion: CONSENT_VERSION,
    })
    expect(Date.parse(row!.requestedAt)).toBeLessThanOrEqual(Date.parse(row!.confirmedAt))
    // Proof of consent holds no address of the reader's computer.
    expect(JSON.stringify(row)).not.toMatch(/\d+\.\d+\.\d+\.\d+|::1/)
  })

  it('answers the same for an address that is already subscribed, and the newer request decides', async () => {
    const first = await subscribe({ email: 'bekannt@beispiel.example' })
    await follow(linkIn((await mailsTo('bekannt@beispiel.example'))[0]!, `${CMS}/api/subscriptions/confirm`))
    const again = await subscribe({ email: 'bekannt@beispiel.example', topics: 'milestones' })
    const unknown = await subscribe({ email: 'unbekannt@beispiel.example' })
    for (const reply of [again, unknown]) {
      expect(reply.status).toBe(first.status)
      expect(reply.headers.get('location')).toBe(first.headers.get('location'))
      expect(reply.body).toEqual(first.body)
    }
    const mails = await mailsTo('bekannt@beispiel.example')
    expect(mails).toHaveLength(2)
    await follow(linkIn(mails[1]!, `${CMS}/api/subscriptions/confirm`))
    expect((await stored('bekannt@beispiel.example'))?.topics).toEqual(['milestones'])
    // The older link, clicked late, changes nothing back.
    await follow(linkIn(mails[0]!, `${CMS}/api/subscriptions/confirm`))
    expect((await stored('bekannt@beispiel.example'))?.topics).toEqual(['milestones'])
  })

  it('leads a tampered or expired link to a clear page and writes nothing', async () => {
    await subscribe({ email: 'manipuliert@beispiel.example' })
    const link = linkIn((await mailsTo('manipuliert@beispiel.example'))[0]!, `${CMS}/api/subscriptions/confirm`)
    const token = new URL(link).searchParams.get('token')!
    const [body, mac] = token.split('.')
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString())
    const forged = `${Buffer.from(JSON.stringify({ ...claims, email: 'opfer@beispiel.example' })).toString('base64url')}.${mac}`
    const expired = signToken(payload.secret, { ...claims, expiresAt: new Date(Date.now() - 1000).toISOString() })
    for (const bad of [forged, expired, `${token}x`, 'kein-token']) {
      const reply = await rest('GET', `/subscriptions/confirm?token=${encodeURIComponent(bad)}`)
      expect(reply.status).toBe(303)
      expect(reply.headers.get('location')).toBe(`${SITE}/abonnieren/link-ungueltig/`)
    }
    expect(await stored('manipuliert@beispiel.example')).toBeUndefined()
    expect(await stored('opfer@beispiel.example')).toBeUndefined()
  })
})

describe('bad input and abuse write nothing and send nothing', () => {
  const stored = async () => ({
    rows: (await payload.count({ collection: 'subscriptions', overrideAccess: true })).totalDocs,
    mails: sink.count(),
  })

  it('sends the form back to its page with the field named, and API clients a 400 naming it', async () => {
    const start = await stored()
    const cases: [Record<string, string | string[]>, string][] = [
      [{ email: 'keine-adresse' }, 'email'],
      [{ email: '' }, 'email'],
      [{ email: `${'a'.repeat(250)}@beispiel.example` }, 'email'],
      [{ email: 'leser@beispiel.example\r\nBcc: viele@beispiel.example' }, 'email'],
      [{ email: 'leser@beispiel.example\nBcc: viele@beispiel.example' }, 'email'],
      [{ email: 'ok@beispiel.example', topics: [] }, 'topics'],
    ]
    for (const [fields, field] of cases) {
      const browser = await subscribe(fields)
      expect(browser.status, JSON.stringify(fields)).toBe(303)
      expect(browser.headers.get('location')).toBe(`${SITE}/abonnieren/fehler/${field}/`)
      const api = await subscribe(fields, {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      expect(api.status).toBe(400)
      expect(api.body.errors[0].data.errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    const wrong: [Record<string, string | string[]>, string][] = [
      [{ email: 'ok@beispiel.example', topics: 'alles' }, 'topics'],
      [{ email: 'ok@beispiel.example', language: 'fr' }, 'language'],
      [{ email: 'ok@beispiel.example', consent: '1999-01-01' }, 'consent'],
    ]
    for (const [fields, field] of wrong) {
      const api = await subscribe(fields, {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      })
      expect(api.status).toBe(400)
      expect(api.body.errors[0].message).toContain(field)
    }
    expect(await stored()).toEqual(start)
  })

  it('answers a filled honeypot like success, and sends nothing', async () => {
    const start = await stored()
    const reply = await subscribe({ email: 'bot@beispiel.example', website: 'https://spam.example' })
    expect(reply.status).toBe(303)
    expect(reply.headers.get('location')).toBe(`${SITE}/abonnieren/bestaetigen/`)
    expect(await stored()).toEqual(start)
  })

  it('sends at most three confirmation mails per address and hour; the fourth is a 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await subscribe({ email: 'flut@beispiel.example' })).status).toBe(303)
    const start = await stored()
    const refused = await subscribe({ email: 'flut@beispiel.example' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000)
    expect(refused.body).toContain('Zu viele Anfragen')
    // An API client sending JSON, the address in other case: the same address, the same limit.
    const api = await rest('POST', '/subscriptions/request', {
      json: { email: 'FLUT@beispiel.example', topics: ['press-releases'] },
      headers: { Accept: 'application/json' },
    })
    expect(api.status).toBe(429)
    expect(api.body.errors[0].message).toMatch(/too many requests/)
    expect(await stored()).toEqual(start)
    expect(await mailsTo('flut@beispiel.example')).toHaveLength(3)
  })
})

describe('unsubscribing', () => {
  const subscribed = async (email: string) => {
    await subscribe({ email })
    await follow(linkIn((await mailsTo(email)).at(-1)!, `${CMS}/api/subscriptions/confirm`))
    const row = (await stored(email))!
    const { unsubscribeUrl } = await import('../src/subscriptions/unsubscribe.ts')
    return { row, link: unsubscribeUrl(payload.secret, row) }
  }

  it('shows a button on GET (mail scanners open links) and deletes on the one-click POST, leaving an audit line without the address', async () => {
    const { row, link } = await subscribed('abmelden@beispiel.example')
    const page = await follow(link)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<form method="post"')
    expect(await stored('abmelden@beispiel.example')).toBeDefined()

    const gone = await follow(link, 'POST', new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }))
    expect(gone.status).toBe(200)
    expect(await stored('abmelden@beispiel.example')).toBeUndefined()
    const log = await payload.find({
      collection: 'audit-log',
      where: { and: [{ action: { equals: 'subscription-removed' } }, { documentId: { equals: row.id } }] },
      overrideAccess: true,
    })
    expect(log.docs).toHaveLength(1)
    expect(JSON.stringify(log.docs[0])).not.toContain('abmelden@')
    // A second click is no error.
    expect((await follow(link, 'POST', new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(200)
  })

  it("answers the page's button with a 303 to the site, and refuses a forged link", async () => {
    const { link } = await subscribed('knopf@beispiel.example')
    const reply = await follow(link, 'POST', new URLSearchParams())
    expect(reply.status).toBe(303)
    expect(reply.headers.get('location')).toBe(`${SITE}/abonnieren/abgemeldet/`)
    expect(await stored('knopf@beispiel.example')).toBeUndefined()

    const { row } = await subscribed('bleibt@beispiel.example')
    const forged = signToken('a-different-secret-of-enough-length-000', {
      purpose: 'unsubscribe',
      id: row.id,
      email: row.email,
      language: 'de',
    })
    const refused = await rest('POST', `/subscriptions/unsubscribe?token=${forged}`, {
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(refused.status).toBe(400)
    expect(await stored('bleibt@beispiel.example')).toBeDefined()
  })
})

describe('who sees subscribers', () => {
  it('shows the press office counts only; addresses and the access export are for admins', async () => {
    const counts = await rest('GET', '/subscriptions/counts', { token: tokens.press })
    expect(counts.status).toBe(200)
    expect(counts.body.total).toBeGreaterThan(0)
    expect(counts.body.topics['press-releases']).toBeGreaterThan(0)
    expect((await rest('GET', '/subscriptions/counts')).status).toBe(403)

    const list = await rest('GET', '/subscriptions', { token: tokens.press })
    expect(list.status).toBe(403)
    expect((await rest('GET', '/subscriptions', { token: tokens.admin })).body.totalDocs).toBe(counts.body.total)

    expect(
      (await rest('GET', '/subscriptions/export?email=leser@beispiel.example', { token: tokens.press })).status,
    ).toBe(403)
    const exported = await rest('GET', '/subscriptions/export?email=leser@beispiel.example', { token: tokens.admin })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-disposition')).toContain('attachment')
    expect(exported.body.subscription).toMatchObject({
      email: 'leser@beispiel.example',
      consentVersion: CONSENT_VERSION,
    })
  })

  it('lets nobody create or change a subscription through the API', async () => {
    const data = {
      email: 'direkt@beispiel.example',
      topics: ['press-releases'],
      language: 'de',
      requestedAt: new Date().toISOString(),
      confirmedAt: new Date().toISOString(),
      consentVersion: CONSENT_VERSION,
    }
    expect((await rest('POST', '/subscriptions', { token: tokens.admin, json: data })).status).toBe(403)
    expect((await rest('POST', '/subscriptions', { json: data })).status).toBe(403)
  })
})
