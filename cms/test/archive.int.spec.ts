import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '@masterplan/shared'
import { queueLastMessage } from '../src/archiveMode/lastMessage.ts'
import { type MailSink, startMailSink } from '../scripts/mail-sink.ts'
import { siteSettingsFixture } from '../src/seed/fixtures/index.ts'
import { type DeployHost, startDeployHost } from './helpers/deployHost.ts'
import { validDocument } from './helpers/documents.ts'
import { confirmedSubscriber } from './helpers/subscribers.ts'
import { receivedMails } from './helpers/mail.ts'
import type { Tokens } from './helpers/users.ts'

/**
 * Archive mode with a clock: the days after the process (2027-01-05) are passed in, nobody waits.
 * The site's build is a small host that records the deploy hook; the test reports its success.
 */
let sink: MailSink
let payload: Payload
let tokens: Tokens
let rest: typeof import('./helpers/rest.ts').rest
let host: DeployHost
const SECRET = 'callback-secret-archive-0123456789abcdef012345'
const SITE = 'https://www.masterplan.example'
const BEFORE_END = new Date('2026-12-31T22:59:00Z') // 23:59 in Berlin, the last minute of the process
const AFTER_END = new Date('2027-01-05T09:00:00Z')

const runQueue = (queue: string) => payload.jobs.run({ queue, limit: 100, overrideAccess: true })
const setArchive = (archive: Record<string, unknown>) =>
  payload.updateGlobal({ slug: 'site-settings', data: { archive } as never, overrideAccess: true })
/** Runs the site queue (the host is called) and reports the host's success. */
async function deploy(): Promise<void> {
  const before = host.hooks.length
  await runQueue('site')
  for (const { buildId } of host.hooks.slice(before)) {
    const reply = await rest('POST', `/site-builds/${buildId}/deployed`, {
      json: { status: 'success', pages: 12 },
      headers: { Authorization: `Bearer ${SECRET}` },
    })
    expect(reply.status).toBe(200)
  }
}
const mailsOf = async (alertId: number) =>
  (await receivedMails(sink)).filter((m) => m.messageId?.startsWith(`<alert-${alertId}-`))
const archiveAlerts = async () =>
  (await payload.find({ collection: 'alerts', where: { kind: { equals: 'archive' } }, overrideAccess: true })).docs
const subscriber = (email: string, topics: string[], language: 'de' | 'en') =>
  confirmedSubscriber(payload, email, topics, language)

let partner: number

beforeAll(async () => {
  sink = await startMailSink({ keep: true })
  host = await startDeployHost()
  Object.assign(process.env, {
    SMTP_URL: sink.url,
    SITE_URL: SITE,
    SITE_BUILD_TARGET: 'deploy-hook',
    SITE_DEPLOY_HOOK_URL: host.url,
    SITE_DEPLOY_CALLBACK_SECRET: SECRET,
    SITE_BUILD_DEBOUNCE_MS: '0',
  })
  ;({ rest } = await import('./helpers/rest.ts'))
  payload = await (await import('./helpers/payload.ts')).bootPayload()
  tokens = await (await import('./helpers/users.ts')).signInEveryRole(payload, 'archive')
  partner = (
    await payload.create({
      collection: 'partners',
      data: { ...validDocument('partners', { partner: 0 }), _status: 'published' } as never,
      overrideAccess: true,
    })
  ).id
  await subscriber('archiv-presse@beispiel.example', ['press-releases'], 'de')
  await subscriber('archiv-zeitplan@beispiel.example', ['milestones'], 'en')
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { legal: siteSettingsFixture.legal } as never,
    overrideAccess: true,
  })
  // Builds and alerts other test files left behind are none of this file's business.
  await deploy()
  await runQueue('mail')
})

afterAll(async () => {
  // The database is shared with the files after this one: back to the default, and the build that
  // queues run, so no job is left waiting (health.int measures the queue's lag).
  await setArchive({ mode: 'auto', presentedOn: null, presentationLink: null })
  await deploy()
  await runQueue('mail')
  await payload?.destroy()
  await sink?.stop()
  host?.close()
})

