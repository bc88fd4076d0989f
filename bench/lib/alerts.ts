import { readdirSync, readFileSync } from 'node:fs'
import type pg from 'pg'
import type { MailSink, Payload } from '@masterplan/cms/testing'

/**
 * Resident memory of a process and all its descendants, in MB (from /proc). `VmHWM` sums each
 * process's own peak instead: an upper bound of the tree's peak that no sampling interval can miss.
 */
export function treeRssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const rss = (id: number) => {
    try {
      const line = readFileSync(`/proc/${id}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${field}:`))
      return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0
    } catch {
      return 0
    }
  }
  const children = (id: number): number[] => {
    try {
      return readdirSync(`/proc/${id}/task`).flatMap((task) =>
        readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
      )
    } catch {
      return []
    }
  }
  const walk = (id: number): number => rss(id) + children(id).reduce((sum, child) => sum + walk(child), 0)
  return Math.round(walk(pid))
}

export type AlertFigures = {
  subscribers: number
  liveToLastMailS: number
  sendingS: number
  mailsPerSecond: number
  peakCmsRssMb: number
}

/**
 * One release alert to `subscribers` addresses through the local SMTP sink: subscribers go straight
 * into the table, the release is published through the Local API, and the clock runs from the
 * moment its build made it live (the alert's liveAt) to the sink accepting the last mail.
 */
export async function alertRun(opts: {
  db: pg.Client
  payload: Payload
  sink: MailSink
  subscribers: number
  cmsPid: number
  publish: () => Promise<number>
}): Promise<AlertFigures> {
  const { db, payload, sink, subscribers, cmsPid } = opts
  await db.query(
    `WITH added AS (
       INSERT INTO subscriptions (email, language, requested_at, confirmed_at, consent_version)
       SELECT 'leser-' || i || '@beispiel.example', CASE WHEN i % 5 = 0 THEN 'en' ELSE 'de' END::subscription_language, now(), now(), '2026-11-25'
       FROM generate_series(1, $1::int) AS i RETURNING id)
     INSERT INTO subscriptions_topics ("order", parent_id, value) SELECT 1, id, 'press-releases' FROM added`,
    [subscribers],
  )
  const times: number[] = []
  const before = sink.count()
  let peak = treeRssMb(cmsPid)
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb(cmsPid))), 200)
  const started = Date.now()
  try {
    const release = await opts.publish()
    for (;;) {
      const count = sink.count() - before
      if (count > times.length) times.push(...Array.from({ length: count - times.length }, () => Date.now()))
      if (count >= subscribers) break
      if (Date.now() - started > 15 * 60_000) throw new Error(`only ${count} of ${subscribers} alert mails arrived`)
      await new Promise((r) => setTimeout(r, 20))
    }
    const alert = (
      await payload.find({ collection: 'alerts', where: { pressRelease: { equals: release } }, overrideAccess: true })
    ).docs[0]!
    const last = times.at(-1)!
    return {
      subscribers,
      liveToLastMailS: (last - Date.parse(alert.liveAt!)) / 1000,
      sendingS: (last - times[0]!) / 1000,
      mailsPerSecond: Math.round(subscribers / ((last - times[0]!) / 1000)),
      peakCmsRssMb: peak,
    }
  } finally {
    clearInterval(sampler)
  }
}
