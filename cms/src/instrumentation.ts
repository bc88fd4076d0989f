/**
 * Runs once when the Next.js server boots: starts Payload right away, so the job runners (scheduled
 * publishing, site builds, the nightly build) tick from boot, not only after the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  process.env.CMS_RUN_JOBS ??= 'true'
  const [{ getPayload }, { default: config }, { startNightlyBuilds }, { startLeaseSweeper }] = await Promise.all([
    import('payload'),
    import('./payload.config.ts'),
    import('./publishing/nightly.ts'),
    import('./jobs/leases.ts'),
  ])
  const payload = await getPayload({ config })
  if (process.env.CMS_RUN_JOBS === 'true') {
    startNightlyBuilds(payload)
    // Releases jobs whose runner died (payload#17645); with several instances, each sweeps safely.
    startLeaseSweeper(payload)
  }
}
