import type { CollectionConfig, JobsConfig } from 'payload'
import { audit } from '../publishing/audit.ts'
import { siteBuildTask } from './siteBuild.ts'

type ScheduleInput = { type?: 'publish' | 'unpublish'; doc?: { relationTo: string; value: string | number }; user?: { value: number } | number }

/** Logs who scheduled a publish or unpublish, when the scheduling job is created. */
function auditSchedules(jobs: CollectionConfig): CollectionConfig {
  return {
    ...jobs,
    hooks: {
      ...jobs.hooks,
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
  tasks: [siteBuildTask],
  jobsCollectionOverrides: ({ defaultJobsCollection }) => auditSchedules(defaultJobsCollection),
  autoRun: [
    // Scheduled publish and unpublish: minute resolution, as editors schedule to the minute.
    { cron: '* * * * *', queue: 'default', limit: 50 },
    // Site builds: checked every five seconds, one at a time.
    { cron: '*/5 * * * * *', queue: 'site', limit: 1 },
  ],
  shouldAutoRun: () => process.env.CMS_RUN_JOBS === 'true',
}
