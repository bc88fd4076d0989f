import { berlinDay, TIME_ZONE } from '@masterplan/shared'
import { createLocalReq, type Payload } from 'payload'
import { queueSiteBuild } from './queueSiteBuild.ts'

const berlinHour = (date: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(date))

/**
 * Shortly after midnight in Berlin the static site is rebuilt, so "today" and the milestone states
 * follow the date. Checked every minute; a build record of the night keeps it to one build even
 * with several CMS instances or a restart.
 */
export function startNightlyBuilds(payload: Payload): void {
  const tick = async () => {
    const now = new Date()
    if (berlinHour(now) !== 0 || now.getMinutes() < 5) return
    const today = berlinDay(now)
    const done = await payload.count({ collection: 'site-builds', where: { summary: { like: `Nachtbuild: ${today}` } }, overrideAccess: true })
    if (done.totalDocs) return
    const req = await createLocalReq({}, payload)
    await queueSiteBuild(req, { collection: 'site', change: 'Nachtbuild', title: today })
  }
  setInterval(() => tick().catch((error) => payload.logger.error(`nightly build: ${(error as Error).message}`)), 60_000).unref()
}
