import { isArchived } from '@masterplan/shared'
import type { Payload, PayloadRequest } from 'payload'

/** Whether the portal is in archive mode at `now` (site settings; shared/src/archive.ts). */
export async function archived(payload: Payload, { req, now = new Date() }: { req?: PayloadRequest; now?: Date } = {}) {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true, req })
  return isArchived(settings, now)
}
