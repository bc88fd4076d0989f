import { statfs } from 'node:fs/promises'
import type { Payload } from 'payload'
import { migrations } from '../migrations/index.ts'
import { postgres } from '../db/postgres.ts'

export type Check = { ok: boolean } & Record<string, unknown>

/** A due job waiting longer than this means no runner works the queue. */
export const MAX_QUEUE_LAG_S = 10 * 60
/** A job "processing" this long belongs to a runner that died. */
export const STUCK_AFTER_S = 30 * 60
/** Below this much free space a data folder counts as full. */
export const MIN_FREE_BYTES = 1024 ** 3

const seconds = (from: string | Date, now: Date) =>
  Math.max(0, Math.round((now.getTime() - new Date(from).getTime()) / 1000))

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ])
}

export async function database(payload: Payload): Promise<Check> {
  const started = performance.now()
  try {
    const db = postgres(payload)
    await within(2_000, db.execute({ drizzle: db.drizzle, raw: 'SELECT 1' }))
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }
  } catch {
    // The driver's message can carry the connection string; the probe is public.
    return { ok: false, error: 'unreachable' }
  }
}

export async function migrationState(payload: Payload): Promise<Check> {
  const applied = await payload.find({
    collection: 'payload-migrations',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const names = new Set(applied.docs.map((doc) => doc.name))
  const pending = migrations.map((m) => m.name).filter((name) => !names.has(name))
  return { ok: pending.length === 0, latest: migrations.at(-1)?.name, pending }
}

export async function jobQueue(payload: Payload, now: Date): Promise<Check> {
  const [due, stuck] = await Promise.all([
    payload.find({
      collection: 'payload-jobs',
      where: {
        and: [
          { completedAt: { exists: false } },
          { hasError: { not_equals: true } },
          { processing: { not_equals: true } },
          { or: [{ waitUntil: { exists: false } }, { waitUntil: { less_than_equal: now.toISOString() } }] },
        ],
      },
      sort: 'createdAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    }),
    payload.count({
      collection: 'payload-jobs',
      where: {
        and: [
          { processing: { equals: true } },
          { updatedAt: { less_than: new Date(now.getTime() - STUCK_AFTER_S * 1000).toISOString() } },
        ],
      },
      overrideAccess: true,
    }),
  ])
  const oldest = due.docs[0]
  const lagSeconds = oldest ? seconds(oldest.waitUntil ?? oldest.createdAt, now) : 0
  return { ok: lagSeconds <= MAX_QUEUE_LAG_S && stuck.totalDocs === 0, lagSeconds, stuckJobs: stuck.totalDocs }
}

export async function siteBuild(payload: Payload, now: Date): Promise<Check> {
  const last = await payload.find({
    collection: 'site-builds',
    where: { status: { in: ['success', 'failed'] } },
    sort: '-finishedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    select: { status: true, finishedAt: true },
  })
  const build = last.docs[0]
  // The error text is left out on purpose: it can name a draft, and this answer is public.
  if (!build) return { ok: true, lastStatus: null }
  return {
    ok: build.status === 'success',
    lastStatus: build.status,
    ageSeconds: build.finishedAt ? seconds(build.finishedAt, now) : null,
  }
}

export async function diskSpace(folders: Record<string, string>): Promise<Check> {
  const result: Record<string, { freeBytes: number; freePercent: number } | null> = {}
  let ok = true
  for (const [name, folder] of Object.entries(folders)) {
    try {
      const stats = await statfs(folder)
      const freeBytes = stats.bavail * stats.bsize
      result[name] = { freeBytes, freePercent: Math.round((stats.bavail / stats.blocks) * 1000) / 10 }
      if (freeBytes < MIN_FREE_BYTES) ok = false
    } catch {
      result[name] = null // not created yet
    }
  }
  return { ok, ...result }
}
