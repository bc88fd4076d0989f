import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { keepLease, releaseStaleJobs } from '../src/jobs/leases.ts'
import { readEnv } from '../src/lib/env.ts'
import { bootPayload } from './helpers/payload.ts'

/**
 * The job lease against the real database and Payload's real queue: a job left "processing" by a
 * runner that died is released by the sweep and run again; one whose runner is alive is not.
 * (SITE_BUILD_TARGET is `none` here, so running a site build job only records it.)
 */
let payload: Payload
beforeAll(async () => {
  payload = await bootPayload()
})
afterAll(async () => {
  await payload.destroy()
})

const LEASE = 60_000
const longAgo = () => new Date(Date.now() - 10 * 60_000).toISOString()

type JobRow = {
  processing?: boolean | null
  totalTried?: number | null
  hasError?: boolean | null
  completedAt?: string | null
  waitUntil?: string | null
  updatedAt: string
  log?: { state: string; error?: unknown }[] | null
}
const job = async (id: number) =>
  (await payload.findByID({ collection: 'payload-jobs', id, depth: 0, overrideAccess: true })) as unknown as JobRow
const record = (id: number) => payload.findByID({ collection: 'site-builds', id, depth: 0, overrideAccess: true })

/** A site build job, as queueSiteBuild makes it. */
async function queueBuild() {
  const build = await payload.create({
    collection: 'site-builds',
    data: { summary: 'Lease test', status: 'queued', target: 'none', queuedAt: new Date().toISOString() },
    overrideAccess: true,
  })
  const queued = await payload.jobs.queue({ task: 'siteBuild', input: { buildId: build.id }, queue: 'site' })
  return { buildId: build.id as number, jobId: Number(queued.id) }
}

/** What a runner that claimed the job and then died leaves behind: claimed, with no heartbeat since `at`. */
async function abandon(jobId: number, buildId: number, at = longAgo()) {
  await payload.update({
    collection: 'site-builds',
    id: buildId,
    data: { status: 'running', startedAt: at },
    overrideAccess: true,
  })
  // Through the adapter, as Payload's runner claims jobs: the Local API would stamp updatedAt as now.
  await payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { processing: true, updatedAt: at } })
  expect(await job(jobId)).toMatchObject({ processing: true, updatedAt: at })
}

const runOnly = (jobId: number) => payload.jobs.run({ queue: 'site', where: { id: { equals: jobId } } })
const sweep = async (jobId: number, lease = LEASE) =>
  (await releaseStaleJobs(payload, lease)).filter((released) => released.id === jobId)

describe("Payload's runner with the jobs collection's hooks on (runHooks)", () => {
  it('records a failed attempt and retries it after the back-off instead of leaving the job processing', async () => {
    const queued = await payload.jobs.queue({ task: 'siteBuild', input: { buildId: 987_654 }, queue: 'site' })
    const jobId = Number(queued.id)
    const before = Date.now()
    expect((await runOnly(jobId)).jobStatus).toEqual({ [jobId]: { status: 'error' } })
    const failed = await job(jobId)
    expect(failed).toMatchObject({ processing: false, hasError: false, totalTried: 1 })
    expect(failed.log).toEqual([expect.objectContaining({ state: 'failed' })])
    expect(Date.parse(failed.waitUntil!) - before).toBeGreaterThanOrEqual(9_000)
    await payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { hasError: true } })
  })
})

