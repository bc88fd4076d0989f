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
let sealToken: typeof import('../src/subscriptions/token.ts').sealToken
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
  ;({ sealToken } = await import('../src/subscriptions/token.ts'))
  const { bootPayload } = await import('./helpers/payload.ts')
  payload = await bootPayload()
  tokens = await (await import('./helpers/users.ts')).signInEveryRole(payload, 'subscriptions')
})

afterAll(async () => {
  await payload?.destroy()
  await sink?.stop()
})

const confirmLinks = async (email: string) =>
  (await mailsTo(email)).map((mail) => linkIn(mail, `${CMS}/api/subscriptions/confirm?token=`))
const oneClick = (link: string) => follow(link, 'POST', new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }))
const unsubscribeLink = async (email: string) => {
  const { unsubscribeUrl } = await import('../src/subscriptions/unsubscribe.ts')
  return unsubscribeUrl(payload.secret, (await stored(email))!)
}

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
    // One character changed in the middle of the sealed claims: the authentication tag no longer fits.
    const middle = Math.floor(token.length / 2)
    const forged = `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`
    const claims = {
      purpose: 'confirm' as const,
      email: 'manipuliert@beispiel.example',
      topics: ['press-releases' as const],
      language: 'de' as const,
      consentVersion: CONSENT_VERSION,
      requestedAt: new Date(Date.now() - 49 * 3600_000).toISOString(),
    }
    const expired = sealToken(payload.secret, { ...claims, expiresAt: new Date(Date.now() - 1000).toISOString() })
    const otherSecret = sealToken('a-different-secret-of-enough-length-000', {
      ...claims,
      email: 'opfer@beispiel.example',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    })
    for (const bad of [forged, expired, otherSecret, `${token}x`, 'kein-token', `${token}.abc`]) {
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
    const forged = sealToken('a-different-secret-of-enough-length-000', {
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

describe('an erased subscription stays erased (DSGVO Art. 7 and 17)', () => {
  it('does not bring an unsubscribed address back when the old confirmation link is opened again', async () => {
    const email = 'zurueck@beispiel.example'
    await subscribe({ email })
    const [link] = await confirmLinks(email)
    expect((await follow(link!)).headers.get('location')).toBe(`${SITE}/abonnieren/bestaetigt/`)
    expect((await oneClick(await unsubscribeLink(email))).status).toBe(200)
    expect(
      (await rest('GET', `/subscriptions/export?email=${email}`, { token: tokens.admin })).body.subscription,
    ).toBeNull()

    // A link scanner re-opening the old mail, or the reader clicking it again.
    const again = await follow(link!)
    expect(again.status).toBe(303)
    expect(again.headers.get('location')).toBe(`${SITE}/abonnieren/link-ungueltig/`)
    expect(await stored(email)).toBeUndefined()
  })

  it('does not bring it back after an erasure by an admin, nor through an older unused link', async () => {
    const email = 'geloescht@beispiel.example'
    await subscribe({ email, topics: 'milestones' })
    await subscribe({ email })
    const [older, newer] = await confirmLinks(email)
    await follow(newer!)
    const row = (await stored(email))!
    expect((await rest('DELETE', `/subscriptions/${row.id}`, { token: tokens.admin })).status).toBe(200)
    for (const link of [newer!, older!]) {
      expect((await follow(link)).headers.get('location')).toBe(`${SITE}/abonnieren/link-ungueltig/`)
      expect(await stored(email)).toBeUndefined()
    }
  })

  it('lets the same address subscribe again with a new request (new consent)', async () => {
    const email = 'wieder@beispiel.example'
    await subscribe({ email })
    await follow((await confirmLinks(email))[0]!)
    await oneClick(await unsubscribeLink(email))
    await subscribe({ email, topics: 'milestones' })
    const fresh = (await confirmLinks(email)).at(-1)!
    expect((await follow(fresh)).headers.get('location')).toBe(`${SITE}/abonnieren/bestaetigt/`)
    expect((await stored(email))?.topics).toEqual(['milestones'])
  })

  it('answers a second click on a confirmation link that is still in force as confirmed, writing nothing', async () => {
    const email = 'doppelklick@beispiel.example'
    await subscribe({ email })
    const [link] = await confirmLinks(email)
    await follow(link!)
    const first = (await stored(email))!
    expect((await follow(link!)).headers.get('location')).toBe(`${SITE}/abonnieren/bestaetigt/`)
    expect((await stored(email))!.updatedAt).toBe(first.updatedAt)
  })
})

describe('links carry no address', () => {
  /** Everything a log line of the link could give away: the text, and any part decoded as base64. */
  const readable = (link: string) => {
    const token = new URL(link).searchParams.get('token')!
    return [link, ...token.split(/[.~]/).map((part) => Buffer.from(part, 'base64url').toString('latin1'))].join('\n')
  }

  it('puts neither the address nor anything decodable to it in the confirmation and unsubscribe links', async () => {
    const email = 'verborgen.leserin@beispiel.example'
    await subscribe({ email })
    const [confirm] = await confirmLinks(email)
    await follow(confirm!)
    const unsubscribe = await unsubscribeLink(email)
    for (const link of [confirm!, unsubscribe]) {
      expect(readable(link)).not.toMatch(/verborgen|beispiel\.example|purpose|"email"/)
      expect(link.length).toBeLessThan(1024)
    }
    // And the links still do their work.
    expect((await oneClick(unsubscribe)).status).toBe(200)
    expect(await stored(email)).toBeUndefined()
  })

  it('still honours unsubscribe links of mails sent before (signed, readable tokens)', async () => {
    const email = 'altlink@beispiel.example'
    await subscribe({ email })
    await follow((await confirmLinks(email))[0]!)
    const row = (await stored(email))!
    // How alerts sent before this change built their link (token.ts before issue 25).
    const { createHmac } = await import('node:crypto')
    const key = createHmac('sha256', payload.secret).update('masterplan subscription links').digest()
    const body = Buffer.from(
      JSON.stringify({ purpose: 'unsubscribe', id: row.id, email: row.email, language: 'de' }),
    ).toString('base64url')
    const old = `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
    expect((await follow(`${CMS}/api/subscriptions/unsubscribe?token=${old}`)).status).toBe(200)
    expect((await oneClick(`${CMS}/api/subscriptions/unsubscribe?token=${old}`)).status).toBe(200)
    expect(await stored(email)).toBeUndefined()
  })
})

describe('request limits', () => {
  it('counts plus-addresses with their base address for the per-address limit', async () => {
    for (let i = 1; i <= 3; i++) expect((await subscribe({ email: `plus+${i}@beispiel.example` })).status).toBe(303)
    expect((await subscribe({ email: 'plus+4@beispiel.example' })).status).toBe(429)
    expect((await subscribe({ email: 'PLUS@beispiel.example' })).status).toBe(429)
    expect((await subscribe({ email: 'plus+anders@beispiel.example' })).status).toBe(429)
    const sent = (await receivedMails(sink)).filter((mail) => /^plus(\+|@)/.test(mail.to))
    expect(sent).toHaveLength(3)
    // Another mailbox of the same domain is not affected.
    expect((await subscribe({ email: 'plusminus@beispiel.example' })).status).toBe(303)
  })
})

describe('the per-client limit without a trusted proxy', () => {
  /** The CMS's route handler behind a real Node HTTP server, as `next start` runs it. */
  async function serveOverHttp(): Promise<{ url: string; close: () => Promise<void> }> {
    const { createServer } = await import('node:http')
    const { REST_POST } = await import('@payloadcms/next/routes')
    const { config } = await import('./helpers/payload.ts')
    const { recordSocketAddresses } = await import('../src/auth/socketAddress.ts')
    recordSocketAddresses()
    const post = REST_POST(config) as (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>
    const server = createServer(async (incoming, outgoing) => {
      const chunks: Buffer[] = []
      for await (const chunk of incoming) chunks.push(chunk as Buffer)
      const headers = new Headers()
      for (const [name, value] of Object.entries(incoming.headers))
        if (value !== undefined) headers.set(name, [value].flat().join(', '))
      const url = new URL(incoming.url!, CMS)
      const slug = url.pathname.replace(/^\/api\//, '').split('/')
      const response = await post(new Request(url, { method: 'POST', headers, body: Buffer.concat(chunks) }), {
        params: Promise.resolve({ slug }),
      })
      outgoing.writeHead(response.status, Object.fromEntries(response.headers))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
  }

  it('counts per socket address: ten confirmation mails per hour from one client, whatever headers it sends', async () => {
    const server = await serveOverHttp()
    try {
      const statuses: number[] = []
      for (let i = 0; i < 23; i++) {
        const reply = await fetch(`${server.url}/api/subscriptions/request`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            ...BROWSER,
            // Headers a client may write: without TRUST_PROXY none of them may make it someone else.
            'X-Forwarded-For': `198.51.100.${i}`,
            'X-Real-IP': `198.51.100.${i}`,
            'X-Masterplan-Socket-Address': `192.0.2.${i}`,
          },
          body: form({ email: `streuung-${i}@beispiel.example`, topics: 'press-releases', consent: CONSENT_VERSION }),
        })
        await reply.arrayBuffer()
        statuses.push(reply.status)
      }
      expect(statuses).toEqual([...Array(10).fill(303), ...Array(13).fill(429)])
      const sent = (await receivedMails(sink)).filter((mail) => mail.to.startsWith('streuung-'))
      expect(sent).toHaveLength(10)
    } finally {
      await server.close()
    }
  })
})
