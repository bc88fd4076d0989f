import type { Payload, Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MailSink, startMailSink } from '../scripts/mail-sink.ts'
import { type DeployHost, type Hook, startDeployHost } from './helpers/deployHost.ts'
import { validDocument } from './helpers/documents.ts'
import { confirmedSubscriber } from './helpers/subscribers.ts'
import { postgres } from '../src/db/postgres.ts'
import { type Mail, receivedMails } from './helpers/mail.ts'
import { sleep } from './helpers/wait.ts'
import type { Tokens } from './helpers/users.ts'

/**
 * Alerts with the deploy-hook target, in-process: the job queues are run by the test, the host's
 * build is a small HTTP server that records the hook, and its report is the real callback
 * endpoint. Nothing counts as live, and nothing is mailed, before the host reports success.
 */
let sink: MailSink
let payload: Payload
let tokens: Tokens
let rest: typeof import('./helpers/rest.ts').rest
let host: DeployHost
let hooks: Hook[]
const SECRET = 'callback-secret-0123456789abcdef0123456789abcdef'
const SITE = 'https://www.masterplan.example'

const subscriber = (email: string, topics: string[], language: 'de' | 'en') =>
  confirmedSubscriber(payload, email, topics, language)

let partner: number
const release = (slug: string, extra: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'press-releases',
    data: {
      ...validDocument('press-releases', { partner }),
      title: `Werkstatt ${slug}`,
      slug,
      _status: 'published',
      ...extra,
    } as never,
    overrideAccess: true,
  })

const alertsOf = (pressRelease: number) =>
  payload
    .find({
      collection: 'alerts',
      where: { pressRelease: { equals: pressRelease } },
      sort: 'createdAt',
      overrideAccess: true,
    })
    .then((r) => r.docs)
const mailsOf = async (alertId: number): Promise<Mail[]> =>
  (await receivedMails(sink)).filter((mail) => mail.messageId?.startsWith(`<alert-${alertId}-`))
const runQueue = (queue: string) => payload.jobs.run({ queue, limit: 100, overrideAccess: true })
/** What the host does when its build is done: report to the callback URL it was given. */
const report = (buildId: number, body: unknown, secret = SECRET) =>
  rest('POST', `/site-builds/${buildId}/deployed`, { json: body, headers: { Authorization: `Bearer ${secret}` } })
/** Runs the site queue (the hook is called), then lets the host report success. */
async function deploy(): Promise<number> {
  const before = hooks.length
  await runQueue('site')
  expect(hooks.length).toBe(before + 1)
  const { buildId } = hooks.at(-1)!
  expect((await report(buildId, { status: 'success', pages: 12 })).status).toBe(200)
  return buildId
}
const pressSubscribers = async () =>
  (
    await payload.find({
      collection: 'subscriptions',
      where: { topics: { in: ['press-releases'] } },
      pagination: false,
      overrideAccess: true,
    })
  ).docs
    .map((s) => s.email)
    .sort()

beforeAll(async () => {
  sink = await startMailSink({
    keep: true,
    refuse: (address) => (address.startsWith('unzustellbar') ? 'mailbox unknown' : null),
  })
  host = await startDeployHost()
  hooks = host.hooks
  Object.assign(process.env, {
    SMTP_URL: sink.url,
    SITE_URL: SITE,
    SITE_BUILD_TARGET: 'deploy-hook',
    SITE_DEPLOY_HOOK_URL: host.url,
    SITE_DEPLOY_CALLBACK_SECRET: SECRET,
    SITE_BUILD_DEBOUNCE_MS: '0',
  })
  ;({ rest } = await import('./helpers/rest.ts'))
  const { bootPayload } = await import('./helpers/payload.ts')
  payload = await bootPayload()
  tokens = await (await import('./helpers/users.ts')).signInEveryRole(payload, 'alerts')
  partner = (
    await payload.create({
      collection: 'partners',
      data: { ...validDocument('partners', { partner: 0 }), _status: 'published' } as never,
      overrideAccess: true,
    })
  ).id
  await subscriber('presse-de@beispiel.example', ['press-releases'], 'de')
  await subscriber('press-en@beispiel.example', ['press-releases', 'milestones'], 'en')
  await subscriber('zeitplan@beispiel.example', ['milestones'], 'de')
  await subscriber('unzustellbar@beispiel.example', ['press-releases'], 'de')
  await payload.updateGlobal({
    slug: 'site-settings',
    data: {
      legal: {
        publisher: 'Landkreis Zwickau, Pressestelle',
        address: 'Robert-Müller-Straße 4–8\n08056 Zwickau',
        email: 'presse@beispiel.example',
        responsiblePerson: 'Erika Beispiel',
        accessibilityContactEmail: 'barrierefrei@beispiel.example',
      },
    } as never,
    overrideAccess: true,
  })
  // Builds and alerts other test files left behind are none of this file's business.
  await runQueue('site')
  await runQueue('mail')
})

