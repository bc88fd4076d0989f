import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '@masterplan/shared'
import { type MailSink, startMailSink } from '../scripts/mail-sink.ts'
import { freePort, startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { validDocument } from './helpers/documents.ts'
import { linkIn, type Mail, receivedMails } from './helpers/mail.ts'
import { until } from './helpers/wait.ts'
import { siteScript } from '../src/lib/siteScripts.ts'

/**
 * E-mail alerts on real parts: the CMS server running its job queues, real site builds served
 * over HTTP, an SMTP server in this process, subscriptions through the form endpoint and the mailed
 * link, and the server stopped and killed while it sends.
 */
let cms: TestCms
let sink: MailSink
let db: pg.Client
let siteUrl: string
let target: string
let siteServer: ChildProcess
let token: string
let partner: number

const api = async (method: string, p: string, json?: unknown) => {
  const response = await fetch(`${cms.url}/api${p}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(30_000),
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}
const served = (p: string) =>
  fetch(`${siteUrl}${p}`).then(
    (r) => r.status,
    () => 0,
  )
const publish = async (slug: string, extra: Record<string, unknown> = {}) => {
  const reply = await api('POST', '/press-releases', {
    ...validDocument('press-releases', { partner }),
    title: `Alarm ${slug}`,
    slug: `alarm-${slug}`,
    _status: 'published',
    ...extra,
  })
  if (reply.status !== 201) throw new Error(`publishing failed: ${JSON.stringify(reply.body)}`)
  return reply.body.doc.id as number
}
const alertOf = async (release: number) => {
  const { rows } = await db.query(
    'SELECT id, status, sent, failed, recipients, live_at FROM alerts WHERE press_release_id = $1 AND kind = $2',
    [release, 'release'],
  )
  return rows[0] as { id: number; status: string; sent: string; recipients: string; live_at: Date } | undefined
}
const mailsOf = async (alertId: number): Promise<Mail[]> =>
  (await receivedMails(sink)).filter((mail) => mail.messageId?.startsWith(`<alert-${alertId}-`))
/** Subscribers straight into the table: the bulk of them is the point here, not how they came. */
async function addSubscribers(prefix: string, n: number): Promise<void> {
  await db.query(
    `WITH added AS (
       INSERT INTO subscriptions (email, language, requested_at, confirmed_at, consent_version)
       SELECT $1 || i || '@beispiel.example', 'de', now(), now(), $3 FROM generate_series(1, $2) AS i RETURNING id)
     INSERT INTO subscriptions_topics ("order", parent_id, value) SELECT 1, id, 'press-releases' FROM added`,
    [prefix, n, CONSENT_VERSION],
  )
}
/** Recipients of an alert whose mails start with the prefix, and how often each got one. */
const tally = (mails: Mail[], prefix: string) => {
  const counts = new Map<string, number>()
  for (const mail of mails.filter((m) => m.to.startsWith(prefix))) counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1)
  return counts
}

beforeAll(async () => {
  sink = await startMailSink({ keep: true })
  const root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-alerts-'))
  target = path.join(root, 'site')
  const sitePort = await freePort()
  siteUrl = `http://localhost:${sitePort}`
  cms = await startTestCms({
    env: {
      SITE_BUILD_TARGET: 'local',
      SITE_TARGET_DIR: target,
      SITE_URL: siteUrl,
      SITE_BUILD_DEBOUNCE_MS: '1000',
      SMTP_URL: sink.url,
      JOB_LEASE_MS: '10000',
      MAIL_RATE_PER_SECOND: '100',
    },
  })
  const first = spawnSync(process.execPath, [siteScript('publish'), target], {
    env: { ...process.env, CMS_URL: cms.url, SITE_URL: siteUrl, SITE_CACHE_DIR: cms.env.SITE_CACHE_DIR },
    encoding: 'utf8',
  })
  if (first.status !== 0) throw new Error(`first site build failed: ${first.stdout}${first.stderr}`)
  siteServer = spawn(process.execPath, [siteScript('serve'), path.join(target, 'live'), '--port', String(sitePort)], {
    stdio: 'ignore',
  })
  await until('the site server', async () => (await served('/')) === 200, 10_000)
  db = new pg.Client({ connectionString: cms.env.DATABASE_URL })
  await db.connect()

  const created = await fetch(`${cms.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'presse@alerts.example', password: 'alerts-passwort-123', role: 'admin' }),
  })
  token = (await created.json()).token
  partner = (await api('POST', '/partners', { ...validDocument('partners', { partner: 0 }), _status: 'published' }))
    .body.doc.id
}, 300_000)

afterAll(async () => {
  siteServer?.kill('SIGTERM')
  await db?.end()
  await cms?.stop()
  await sink?.stop()
  await rm(path.dirname(target), { recursive: true, force: true })
})

describe('a reader', () => {
  it("subscribes with the site's form over HTTP, confirms by the mailed link, and gets exactly one alert per release once its page is served", async () => {
    for (const [email, language] of [
      ['leserin@beispiel.example', 'de'],
      ['reader@beispiel.example', 'en'],
    ]) {
      const reply = await fetch(`${cms.url}/api/subscriptions/request`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
        body: new URLSearchParams({
          email: email!,
          topics: 'press-releases',
          language: language!,
          consent: CONSENT_VERSION,
          website: '',
        }),
        redirect: 'manual',
      })
      expect(reply.status).toBe(303)
      expect(reply.headers.get('location')).toBe(`${siteUrl}${language === 'en' ? '/en' : ''}/abonnieren/bestaetigen/`)
      const mail = await until(
        'the confirmation mail',
        async () => (await receivedMails(sink)).find((m) => m.to === email) ?? false,
        10_000,
      )
      const confirmed = await fetch(linkIn(mail, `${cms.url}/api/subscriptions/confirm`), { redirect: 'manual' })
      expect(confirmed.headers.get('location')).toBe(
        `${siteUrl}${language === 'en' ? '/en' : ''}/abonnieren/bestaetigt/`,
      )
    }

    const release = await publish('leser')
    // Until the page is served, no alert mail may exist.
    await until(
      'the release page',
      async () => {
        const alert = await alertOf(release)
        if ((await served('/aktuelles/alarm-leser/')) === 200) return true
        if (alert) expect(await mailsOf(alert.id)).toHaveLength(0)
        return false
      },
      90_000,
    )
    const alert = await until(
      'the alert to be sent',
      async () => ((await alertOf(release))?.status === 'sent' ? (await alertOf(release))! : false),
      60_000,
    )
    const mails = await mailsOf(alert.id)
    expect(mails.map((m) => m.to).sort()).toEqual(['leserin@beispiel.example', 'reader@beispiel.example'])
    expect(mails.find((m) => m.to === 'reader@beispiel.example')?.subject).toBe('Press release: Alarm leser')
    expect(mails.find((m) => m.to === 'leserin@beispiel.example')?.text).toContain(`${siteUrl}/aktuelles/alarm-leser/`)
    // Its own waits add up to 160 s (a site build, then the sending): the default 30 s cut it short on a busy machine.
  }, 240_000)

  it('unsubscribes with a bare one-click POST to the List-Unsubscribe URL and gets nothing more', async () => {
    const [mail] = (await receivedMails(sink)).filter(
      (m) => m.to === 'reader@beispiel.example' && m.messageId?.startsWith('<alert-'),
    )
    const headers = mail!.raw.slice(0, mail!.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ')
    const url = /^List-Unsubscribe: ?<([^>]+)>/m.exec(headers)![1]!
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(reply.status).toBe(200)
    expect((await db.query('SELECT 1 FROM subscriptions WHERE email = $1', ['reader@beispiel.example'])).rowCount).toBe(
      0,
    )

    const release = await publish('nach-abmeldung')
    const alert = await until(
      'the alert to be sent',
      async () => ((await alertOf(release))?.status === 'sent' ? (await alertOf(release))! : false),
      90_000,
    )
    expect((await mailsOf(alert.id)).map((m) => m.to)).toEqual(['leserin@beispiel.example'])
  })
})

describe("Payload's own mails", () => {
  it('a password reset goes through the same mail server', async () => {
    const reply = await fetch(`${cms.url}/api/users/forgot-password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'presse@alerts.example' }),
    })
    expect(reply.status).toBe(200)
    const mail = await until(
      'the reset mail',
      async () => (await receivedMails(sink)).find((m) => m.to === 'presse@alerts.example') ?? false,
      15_000,
    )
    expect(mail.html).toContain(`${cms.url}/admin/reset/`)
  })
})

