import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '@masterplan/shared'
import { type MailSink, startMailSink } from '../scripts/mail-sink.ts'
import { type ExtraProcess, startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { validDocument } from './helpers/documents.ts'
import { callApi } from './helpers/http.ts'
import { receivedMails } from './helpers/mail.ts'
import { until } from './helpers/wait.ts'

/**
 * The production topology on one machine: two CMS instances that run no jobs (JOBS_AUTORUN=false)
 * on one PostgreSQL, and separate job workers (`pnpm worker`). Every publish goes live, every build
 * and every alert happens once, and a worker killed mid-build is replaced without losing the build.
 */
const SUBSCRIBERS = ['eins@beispiel.example', 'zwei@beispiel.example', 'drei@beispiel.example']
let cms: TestCms
let second: ExtraProcess
let workers: ExtraProcess[] = []
let sink: MailSink
let db: pg.Client
let target: string
let token: string
let partner: number

const api = (origin: string, method: string, p: string, json?: unknown) => callApi(origin, method, p, { token, json })
const publish = async (origin: string, slug: string) => {
  const reply = await api(origin, 'POST', '/press-releases', {
    ...validDocument('press-releases', { partner }),
    title: `Instanz ${slug}`,
    slug,
    _status: 'published',
  })
  if (reply.status !== 201) throw new Error(`publishing on ${origin} failed: ${JSON.stringify(reply.body)}`)
  return reply.body.doc.id as number
}
const isLive = (slug: string) => existsSync(path.join(target, 'live/aktuelles', slug, 'index.html'))
/** Builds made by saves (the fixtures' embargoed release also has one scheduled for its minute). */
const builds = async () =>
  (
    await db.query<{ id: number; status: string; attempts: number; started_at: Date; finished_at: Date }>(
      "SELECT id, status, attempts::int AS attempts, started_at, finished_at FROM site_builds WHERE status <> 'scheduled' ORDER BY id",
    )
  ).rows
const alertsOf = async (releases: number[]) =>
  (
    await db.query<{ id: number; press_release_id: number; status: string; sent: number }>(
      "SELECT id, press_release_id, status, sent FROM alerts WHERE kind = 'release' AND press_release_id = ANY($1)",
      [releases],
    )
  ).rows
/** How many alert mails each (alert, recipient) pair got. */
const mailTally = async () => {
  const counts = new Map<string, number>()
  for (const mail of await receivedMails(sink)) {
    const alert = /^<alert-(\d+)-/.exec(mail.messageId ?? '')?.[1]
    if (alert) counts.set(`${alert} ${mail.to}`, (counts.get(`${alert} ${mail.to}`) ?? 0) + 1)
  }
  return counts
}

beforeAll(async () => {
  sink = await startMailSink({ keep: true })
  target = path.join(await mkdtemp(path.join(os.tmpdir(), 'masterplan-instances-')), 'site')
  cms = await startTestCms({
    env: {
      JOBS_AUTORUN: 'false',
      SITE_BUILD_TARGET: 'local',
      SITE_TARGET_DIR: target,
      SITE_BUILD_DEBOUNCE_MS: '1000',
      SMTP_URL: sink.url,
      // Short, so a killed worker's build is taken over within seconds (yet long enough for a busy machine).
      JOB_LEASE_MS: '10000',
    },
  })
  second = await cms.startProcess('instance')
  workers = [await cms.startProcess('worker'), await cms.startProcess('worker')]
  db = new pg.Client({ connectionString: cms.env.DATABASE_URL })
  await db.connect()
  const created = await fetch(`${cms.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@instanzen.example', password: 'instanzen-passwort-123', role: 'admin' }),
  })
  token = (await created.json()).token
  partner = (
    await api(cms.url, 'POST', '/partners', { ...validDocument('partners', { partner: 0 }), _status: 'published' })
  ).body.doc.id
  await db.query(
    `WITH added AS (
       INSERT INTO subscriptions (email, language, requested_at, confirmed_at, consent_version)
       SELECT unnest($1::text[]), 'de', now(), now(), $2 RETURNING id)
     INSERT INTO subscriptions_topics ("order", parent_id, value) SELECT 1, id, 'press-releases' FROM added`,
    [SUBSCRIBERS, CONSENT_VERSION],
  )
}, 300_000)

afterAll(async () => {
  await db?.end()
  await cms?.stop()
  await sink?.stop()
  if (target) await rm(path.dirname(target), { recursive: true, force: true })
})

describe('two CMS instances and two workers on one database', () => {
  it('20 publishes alternating between the instances: each release live, each build and each alert once', async () => {
    const origins = [cms.url, second.url!]
    const slugs = Array.from({ length: 20 }, (_, i) => `instanz-${i + 1}`)
    const releases: number[] = []
    for (const [i, slug] of slugs.entries()) {
      releases.push(await publish(origins[i % 2]!, slug))
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    await until('every release on the live site', () => slugs.every(isLive), 240_000, 500)
    const alerts = await until(
      'every alert sent',
      async () => {
        const rows = await alertsOf(releases)
        return rows.length === releases.length && rows.every((alert) => alert.status === 'sent') ? rows : false
      },
      120_000,
      500,
    )

    // Each release one alert, each alert one mail per subscriber: no runner sent any of them twice.
    expect(new Set(alerts.map((alert) => alert.press_release_id)).size).toBe(20)
    expect(alerts.every((alert) => Number(alert.sent) === SUBSCRIBERS.length)).toBe(true)
    const tally = await mailTally()
    for (const alert of alerts)
      for (const to of SUBSCRIBERS) expect(tally.get(`${alert.id} ${to}`), `alert ${alert.id} to ${to}`).toBe(1)

    // Each build ran once, one after another (one site build at a time across the workers).
    const done = await builds()
    expect(done.length).toBeGreaterThan(0)
    expect(done.map((b) => [b.status, b.attempts])).toEqual(done.map(() => ['success', 1]))
    for (let i = 1; i < done.length; i++)
      expect(done[i]!.started_at.getTime()).toBeGreaterThanOrEqual(done[i - 1]!.finished_at.getTime())
    // Nothing left to run. A finished job is marked complete first and deleted a moment later, after
    // the runner's whole batch (an alert retried after a failed attempt can be the last to finish).
    // Every alert sent does not mean every job ended: a job is marked complete after its alert is
    // recorded, and once in CI a send job (never tried) was still queued when the last alert was sent.
    // The queues get a few runner ticks to settle; a job that never runs still fails the test.
    const leftover = async () =>
      (
        await db.query(
          "SELECT id, task_slug, processing, has_error, total_tried, error FROM payload_jobs WHERE queue IN ('site', 'mail') AND completed_at IS NULL AND id NOT IN (SELECT job_id FROM site_builds WHERE status = 'scheduled')",
        )
      ).rows
    await until('the queues to settle', async () => (await leftover()).length === 0, 30_000, 500).catch(() => {})
    expect(await leftover()).toEqual([])
  }, 420_000)

  it('a worker killed during a build: the build is taken over after the lease and the site ends correct', async () => {
    await workers.pop()!.stop()
    const last = (await builds()).at(-1)?.id ?? 0
    const release = await publish(second.url!, 'instanz-absturz')
    const build = await until(
      'the build to run',
      async () => (await builds()).find((b) => b.id > last && b.status === 'running') ?? false,
      60_000,
      100,
    )
    await workers.pop()!.kill()
    expect(isLive('instanz-absturz')).toBe(false)

    workers.push(await cms.startProcess('worker'))
    await until('the release on the live site', () => isLive('instanz-absturz'), 180_000, 500)
    // The pages go live before the search index is swapped in and the build is recorded as done.
    const record = await until(
      'the build recorded as done',
      async () => {
        const { rows } = await db.query('SELECT status, attempts::int AS attempts FROM site_builds WHERE id = $1', [
          build.id,
        ])
        return rows[0]?.status === 'running' ? false : rows[0]
      },
      60_000,
      250,
    )
    expect(record).toEqual({ status: 'success', attempts: 2 })
    const [alert] = await until(
      'the alert sent',
      async () => {
        const rows = await alertsOf([release])
        return rows[0]?.status === 'sent' ? rows : false
      },
      60_000,
      500,
    )
    const tally = await mailTally()
    for (const to of SUBSCRIBERS) expect(tally.get(`${alert!.id} ${to}`)).toBe(1)
  }, 300_000)
})
