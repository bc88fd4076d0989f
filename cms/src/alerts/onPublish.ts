import type { PayloadRequest } from 'payload'
import { awaitLive, hasReleaseAlert } from './create.ts'

/** What a milestone subscriber is told about: its progress and its dates. */
const MILESTONE_FIELDS = ['status', 'plannedDate', 'plannedEndDate', 'actualDate'] as const

/**
 * Called from the publishing hook after a published save, in its transaction. A release gets its
 * alert when first published (by hand, scheduled, or with an embargo — it then waits for that
 * minute's build); later saves are corrections and send nothing unless the press office asks
 * (correction.ts). A milestone gets one when its status or a date differs from the version that
 * was public before.
 */
export async function alertOnPublish(
  req: PayloadRequest,
  collection: string,
  id: number,
  wasPublished: boolean,
): Promise<void> {
  if (collection === 'press-releases' && !wasPublished && !(await hasReleaseAlert(req, id))) {
    await awaitLive(req, { kind: 'release', pressRelease: id })
  }
  if (collection === 'milestones') {
    // The save's own version is the newest published one; the one before it is what the public saw.
    const versions = await req.payload.findVersions({
      collection: 'milestones',
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-updatedAt',
      limit: 2,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const [now, before] = versions.docs.map((doc) => doc.version as unknown as Record<string, unknown>)
    if (!now || !before) return
    const changed = MILESTONE_FIELDS.filter((field) => (now[field] ?? null) !== (before[field] ?? null))
    if (changed.length)
      await awaitLive(req, {
        kind: 'milestone',
        milestone: id,
        change: Object.fromEntries(
          changed.map((field) => [field, { from: before[field] ?? null, to: now[field] ?? null }]),
        ),
      })
  }
}