describe('an embargoed release', () => {
  it('sends nothing before its minute and everything after', async () => {
    const minute = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000)
    const release = await publish('sperrfrist', { embargoUntil: minute.toISOString() })
    await until(
      'the first build',
      async () =>
        (
          await db.query(
            "SELECT 1 FROM site_builds WHERE status = 'success' AND started_at > now() - interval '30 seconds'",
          )
        ).rowCount! > 0,
      60_000,
    )
    while (Date.now() < minute.getTime() - 2_000) {
      expect((await alertOf(release))?.status).toBe('waiting')
      expect(await served('/aktuelles/alarm-sperrfrist/')).toBe(404)
      await new Promise((r) => setTimeout(r, 2_000))
    }
    const alert = await until(
      'the alert after the embargo',
      async () => ((await alertOf(release))?.status === 'sent' ? (await alertOf(release))! : false),
      120_000,
    )
    expect(new Date(alert.live_at).getTime()).toBeGreaterThanOrEqual(minute.getTime())
    expect(await served('/aktuelles/alarm-sperrfrist/')).toBe(200)
    expect((await mailsOf(alert.id)).map((m) => m.to)).toEqual(['leserin@beispiel.example'])
  }, 240_000)
})

describe('sending to many', () => {
  // 250 subscribers at 100 mails per second, each taking the server 20 ms: a few seconds of sending.
  beforeAll(async () => {
    await addSubscribers('viele-', 250)
    sink.setDelay(20)
  })
  afterAll(() => sink.setDelay(0))

  it('a graceful restart in the middle neither skips nor repeats anyone', async () => {
    const release = await publish('neustart')
    const alert = await until(
      'sending to begin',
      async () => {
        const current = await alertOf(release)
        return current && (await mailsOf(current.id)).length >= 40 ? current : false
      },
      120_000,
      50,
    )
    await cms.stopServer()
    const atStop = (await mailsOf(alert.id)).length
    expect(atStop).toBeLessThan(250)
    await cms.startServer()
    await until('the alert to be sent', async () => (await alertOf(release))?.status === 'sent', 120_000)
    const counts = tally(await mailsOf(alert.id), 'viele-')
    expect(counts.size).toBe(250)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  }, 300_000)

  it('a crash in the middle skips nobody; only mails in flight at the crash can repeat', async () => {
    const release = await publish('absturz')
    const alert = await until(
      'sending to begin',
      async () => {
        const current = await alertOf(release)
        return current && (await mailsOf(current.id)).length >= 40 ? current : false
      },
      120_000,
      50,
    )
    await cms.killServer()
    await cms.startServer()
    await until('the alert to be sent', async () => (await alertOf(release))?.status === 'sent', 180_000)
    const counts = tally(await mailsOf(alert.id), 'viele-')
    expect(counts.size).toBe(250)
    const repeats = [...counts.values()].reduce((sum, n) => sum + n - 1, 0)
    // Accepted by the server but not yet recorded: at most one per pooled connection (MAIL_CONNECTIONS, 4).
    expect(repeats).toBeLessThanOrEqual(4)
  }, 300_000)
})