afterAll(async () => {
  await payload?.destroy()
  await sink?.stop()
  host?.close()
})

describe('a release alert', () => {
  let id: number
  let alertId: number

  it('waits while the host builds; the hook carries the build and where to report', async () => {
    const created = await release('alarm-eins')
    id = created.id
    // Its English version, so the site has an English page for the English mail to link.
    await payload.update({
      collection: 'press-releases',
      id,
      locale: 'en',
      data: { title: 'Workshop alarm-eins', lead: created.lead, body: created.body } as never,
      overrideAccess: true,
    })
    const [alert] = await alertsOf(id)
    expect(alert).toMatchObject({ kind: 'release', status: 'waiting' })
    alertId = alert!.id
    await runQueue('site')
    const hook = hooks.at(-1)!
    expect(hook.callbackUrl).toMatch(new RegExp(`/api/site-builds/${hook.buildId}/deployed$`))
    const build = await payload.findByID({ collection: 'site-builds', id: hook.buildId, overrideAccess: true })
    expect(build.status).toBe('deploying')
    await runQueue('mail')
    expect((await alertsOf(id))[0]!.status).toBe('waiting')
    expect(await mailsOf(alertId)).toHaveLength(0)
  })

  it('refuses a report without the secret, for an unknown build, or without a status', async () => {
    const { buildId } = hooks.at(-1)!
    expect((await report(buildId, { status: 'success' }, 'falsch')).status).toBe(401)
    expect((await rest('POST', `/site-builds/${buildId}/deployed`, { json: { status: 'success' } })).status).toBe(401)
    expect((await report(999999, { status: 'success' })).status).toBe(404)
    expect((await report(buildId, { status: 'fertig' })).status).toBe(400)
    expect((await payload.findByID({ collection: 'site-builds', id: buildId, overrideAccess: true })).status).toBe(
      'deploying',
    )
    expect((await alertsOf(id))[0]!.status).toBe('waiting')
  })

  it('goes to every press subscriber exactly once after the host reports success, in their language', async () => {
    const { buildId } = hooks.at(-1)!
    expect((await report(buildId, { status: 'success', pages: 12 })).status).toBe(200)
    expect((await alertsOf(id))[0]!.status).toBe('queued')
    await runQueue('mail')

    const alert = (await alertsOf(id))[0]!
    const mails = await mailsOf(alertId)
    const expected = await pressSubscribers()
    expect(mails.map((mail) => mail.to).sort()).toEqual(expected.filter((email) => !email.startsWith('unzustellbar')))
    expect(alert).toMatchObject({ status: 'sent', sent: expected.length - 1, failed: 1, recipients: expected.length })
    expect(alert.finishedAt).toBeTruthy()

    const german = mails.find((mail) => mail.to === 'presse-de@beispiel.example')!
    const english = mails.find((mail) => mail.to === 'press-en@beispiel.example')!
    expect(german.subject).toBe('Medieninformation: Werkstatt alarm-eins')
    expect(english.subject).toBe('Press release: Workshop alarm-eins')
    expect(german.text).toContain(`${SITE}/aktuelles/alarm-eins/`)
    expect(english.text).toContain(`${SITE}/en/aktuelles/alarm-eins/`)
    expect(german.html).toContain('lang="de"')
    // Multipart: a plain-text and an HTML part, nothing fetched when opened, no tracking.
    expect(german.raw).toMatch(/Content-Type: multipart\/alternative/)
    expect(german.html).not.toMatch(/<img|<script|https?:\/\/(?!www\.masterplan\.example|localhost)/)
    // RFC 2369 / 8058: an unsubscribe URL in the header and a one-click POST.
    expect(german.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
    const headers = german.raw.slice(0, german.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ')
    expect(headers).toMatch(/^List-Unsubscribe: ?<http[^>]+\/api\/subscriptions\/unsubscribe\?token=[^>]+>/m)
    expect(german.text).toMatch(/Abmelden: http\S+\/api\/subscriptions\/unsubscribe\?token=/)
    // Sender and Impressum from the site settings.
    const settings = await payload.findGlobal({ slug: 'site-settings', overrideAccess: true })
    expect(german.from?.text).toContain(settings.siteName)
    expect(german.text).toContain('Landkreis Zwickau, Pressestelle\nRobert-Müller-Straße 4–8')
    expect(german.replyTo?.text).toBe(settings.legal.email)
  })

  it("records the mail server's refusal of an address", async () => {
    const deliveries = await payload.find({
      collection: 'alert-deliveries',
      where: { and: [{ alert: { equals: alertId } }, { status: { equals: 'failed' } }] },
      overrideAccess: true,
    })
    expect(deliveries.docs).toHaveLength(1)
    expect(deliveries.docs[0]!.response).toContain('mailbox unknown')
  })

  it('is never sent twice: not by a rerun of its job, not by publishing the release again', async () => {
    const count = (await mailsOf(alertId)).length
    await payload.jobs.queue({ task: 'sendAlert', input: { alertId }, queue: 'mail' })
    await runQueue('mail')
    await payload.update({
      collection: 'press-releases',
      id,
      data: { _status: 'draft' } as never,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'press-releases',
      id,
      data: { _status: 'published' } as never,
      overrideAccess: true,
    })
    await deploy()
    await runQueue('mail')
    expect(await alertsOf(id)).toHaveLength(1)
    expect(await mailsOf(alertId)).toHaveLength(count)
  })

  it('is not sent for a correction unless the press office asks; then as a "Korrektur"', async () => {
    const before = sink.count()
    await payload.update({
      collection: 'press-releases',
      id,
      data: {
        lead: 'Berichtigte Ergebnisse.',
        corrections: [{ date: new Date().toISOString(), note: 'Zahl im zweiten Absatz berichtigt.' }],
      } as never,
      overrideAccess: true,
    })
    await deploy()
    await runQueue('mail')
    expect(sink.count()).toBe(before)

    expect((await rest('POST', `/press-releases/${id}/correction-alert`, { token: tokens.editor })).status).toBe(403)
    const asked = await rest('POST', `/press-releases/${id}/correction-alert`, { token: tokens.press })
    expect(asked.status).toBe(202)
    expect(asked.body.status).toBe('queued')
    expect((await rest('POST', `/press-releases/${id}/correction-alert`, { token: tokens.press })).status).toBe(409)
    await runQueue('mail')
    const correction = await mailsOf(asked.body.alertId)
    expect(correction.map((mail) => mail.subject)).toContain('Korrektur: Werkstatt alarm-eins')
    expect(correction.find((mail) => mail.to === 'presse-de@beispiel.example')?.text).toContain(
      'Zahl im zweiten Absatz berichtigt.',
    )
  })
})

describe('an English alert for a release without an English version', () => {
  it('links the German page and says the release is in German only, first and for a correction', async () => {
    const { id } = await release('nur-deutsch')
    await deploy()
    await runQueue('mail')
    const [first] = await alertsOf(id)
    const english = (await mailsOf(first!.id)).find((mail) => mail.to === 'press-en@beispiel.example')!
    expect(english.text).toContain(`${SITE}/aktuelles/nur-deutsch/`)
    expect(english.text).not.toContain('/en/aktuelles/nur-deutsch/')
    expect(english.text).toContain('This press release is available in German only.')
    expect(english.html).toContain(`href="${SITE}/aktuelles/nur-deutsch/" hreflang="de"`)
    const german = (await mailsOf(first!.id)).find((mail) => mail.to === 'presse-de@beispiel.example')!
    expect(german.text).not.toContain('nur auf Deutsch')

    await payload.update({
      collection: 'press-releases',
      id,
      data: { corrections: [{ date: new Date().toISOString(), note: 'Datum berichtigt.' }] } as never,
      overrideAccess: true,
    })
    await deploy()
    const asked = await rest('POST', `/press-releases/${id}/correction-alert`, { token: tokens.press })
    expect(asked.status).toBe(202)
    await runQueue('mail')
    const correction = (await mailsOf(asked.body.alertId)).find((mail) => mail.to === 'press-en@beispiel.example')!
    expect(correction.subject).toBe('Correction: Werkstatt nur-deutsch')
    expect(correction.text).toContain(`${SITE}/aktuelles/nur-deutsch/`)
    expect(correction.text).toContain('This press release is available in German only.')
  })
})

describe('two workers on one alert', () => {
  it('mail nobody twice, and take over the claim of a worker that died mid-send', async () => {
    const extra = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        subscriber(`viele-${i}@beispiel.example`, ['press-releases'], i % 2 ? 'en' : 'de'),
      ),
    )
    const { id } = await release('alarm-zwei-worker')
    await deploy()
    const [alert] = await alertsOf(id)
    // A worker that claimed one recipient an hour ago and was never heard of again.
    const { sql } = await import('@payloadcms/db-postgres')
    await postgres(payload).drizzle.execute(
      sql`INSERT INTO alert_deliveries (alert_id, subscription, status, at) VALUES (${alert!.id}, ${extra[0]!.id}, 'sending', now() - interval '1 hour')`,
    )
    await payload.jobs.queue({ task: 'sendAlert', input: { alertId: alert!.id }, queue: 'mail' })
    await Promise.all([runQueue('mail'), runQueue('mail')])
    await runQueue('mail')
    const recipients = (await mailsOf(alert!.id)).map((mail) => mail.to)
    expect(recipients.length).toBe(new Set(recipients).size)
    expect(recipients.sort()).toEqual((await pressSubscribers()).filter((email) => !email.startsWith('unzustellbar')))
    expect((await alertsOf(id))[0]!.status).toBe('sent')

    // A job that ended while the other worker's mails were in flight waits for a retry; when it
    // comes, it finds nothing left to send, and nothing stays in the queue.
    const waiting: Where = { and: [{ queue: { equals: 'mail' } }, { completedAt: { exists: false } }] }
    await payload.db.updateMany({
      collection: 'payload-jobs',
      where: waiting,
      data: { waitUntil: new Date(Date.now() - 1_000).toISOString() },
    })
    await runQueue('mail')
    expect((await mailsOf(alert!.id)).length).toBe(recipients.length)
    expect(
      (
        await payload.count({
          collection: 'payload-jobs',
          where: { ...waiting, hasError: { not_equals: true } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe('no alert', () => {
  it('for a draft, nor before the embargo; after the embargo build, for everyone', async () => {
    const draft = await release('alarm-entwurf', { _status: 'draft' })
    expect(await alertsOf(draft.id)).toHaveLength(0)

    const embargoUntil = new Date(Date.now() + 3_000)
    const embargoed = await release('alarm-sperrfrist', { embargoUntil: embargoUntil.toISOString() })
    await deploy()
    await runQueue('mail')
    const [waiting] = await alertsOf(embargoed.id)
    expect(waiting!.status).toBe('waiting')
    expect(await mailsOf(waiting!.id)).toHaveLength(0)

    await sleep(embargoUntil.getTime() - Date.now() + 100)
    await deploy()
    await runQueue('mail')
    expect((await alertsOf(embargoed.id))[0]!.status).toBe('sent')
    expect((await mailsOf(waiting!.id)).length).toBe((await pressSubscribers()).length - 1)
  })
})

describe('a milestone alert', () => {
  it('goes to milestone subscribers when its status or date changes publicly, not for other edits', async () => {
    const milestone = await payload.create({
      collection: 'milestones',
      data: {
        ...validDocument('milestones', { partner }),
        title: 'Regionalkonvent tagt',
        slug: 'konvent-alarm',
        plannedDate: '2026-12-10T09:00:00.000Z',
        _status: 'published',
      } as never,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'milestones',
      id: milestone.id,
      data: { phase: 'Beratung' } as never,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'milestones',
      id: milestone.id,
      data: { status: 'postponed', plannedDate: '2026-12-17T09:00:00.000Z' } as never,
      overrideAccess: true,
    })
    const alerts = (
      await payload.find({ collection: 'alerts', where: { milestone: { equals: milestone.id } }, overrideAccess: true })
    ).docs
    expect(alerts).toHaveLength(1)
    await deploy()
    await runQueue('mail')
    const mails = await mailsOf(alerts[0]!.id)
    expect(mails.map((mail) => mail.to).sort()).toContain('zeitplan@beispiel.example')
    expect(mails.map((mail) => mail.to)).not.toContain('presse-de@beispiel.example')
    const german = mails.find((mail) => mail.to === 'zeitplan@beispiel.example')!
    expect(german.subject).toBe('Zeitplan geändert: Regionalkonvent tagt')
    expect(german.text).toMatch(/Stand: verschoben\. Termin: 17\. Dezember 2026/)
    expect(german.text).toContain(`${SITE}/zeitplan/#konvent-alarm`)
  })
})