describe('archive mode', () => {
  it('refuses a presentation link the site could not render, naming the field', async () => {
    const reply = await rest('POST', '/globals/site-settings', {
      token: tokens.editor,
      json: { archive: { mode: 'auto', presentationLink: 'javascript:alert(1)' } },
    })
    expect(reply.status).toBe(400)
    expect(JSON.stringify(reply.body)).toContain('presentationLink')
  })

  it('waits, in automatic mode, until the process window has ended', async () => {
    await setArchive({ mode: 'auto', presentedOn: '2026-12-15T10:00:00.000Z', presentationLink: '/aktuelles/' })
    await deploy()
    expect(await queueLastMessage(payload, BEFORE_END)).toBe(false)
    expect(await archiveAlerts()).toHaveLength(0)
  })

  it('is off when switched off, whatever the date', async () => {
    await setArchive({ mode: 'off' })
    await deploy()
    expect(await queueLastMessage(payload, AFTER_END)).toBe(false)
    expect(await archiveAlerts()).toHaveLength(0)
    await setArchive({ mode: 'auto' })
    await deploy()
  })

  it('cancels a last message whose archive mode was switched off before it went out', async () => {
    await setArchive({ mode: 'on' })
    await deploy()
    expect(await queueLastMessage(payload)).toBe(true)
    await deploy() // the build queued with it: an archive's, so the message is queued for sending
    const [alert] = await archiveAlerts()
    expect(alert!.status).toBe('queued')
    await setArchive({ mode: 'off' })
    await deploy()
    await runQueue('mail')
    expect((await archiveAlerts())[0]!.status).toBe('cancelled')
    expect(await mailsOf(alert!.id)).toHaveLength(0)
    await setArchive({ mode: 'auto' })
    await deploy()
  })

  it('sends one last message to every subscriber, whatever their topics, with the first build of the archive', async () => {
    expect(await queueLastMessage(payload, AFTER_END)).toBe(true)
    expect(await queueLastMessage(payload, AFTER_END)).toBe(false)
    const alert = (await archiveAlerts()).find((a) => a.status !== 'cancelled')!
    expect(alert).toMatchObject({ kind: 'archive', status: 'waiting' })
    // The build queued with it runs today, before the process ends: no archive yet, so it waits.
    await deploy()
    await runQueue('mail')
    expect((await payload.findByID({ collection: 'alerts', id: alert.id, overrideAccess: true })).status).toBe(
      'waiting',
    )
    expect(await mailsOf(alert.id)).toHaveLength(0)

    // The build that puts the banner online (here: one a settings save queues) releases it.
    const presentation = 'https://www.medienservice.sachsen.de/medien/masterplan'
    await setArchive({ mode: 'on', presentedOn: '2026-12-15T10:00:00.000Z', presentationLink: presentation })
    await deploy()
    await runQueue('mail')
    const mails = await mailsOf(alert.id)
    const confirmed = (
      await payload.find({
        collection: 'subscriptions',
        where: { confirmedAt: { exists: true } },
        pagination: false,
        overrideAccess: true,
      })
    ).docs.map((s) => s.email)
    expect(mails.map((m) => m.to).sort()).toEqual([...confirmed].sort())
    expect(mails.map((m) => m.to)).toContain('archiv-zeitplan@beispiel.example')
    const german = mails.find((m) => m.to === 'archiv-presse@beispiel.example')!
    const english = mails.find((m) => m.to === 'archiv-zeitplan@beispiel.example')!
    expect(german.subject).toBe('Letzte Nachricht: Der Prozess zum Masterplan Südwestsachsen ist abgeschlossen')
    expect(german.text).toContain('15. Dezember 2026')
    expect(german.text).toContain(presentation)
    // Identified as the site's own mail, whatever it links to.
    expect(german.messageId).toMatch(/@www\.masterplan\.example>$/)
    expect(english.subject).toBe('Last message: The process for the Masterplan Südwestsachsen has ended')
    expect(english.text).toContain('15 December 2026')
    expect(await payload.findByID({ collection: 'alerts', id: alert.id, overrideAccess: true })).toMatchObject({
      status: 'sent',
      sent: confirmed.length,
    })
  })

  describe('once on', () => {
    beforeAll(async () => {
      await setArchive({ mode: 'on' })
      await deploy()
    })

    it('announces nothing more: a newly published release records no alert', async () => {
      const release = await payload.create({
        collection: 'press-releases',
        data: {
          ...validDocument('press-releases', { partner }),
          title: 'Nach dem Prozess',
          slug: 'nach-dem-prozess',
          _status: 'published',
        } as never,
        overrideAccess: true,
      })
      const alerts = await payload.find({
        collection: 'alerts',
        where: { pressRelease: { equals: release.id } },
        overrideAccess: true,
      })
      expect(alerts.docs).toHaveLength(0)
    })

    it('refuses a correction alert, saying why, while corrections themselves stay possible', async () => {
      const release = (
        await payload.find({ collection: 'press-releases', where: { slug: { equals: 'nach-dem-prozess' } } })
      ).docs[0]!
      const corrected = await rest('PATCH', `/press-releases/${release.id}`, {
        token: tokens.press,
        json: { lead: 'Korrigierter Vorspann nach dem Prozess.' },
      })
      expect(corrected.status).toBe(200)
      await deploy()
      const asked = await rest('POST', `/press-releases/${release.id}/correction-alert`, { token: tokens.press })
      expect(asked.status).toBe(409)
      expect(JSON.stringify(asked.body)).toContain('Archivmodus')
    })

    it('closes the subscription form: 410 for API clients and browsers, no mail, nothing stored', async () => {
      const before = {
        mails: sink.count(),
        ...(await payload.count({ collection: 'subscriptions', overrideAccess: true })),
      }
      const api = await rest('POST', '/subscriptions/request', {
        json: { email: 'zu-spaet@beispiel.example', topics: ['press-releases'] },
        headers: { Accept: 'application/json' },
      })
      expect(api.status).toBe(410)
      expect(JSON.stringify(api.body)).toContain('no longer possible')
      const form = {
        email: 'zu-spaet@beispiel.example',
        topics: 'press-releases',
        language: 'de',
        consent: CONSENT_VERSION,
      }
      const browser = await rest('POST', '/subscriptions/request', {
        body: new URLSearchParams(form),
        headers: { Accept: 'text/html,application/xhtml+xml', 'Content-Type': 'application/x-www-form-urlencoded' },
      })
      expect(browser.status).toBe(410)
      expect(String(browser.body)).toContain('Neue Abonnements sind nicht mehr möglich')
      expect(sink.count()).toBe(before.mails)
      expect((await payload.count({ collection: 'subscriptions', overrideAccess: true })).totalDocs).toBe(
        before.totalDocs,
      )
    })
  })
})
