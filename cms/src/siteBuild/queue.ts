import type { BuildMode } from '@masterplan/shared'
import type { PayloadRequest } from 'payload'
import { readEnv } from '../lib/env.ts'

export type Trigger = { collection: string; documentId?: number; title?: string; change: string }

const describe = (t: Trigger) => `${t.change}: ${t.title ?? t.collection}`

/**
 * A build that changes join does what each of them needs: everything again if one asks for it, only
 * the PDFs if all of them are PDF runs, otherwise the changed pages.
 */
export const joinedMode = (a: BuildMode, b: BuildMode): BuildMode =>
  a === 'full' || b === 'full' ? 'full' : a === 'pdfs' && b === 'pdfs' ? 'pdfs' : 'incremental'

/** A waiting build is held back this long after the first change of a burst, at most. */
const MAX_WAIT_MS = 20_000

/**
 * Queues a site build in the caller's transaction: the job row commits together with the change
 * that caused it, so the build can never read the database before that change is visible.
 * A change while no build is queued or running starts its build at once: a single publish does not
 * wait for the debounce. A change while one runs queues the next build after the debounce; while a
 * build is still waiting, further changes join it and push its start back by the debounce (never
 * beyond MAX_WAIT_MS after the first), so the rest of a burst of saves becomes one build.
 */
export async function queueSiteBuild(
  req: PayloadRequest,
  trigger: Trigger,
  { at, mode = 'incremental' }: { at?: Date; mode?: BuildMode } = {},
): Promise<void> {
  const env = readEnv()
  if (env.SITE_BUILD_TARGET === 'none') return
  const { payload } = req
  const now = new Date()
  const entry = { ...trigger, at: now.toISOString() }

  if (!at) {
    const waiting = await payload.find({
      collection: 'site-builds',
      where: { status: { equals: 'queued' } },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const build = waiting.docs[0]
    if (build) {
      const triggers = [...(build.triggers ?? []), entry]
      await payload.update({
        collection: 'site-builds',
        id: build.id,
        data: {
          triggers,
          summary: `${describe(trigger)} (+${triggers.length - 1})`,
          mode: joinedMode(build.mode ?? 'incremental', mode),
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
      if (build.jobId && build.queuedAt) {
        const waitUntil = Math.min(now.getTime() + env.SITE_BUILD_DEBOUNCE_MS, Date.parse(build.queuedAt) + MAX_WAIT_MS)
        await payload.update({
          collection: 'payload-jobs',
          id: build.jobId,
          data: { waitUntil: new Date(waitUntil).toISOString() },
          req,
          overrideAccess: true,
          depth: 0,
        })
      }
      return
    }
  }

  const waitUntil = at ?? new Date(now.getTime() + ((await buildRunning(req)) ? env.SITE_BUILD_DEBOUNCE_MS : 0))
  const build = await payload.create({
    collection: 'site-builds',
    data: {
      summary: describe(trigger),
      status: at ? 'scheduled' : 'queued',
      mode,
      triggers: [entry],
      target: env.SITE_BUILD_TARGET,
      queuedAt: now.toISOString(),
      scheduledFor: at?.toISOString(),
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
  const job = await payload.jobs.queue({
    task: 'siteBuild',
    input: { buildId: build.id },
    queue: 'site',
    waitUntil,
    req,
  })
  await payload.update({
    collection: 'site-builds',
    id: build.id,
    data: { jobId: Number(job.id) },
    req,
    overrideAccess: true,
    depth: 0,
  })
}

async function buildRunning(req: PayloadRequest): Promise<boolean> {
  const { totalDocs } = await req.payload.count({
    collection: 'site-builds',
    where: { status: { equals: 'running' } },
    req,
    overrideAccess: true,
  })
  return totalDocs > 0
}
