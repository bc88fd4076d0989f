import { alertRun } from '../lib/alerts.ts'
import type { Bench } from '../lib/context.ts'
import { createRelease } from '../lib/releases.ts'
import { serveLive } from '../lib/site.ts'
import { table } from '../lib/table.ts'
import { waitWhile } from '../lib/wait.ts'

/** One release alert to many subscribers, from its page going live to the last mail the sink accepts. */
export async function alerts(bench: Bench): Promise<void> {
  const { cms, db, sink } = bench
  const subscribers = bench.quick ? 1000 : 10_000
  bench.progress(`e-mail alert to ${subscribers} subscribers`)
  const server = serveLive(bench)
  const payload = await bench.localApi()
  // Alerts of the releases published before (publish-to-live) must be done first, or they would mail
  // the subscribers inserted now and be counted as this alert's mails.
  const pending = async () =>
    (
      await payload.count({
        collection: 'alerts',
        // Not the alert of the fixtures' release under embargo until next week: it waits all run long.
        where: {
          or: [
            { status: { in: ['queued', 'sending'] } },
            {
              and: [
                { status: { equals: 'waiting' } },
                {
                  or: [
                    { 'pressRelease.embargoUntil': { exists: false } },
                    { 'pressRelease.embargoUntil': { less_than_equal: new Date().toISOString() } },
                  ],
                },
              ],
            },
          ],
        },
        overrideAccess: true,
      })
    ).totalDocs
  await waitWhile(async () => (await pending()) > 0, 300)
  try {
    const publish = async () => {
      const doc = await createRelease(payload, {
        slug: 'messung-alarm',
        title: 'Messung Benachrichtigung',
        status: 'published',
      })
      return doc.id as number
    }
    const figures = await alertRun({ db, payload, sink, subscribers, cmsPid: cms.serverPid()!, publish })
    bench.results.alerts = figures
    bench.print(
      table(
        `E-mail alert (${subscribers} subscribers, local SMTP sink)`,
        ['figure', 'value'],
        [
          ['page live → last mail accepted (s)', figures.liveToLastMailS],
          ['first → last mail (s)', figures.sendingS],
          ['mails per second', figures.mailsPerSecond],
          ['peak RSS of the CMS while sending (MB)', figures.peakCmsRssMb],
        ],
      ),
    )
  } finally {
    server.kill('SIGTERM')
  }
}
