/**
 * The job queues in a process of their own (`pnpm worker`): scheduled publishing, site builds,
 * e-mail alerts, backups, the nightly build and the lease sweep — without a web server. CMS
 * instances then run with JOBS_AUTORUN=false. Several workers may run: each job is claimed once
 * (src/jobs/claim.ts) and one site build runs at a time (src/siteBuild/lock.ts).
 * Needs the CMS's environment (DATABASE_URL, PAYLOAD_SECRET, SERVER_URL, the site target's …).
 */
import '@masterplan/shared/no-telemetry'

if (!process.env.DATABASE_URL || !process.env.PAYLOAD_SECRET) {
  // Without them Payload would try a database on localhost:5432 and fail with a connection error.
  console.error(
    "pnpm worker: DATABASE_URL and PAYLOAD_SECRET must be set (the CMS instances' environment, see DEPLOY.md)",
  )
  process.exit(2)
}
// Lets SIGTERM wait for mails being sent to be recorded (src/lib/shutdown.ts).
process.env.NEXT_MANUAL_SIG_HANDLE ??= 'true'

const [{ getPayload }, { default: config }, { startJobRunners }, { decideRunsJobs }] = await Promise.all([
  import('payload'),
  import('../src/payload.config.ts'),
  import('../src/jobs/runners.ts'),
  import('../src/lib/env.ts'),
])
decideRunsJobs(true)
const payload = await getPayload({ config, cron: true })
startJobRunners(payload)
payload.logger.info({ event: 'worker-ready', pid: process.pid }, 'job worker ready: queues default, site, mail, backup')
