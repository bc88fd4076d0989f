/**
 * Runs once when the Next.js server boots: starts Payload right away and, unless JOBS_AUTORUN is
 * false (a separate worker runs them, scripts/worker.ts), the job queues with it, so scheduled
 * publishing, site builds and alerts tick from boot, not only after the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  // Before the first request: the per-client limits need each request's socket address.
  const { recordSocketAddresses } = await import('./auth/socketAddress.ts')
  recordSocketAddresses()
  const [{ getPayload }, { default: config }, { decideRunsJobs, readEnv, runsJobs }, { startJobRunners }] =
    await Promise.all([
      import('payload'),
      import('./payload.config.ts'),
      import('./lib/env.ts'),
      import('./jobs/runners.ts'),
    ])
  decideRunsJobs(readEnv().JOBS_AUTORUN)
  const runJobs = runsJobs()
  const payload = await getPayload({ config, cron: runJobs })
  if (runJobs) startJobRunners(payload)
}
