import type { Payload } from 'payload'

export type LiveState =
  | { state: 'unpublished'; scheduledFor?: string }
  | { state: 'embargoed'; until: string }
  | { state: 'pending'; since: string; scheduledFor?: string }
  | { state: 'live'; since: string }
  | { state: 'failed'; error: string; at: string }
  | { state: 'no-target' }

type Doc = { id: number; _status?: string; updatedAt: string; embargoUntil?: string | null }
type Job = {
  input?: { type?: string; doc?: { relationTo: string; value: string | number } }
  waitUntil?: string | null
}

/**
 * Whether a document's published state has reached the public site: compares the time of its last
 * published change with the site builds that ran since.
 */
export async function liveState(payload: Payload, collection: string, id: number, target: string): Promise<LiveState> {
  if (target === 'none') return { state: 'no-target' }
  const pending = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }] },
    limit: 100,
    depth: 0,
    overrideAccess: true,
  })
  const scheduled = (pending.docs as Job[])
    .filter(
      (job) =>
        job.input?.doc?.relationTo === collection &&
        String(job.input.doc.value) === String(id) &&
        job.input.type !== 'unpublish',
    )
    .map((job) => job.waitUntil)
    .filter((at): at is string => Boolean(at))
    .sort()[0]

  const doc = (await payload
    .findByID({ collection: collection as 'pages', id, depth: 0, overrideAccess: true, draft: false })
    .catch(() => null)) as Doc | null
  if (doc?._status !== 'published') return { state: 'unpublished', scheduledFor: scheduled }
  if (doc.embargoUntil && new Date(doc.embargoUntil) > new Date())
    return { state: 'embargoed', until: doc.embargoUntil }

  const builds = await payload.find({
    collection: 'site-builds',
    where: { finishedAt: { greater_than_equal: doc.updatedAt } },
    sort: '-finishedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const latest = builds.docs[0]
  const startedAfterChange = latest?.startedAt && latest.startedAt >= doc.updatedAt
  if (latest?.status === 'success' && startedAfterChange) return { state: 'live', since: latest.finishedAt! }
  const open = await payload.count({
    collection: 'site-builds',
    where: { status: { in: ['queued', 'running', 'deploying'] } },
    overrideAccess: true,
  })
  if (open.totalDocs > 0 || !latest) return { state: 'pending', since: doc.updatedAt, scheduledFor: scheduled }
  return { state: 'failed', error: latest.error ?? '', at: latest.finishedAt ?? '' }
}
