import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalReq, type Payload } from 'payload'
import { withSiteBuildLock } from '../src/siteBuild/lock.ts'
import { queueNightlyBuild } from '../src/siteBuild/nightlyBuild.ts'
import { queueSiteBuild } from '../src/siteBuild/queue.ts'
import { bootPayload } from './helpers/payload.ts'

/**
 * Several runners on one database (CMS instances, workers): Payload's runner reads free jobs and
 * then updates them one by one, so two runners can take the same job (payload#16043). The claim
 * (src/jobs/claim.ts) lets exactly one of them run it. (SITE_BUILD_TARGET is `none` here, so a
 * site build job only records itself.)
 */
let payload: Payload
beforeAll(async () => {
  payload = await bootPayload()
})
afterAll(async () => {
  await payload.destroy()
})

async function queueBuild() {
  const build = await payload.create({
    collection: 'site-builds',
    data: { summary: 'Claim test', status: 'queued', target: 'none', queuedAt: new Date().toISOString() },
    overrideAccess: true,
  })
  const queued = await payload.jobs.queue({ task: 'siteBuild', input: { buildId: build.id }, queue: 'site' })
  return { id: Number(queued.id), buildId: build.id as number }
}

describe('the nightly build', () => {
  it('is queued once a night by whichever runner checks first, also after a save joined it and rewrote its summary', async () => {
    const target = process.env.SITE_BUILD_TARGET
    process.env.SITE_BUILD_TARGET = 'local' // queueSiteBuild queues nothing for `none`; no runner runs here
    const nightly = { 'triggers.change': { equals: 'Nachtbuild' } }
    try {
      const night = new Date('2026-12-03T23:10:00Z') // 00:10 on 4 December in Berlin
      const queued = await Promise.all([1, 2, 3].map(() => queueNightlyBuild(payload, night)))
      expect(queued.filter(Boolean)).toHaveLength(1)
      await queueSiteBuild(await createLocalReq({}, payload), {
        collection: 'press-releases',
        change: 'Veröffentlicht',
        title: 'Eine Meldung',
      })
      expect(await queueNightlyBuild(payload, new Date(night.getTime() + 60_000))).toBe(false)
      expect((await payload.count({ collection: 'site-builds', where: nightly, overrideAccess: true })).totalDocs).toBe(
        1,
      )
      expect(await queueNightlyBuild(payload, new Date('2026-12-03T22:59:00Z')), 'before 00:05').toBe(false)
    } finally {
      if (target === undefined) delete process.env.SITE_BUILD_TARGET
      else process.env.SITE_BUILD_TARGET = target
      const builds = await payload.find({ collection: 'site-builds', where: nightly, depth: 0, overrideAccess: true })
      for (const build of builds.docs) {
        if (build.jobId) await payload.delete({ collection: 'payload-jobs', id: build.jobId, overrideAccess: true })
        await payload.delete({ collection: 'site-builds', id: build.id, overrideAccess: true })
      }
    }
  })
})

describe('runners that read the same free job at once', () => {
  it('run it exactly once: one claims it, the others skip it', async () => {
    for (let round = 0; round < 5; round++) {
      const { id, buildId } = await queueBuild()
      const runners = await Promise.all(
        [1, 2, 3].map(() => payload.jobs.run({ queue: 'site', where: { id: { equals: id } }, overrideAccess: true })),
      )
      const ran = runners.filter((result) => result.jobStatus?.[id])
      expect(ran, `round ${round}: runners that ran job ${id}`).toHaveLength(1)
      expect(ran[0]!.jobStatus![id]).toEqual({ status: 'success' })
      // A completed job is deleted; its build record counts the runs.
      expect(
        await payload.count({ collection: 'payload-jobs', where: { id: { equals: id } }, overrideAccess: true }),
      ).toEqual({ totalDocs: 0 })
      expect(
        await payload.findByID({ collection: 'site-builds', id: buildId, depth: 0, overrideAccess: true }),
      ).toMatchObject({ status: 'success', attempts: 1 })
    }
  })

  it('a job already claimed is not claimed again', async () => {
    const { id } = await queueBuild()
    await payload.db.updateOne({ collection: 'payload-jobs', id, data: { processing: true } })
    const result = await payload.jobs.run({ queue: 'site', where: { id: { equals: id } }, overrideAccess: true })
    expect(result.jobStatus?.[id]).toBeUndefined()
    await payload.db.updateOne({ collection: 'payload-jobs', id, data: { processing: false, hasError: true } })
  })
})

describe('the site build lock', () => {
  it('lets one build run at a time across runners, the next one after it', async () => {
    const spans: { start: number; end: number }[] = []
    const build = () =>
      withSiteBuildLock(
        payload,
        async () => {
          const start = Date.now()
          await new Promise((resolve) => setTimeout(resolve, 300))
          spans.push({ start, end: Date.now() })
        },
        50,
      )
    await Promise.all([build(), build(), build()])
    spans.sort((a, b) => a.start - b.start)
    expect(spans).toHaveLength(3)
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end)
  })

  it('is free again after a build that threw', async () => {
    await expect(withSiteBuildLock(payload, async () => Promise.reject(new Error('build broke')))).rejects.toThrow(
      'build broke',
    )
    expect(await withSiteBuildLock(payload, async () => 'next build ran', 50)).toBe('next build ran')
  })
})