describe('the job lease sweep', () => {
  it('releases a job abandoned while processing, counts the lost attempt, and the queue runs it again after the back-off', async () => {
    const { jobId, buildId } = await queueBuild()
    await abandon(jobId, buildId)
    await runOnly(jobId)
    expect((await job(jobId)).completedAt, 'Payload never runs a job still marked processing').toBeFalsy()

    const before = Date.now()
    expect(await sweep(jobId)).toEqual([{ id: jobId, taskSlug: 'siteBuild', final: false }])
    const released = await job(jobId)
    expect(released).toMatchObject({ processing: false, hasError: false, totalTried: 1 })
    expect(released.log).toHaveLength(1)
    expect(released.log![0]).toMatchObject({
      state: 'failed',
      error: { message: expect.stringContaining('interrupted') },
    })
    // siteBuild retries with exponential back-off from 10 s: the first retry waits 10 s.
    const wait = Date.parse(released.waitUntil!) - before
    expect(wait).toBeGreaterThanOrEqual(9_000)
    expect(wait).toBeLessThan(12_000)
    expect(await record(buildId)).toMatchObject({
      status: 'queued',
      error: expect.stringContaining('wird wiederholt / interrupted'),
    })

    await runOnly(jobId)
    expect((await job(jobId)).completedAt, 'the back-off holds').toBeFalsy()
    // The back-off passing, without waiting for it.
    await payload.db.updateOne({
      collection: 'payload-jobs',
      id: jobId,
      data: { waitUntil: new Date(Date.now() - 1000).toISOString() },
    })
    expect((await runOnly(jobId)).jobStatus).toEqual({ [jobId]: { status: 'success' } })
    expect(await record(buildId)).toMatchObject({ status: 'success', attempts: 1, error: null })
    // Payload deletes a job that completed.
    expect(
      await payload.findByID({ collection: 'payload-jobs', id: jobId, overrideAccess: true, disableErrors: true }),
    ).toBeNull()
  })

  it('leaves a job alone while its heartbeat keeps the lease fresh', async () => {
    const { jobId, buildId } = await queueBuild()
    const at = longAgo()
    await abandon(jobId, buildId, at)
    const lease = 2_000
    const stop = keepLease(payload, jobId, lease)
    try {
      const deadline = Date.now() + 5_000
      while ((await job(jobId)).updatedAt === at) {
        if (Date.now() > deadline) throw new Error('no heartbeat within 5 s')
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(await sweep(jobId, lease)).toEqual([])
      expect((await job(jobId)).processing).toBe(true)
    } finally {
      stop()
    }
    // Without the heartbeat the same lease runs out.
    await new Promise((r) => setTimeout(r, lease + 500))
    expect(await sweep(jobId, lease)).toEqual([{ id: jobId, taskSlug: 'siteBuild', final: false }])
    await payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { hasError: true } })
  })

  it('releases a job once when several CMS instances sweep at the same time', async () => {
    const { jobId, buildId } = await queueBuild()
    await abandon(jobId, buildId)
    const results = await Promise.all([sweep(jobId), sweep(jobId), sweep(jobId)])
    expect(results.flat()).toHaveLength(1)
    const released = await job(jobId)
    expect(released.totalTried).toBe(1)
    expect(released.log).toHaveLength(1)
    await payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { hasError: true } })
  })

  it('gives a job up when lost attempts use up its retries, so a job that kills its runner cannot loop', async () => {
    const { jobId, buildId } = await queueBuild()
    // siteBuild: the first attempt and three retries.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await abandon(jobId, buildId)
      expect(await sweep(jobId)).toEqual([{ id: jobId, taskSlug: 'siteBuild', final: false }])
    }
    await abandon(jobId, buildId)
    expect(await sweep(jobId)).toEqual([{ id: jobId, taskSlug: 'siteBuild', final: true }])
    expect(await job(jobId)).toMatchObject({ processing: false, hasError: true, totalTried: 4 })
    expect(await record(buildId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('no retries left'),
      finishedAt: expect.any(String),
    })
    await payload.db.updateOne({ collection: 'payload-jobs', id: jobId, data: { waitUntil: null } })
    await runOnly(jobId)
    expect((await job(jobId)).completedAt).toBeFalsy()
  })

  it('reads JOB_LEASE_MS, defaulting to two minutes and refusing nonsense', () => {
    const lease = (value?: string) => readEnv({ ...process.env, JOB_LEASE_MS: value }).JOB_LEASE_MS
    expect(lease()).toBe(120_000)
    expect(lease('15000')).toBe(15_000)
    expect(() => lease('soon')).toThrow(/JOB_LEASE_MS/)
    expect(() => lease('10')).toThrow(/JOB_LEASE_MS/)
  })
})
