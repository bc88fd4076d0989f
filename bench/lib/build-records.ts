import type { Payload } from '@masterplan/cms/testing'

type Status = 'queued' | 'running' | 'success' | 'failed'

/** How many of the CMS's site builds are in one of `statuses`, from its own records. */
export async function buildsIn(payload: Payload, statuses: Status[]): Promise<number> {
  return (
    await payload.count({
      collection: 'site-builds',
      where: { status: { in: statuses } },
      overrideAccess: true,
    })
  ).totalDocs
}
