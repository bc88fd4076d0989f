import type { PayloadRequest } from 'payload'
import { archived } from '../archiveMode/archived.ts'
import { readEnv } from '../lib/env.ts'

type NewAlert =
  | { kind: 'release' | 'correction'; pressRelease: number; requestedBy?: number | null }
  | { kind: 'milestone'; milestone: number; change: Record<string, unknown> }

/**
 * Records an alert that waits until the public site shows its document (release.ts), in the
 * transaction of the save that causes it: no alert without the change, and no change without its
 * alert. Without a site build target nothing ever goes live, so nothing is announced either; in
 * archive mode the subscribers had their last message (archiveMode/lastMessage.ts).
 */
export async function awaitLive(req: PayloadRequest, alert: NewAlert): Promise<number | null> {
  if (readEnv().SITE_BUILD_TARGET === 'none' || (await archived(req.payload, { req }))) return null
  const created = await req.payload.create({
    collection: 'alerts',
    data: { ...alert, status: 'waiting' },
    depth: 0,
    req,
    overrideAccess: true,
  })
  return created.id
}

/** A release is announced once in its life: publishing it again after a withdrawal sends nothing. */
export async function hasReleaseAlert(req: PayloadRequest, pressRelease: number): Promise<boolean> {
  const found = await req.payload.count({
    collection: 'alerts',
    where: { and: [{ pressRelease: { equals: pressRelease } }, { kind: { equals: 'release' } }] },
    req,
    overrideAccess: true,
  })
  return found.totalDocs > 0
}
