import type { Payload } from 'payload'
import { until } from './wait.ts'

/** Waits until no site build is queued or running, e.g. before counting the builds a change makes. */
export const untilNoBuildPending = (payload: Payload, what: string, timeoutMs: number) =>
  until(
    what,
    async () =>
      (
        await payload.count({
          collection: 'site-builds',
          where: { status: { in: ['queued', 'running'] } },
          overrideAccess: true,
        })
      ).totalDocs === 0,
    timeoutMs,
  )
