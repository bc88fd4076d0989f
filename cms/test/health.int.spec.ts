import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { MAX_QUEUE_LAG_S } from '../src/health/checks.ts'
import { bootPayload } from './helpers/payload.ts'
import { rest } from './helpers/rest.ts'

let payload: Payload
let db: pg.Client
beforeAll(async () => {
  payload = await bootPayload()
  db = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await db.connect()
})
afterAll(async () => {
  await db.end()
  await payload.destroy()
})

const health = () => rest('GET', '/health')
const build = (status: 'success' | 'failed', error?: string) =>
  payload.create({
    collection: 'site-builds',
    data: { status, summary: 'Test', queuedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), error },
    overrideAccess: true,
  })

describe('GET /api/health', () => {
  it('answers 200 with database latency, migrations, queue lag, last build and free disk when all is well', async () => {
    await build('success')
    const reply = await health()
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const { checks } = reply.body
    expect(reply.body.status).toBe('ok')
    expect(checks.database).toEqual({ ok: true, latencyMs: expect.any(Number) })
    expect(checks.migrations).toMatchObject({ ok: true, pending: [] })
    expect(checks.jobs).toMatchObject({ ok: true, lagSeconds: 0, stuckJobs: 0 })
    expect(checks.siteBuild).toMatchObject({ ok: true, lastStatus: 'success' })
    expect(checks.disk.media === null || checks.disk.media.freeBytes > 0).toBe(true)
  })

  it('answers 503 after a failed site build, without the error text (it can name a draft)', async () => {
    await build('failed', 'press-releases "geheimer-entwurf" (id 7) contacts.0.email')
    const reply = await health()
    expect(reply.status).toBe(503)
    expect(reply.body.checks.siteBuild).toMatchObject({ ok: false, lastStatus: 'failed' })
    expect(JSON.stringify(reply.body)).not.toContain('geheimer-entwurf')
    // A load balancer asks about this instance only: the failed build is no reason to take it out.
    expect((await rest('GET', '/health?scope=instance')).status).toBe(200)
    await build('success')
  })

  it('answers 503 when a due job waits longer than the allowed lag, as when no runner works the queue', async () => {
    const due = new Date(Date.now() - (MAX_QUEUE_LAG_S + 60) * 1000)
    const job = await payload.jobs.queue({
      task: 'siteBuild',
      input: { buildId: 0 },
      queue: 'health-test',
      waitUntil: due,
    })
    try {
      const reply = await health()
      expect(reply.status).toBe(503)
      expect(reply.body.checks.jobs.lagSeconds).toBeGreaterThan(MAX_QUEUE_LAG_S)
    } finally {
      await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    }
    expect((await health()).status).toBe(200)
  })

  it('answers 503 naming the migration when one is not applied', async () => {
    const { rows } = await db.query(
      'DELETE FROM payload_migrations WHERE id = (SELECT max(id) FROM payload_migrations) RETURNING *',
    )
    try {
      const reply = await health()
      expect(reply.status).toBe(503)
      expect(reply.body.checks.migrations.pending).toEqual([rows[0].name])
    } finally {
      await db.query(
        'INSERT INTO payload_migrations (name, batch, updated_at, created_at) VALUES ($1, $2, now(), now())',
        [rows[0].name, rows[0].batch],
      )
    }
  })

  it('holds no secret and may be probed without signing in', async () => {
    const text = JSON.stringify((await health()).body)
    for (const secret of [
      process.env.PAYLOAD_SECRET!,
      process.env.DATABASE_URL!,
      new URL(process.env.DATABASE_URL!).password,
    ]) {
      expect(text).not.toContain(secret)
    }
  })
})
