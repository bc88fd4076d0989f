import { germanMoment } from '@masterplan/shared'
import { type CollectionConfig, Forbidden, type JobsConfig, ValidationError } from 'payload'
import { runsJobs } from '../lib/env.ts'
import { audit } from '../publishing/audit.ts'
import { siteBuildTask } from '../siteBuild/task.ts'
import { withLease } from './leases.ts'
import { claimOnce } from './claim.ts'
import { BACKUP_QUEUE, backupTask } from '../backup/job.ts'
import { MAIL_QUEUE } from '../alerts/release.ts'
import { sendAlertTask } from '../alerts/sendAlert.ts'

type ScheduleInput = {
  type?: 'publish' | 'unpublish'
  doc?: { relationTo: string; value: string | number }
  user?: { value: number } | number
}

/**
 * Payload's admin queues a scheduled publish for anyone who can open the admin; the job would then
 * fail at its minute. Refuse it up front when the scheduling user may not publish that document.
 */
const guardSchedules: NonNullable<NonNullable<CollectionConfig['hooks']>['beforeChange']>[number] = async ({
  data,
  operation,
  req,
}) => {
  if (operation !== 'create' || data.taskSlug !== 'schedulePublish') return data
  const input = (data.input ?? {}) as ScheduleInput
  if (!input.doc) return data
  const userId = typeof input.user === 'object' ? input.user?.value : input.user
  const user = userId
    ? await req.payload.findByID({ collection: 'users', id: userId, depth: 0, overrideAccess: true }).catch(() => null)
    : null
  const update = req.payload.collections[input.doc.relationTo as 'pages']?.config.access.update
  const allowed =
    user && update
      ? await update({ req: { ...req, user: { ...user, collection: 'users' } }, id: input.doc.value } as never)
      : false
  if (!allowed) throw new Forbidden(req.t)
  return data
}

/** How far in the past a scheduled moment may lie: the minute being picked while it passes. */
const SCHEDULE_GRACE_MS = 60_000

/**
 * A publish or unpublish scheduled for a moment that has passed would run at the next minute
 * while the admin says "geplant": refused, naming the moment.
 */
const refusePastSchedules: NonNullable<NonNullable<CollectionConfig['hooks']>['beforeChange']>[number] = ({
  data,
  operation,
}) => {
  if (operation !== 'create' || data.taskSlug !== 'schedulePublish' || !data.waitUntil) return data
  const at = new Date(data.waitUntil as string)
  if (at.getTime() < Date.now() - SCHEDULE_GRACE_MS) {
    const message = `Der Zeitpunkt ${germanMoment(at)} liegt in der Vergangenheit. Bitte wählen Sie einen späteren Zeitpunkt. / The moment ${germanMoment(at)} has passed; please choose a later one.`
    throw new ValidationError({ collection: 'payload-jobs', errors: [{ path: 'waitUntil', message }] })
  }
  return data
}

/**
 * Payload's runner appends to a job's log with `{ $push: entry }`, which only its database shortcut
 * understands. With runHooks its updates go through the Local API, whose validation refuses that:
 * every task then failed to record its end — a success ended as an error, and a failure left its
 * job "processing" for good, never retried. Spelled out as the whole array, it validates.
 */
const spellOutLogPush: NonNullable<NonNullable<CollectionConfig['hooks']>['beforeValidate']>[number] = ({
  data,
  originalDoc,
}) => {
  const log = data?.log as { $push?: unknown } | undefined
  if (!log || Array.isArray(log) || typeof log !== 'object' || !('$push' in log)) return data
  const pushed = Array.isArray(log.$push) ? log.$push : [log.$push]
  return { ...data, log: [...((originalDoc?.log as unknown[] | undefined) ?? []), ...pushed] }
}

/** One claim per job, the scheduling guard and who scheduled what, on Payload's jobs collection. */
function guardJobs(jobs: CollectionConfig): CollectionConfig {
  return {
    ...jobs,
    hooks: {
      ...jobs.hooks,
      beforeValidate: [...(jobs.hooks?.beforeValidate ?? []), spellOutLogPush],
      beforeChange: [claimOnce, ...(jobs.hooks?.beforeChange ?? []), guardSchedules, refusePastSchedules],
      afterChange: [
        ...(jobs.hooks?.afterChange ?? []),
        async ({ doc, operation, req }) => {
          if (operation !== 'create' || doc.taskSlug !== 'schedulePublish') return doc
          const input = (doc.input ?? {}) as ScheduleInput
          if (!input.doc) return doc
          const userId = typeof input.user === 'object' ? input.user?.value : input.user
          await audit(req, {
            action: input.type === 'unpublish' ? 'schedule-unpublish' : 'schedule-publish',
            collection: input.doc.relationTo,
            documentId: Number(input.doc.value),
            userId: userId ?? null,
            scheduledFor: doc.waitUntil ?? null,
          })
          return doc
        },
      ],
    },
  }
}

/**
 * Jobs live in PostgreSQL (payload-jobs), so they survive restarts; whatever came due while the CMS
 * was down runs on the first tick after start. The runners only tick inside the CMS server (see
 * instrumentation.ts), never in scripts or tests that merely load the config.
 */
export const jobs: JobsConfig = {
  // A running task keeps its job's lease fresh, so a crashed runner's job is released (leases.ts).
  tasks: [siteBuildTask, sendAlertTask, backupTask].map(withLease),
  // Without hooks on the jobs collection the scheduling guard and audit below would be skipped.
  runHooks: true,
  jobsCollectionOverrides: ({ defaultJobsCollection }) => guardJobs(defaultJobsCollection),
  autoRun: [
    // Scheduled publish and unpublish: minute resolution, as editors schedule to the minute.
    { cron: '* * * * *', queue: 'default', limit: 50 },
    // Site builds: checked every second (a due build should not wait for the next tick: that is
    // publish-to-live time), one at a time.
    { cron: '* * * * * *', queue: 'site', limit: 1 },
    // E-mail alerts: checked every five seconds, one alert at a time (its mails go out in parallel).
    { cron: '*/5 * * * * *', queue: MAIL_QUEUE, limit: 1 },
    // Backups (BACKUP_SCHEDULE=nightly): one at a time, apart from the publishing queues.
    { cron: '* * * * *', queue: BACKUP_QUEUE, limit: 1 },
  ],
  // Set by instrumentation.ts from JOBS_AUTORUN, and by the worker (scripts/worker.ts).
  shouldAutoRun: runsJobs,
}
