import type { Payload, PayloadRequest, TaskConfig } from 'payload'
import { releaseAlerts } from '../alerts/release.ts'
import { readEnv } from '../lib/env.ts'
import { queuePdfBuild } from './pdfBuild.ts'
import { runTarget } from './targets.ts'
import { withSiteBuildLock } from './lock.ts'

type SiteBuildTask = { input: { buildId: number }; output: { pages: number } }

/**
 * Runs one site build and records it. Records are written outside the job's transaction so
 * editors see "läuft" while it runs. A failure is recorded and rethrown, so the queue retries it.
 * While it runs, its job holds a lease (leases.ts, applied in jobs/index.ts).
 */
export const siteBuildTask: TaskConfig<SiteBuildTask> = {
  slug: 'siteBuild',
  label: 'Website-Build',
  inputSchema: [{ name: 'buildId', type: 'number', required: true }],
  outputSchema: [{ name: 'pages', type: 'number' }],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } },
  // One build at a time across all runners (lock.ts); a waiting build stays "queued".
  handler: ({ input, req: { payload } }) => withSiteBuildLock(payload, () => runBuild(payload, input.buildId)),
}

/** Runs the target for one build record and records how it went. */
async function runBuild(payload: Payload, buildId: number): Promise<{ output: { pages: number } }> {
  const build = await payload.findByID({ collection: 'site-builds', id: buildId, depth: 0, overrideAccess: true })
  const started = Date.now()
  const record = (data: Record<string, unknown>) =>
    payload.update({ collection: 'site-builds', id: buildId, data, depth: 0, overrideAccess: true })
  await record({
    status: 'running',
    startedAt: new Date(started).toISOString(),
    attempts: (build.attempts ?? 0) + 1,
    error: null,
  })
  try {
    const result = await runTarget(build.summary ?? 'site build', buildId, build.mode ?? 'incremental')
    if (result.awaitingHost) {
      await record({ status: 'deploying', durationMs: Date.now() - started })
      return { output: { pages: 0 } }
    }
    await record({
      status: 'success',
      finishedAt: new Date().toISOString(),
      pages: result.pages,
      durationMs: Date.now() - started,
    })
    payload.logger.info(
      {
        event: 'site-build',
        buildId,
        status: 'success',
        pages: result.pages,
        upload: result.upload,
        durationMs: Date.now() - started,
      },
      'site build done',
    )
    await announceLive(payload, new Date(started))
    // Like the alerts: the build stays a success whatever happens here; the next build asks again.
    if (result.pdfsMissing && readEnv().SITE_PDFS)
      await queuePdfBuild(payload, result.pdfsMissing).catch((error: Error) =>
        payload.logger.error({ event: 'site-build', buildId }, `PDF build not queued: ${error.message}`),
      )
    return { output: { pages: result.pages ?? 0 } }
  } catch (error) {
    const message = (error as Error).message
    // With the database gone the record cannot be written either; the build's own error is the
    // one to rethrow, and the lease sweep marks the record once the database is back.
    await record({
      status: 'failed',
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      error: message,
    }).catch((recordError: Error) =>
      payload.logger.error(`site build ${buildId}: cannot record the failure: ${recordError.message}`),
    )
    payload.logger.error(
      { event: 'site-build', buildId, status: 'failed', durationMs: Date.now() - started },
      `site build ${buildId} failed: ${message}`,
    )
    throw error
  }
}

/**
 * The site shows what the build read: alerts waiting for it go out. A failure here must not turn a
 * successful build into a retried one; the alerts wait for the next build or the next start.
 */
export async function announceLive(payload: Payload, buildStartedAt: Date): Promise<void> {
  try {
    const queued = await releaseAlerts(payload, buildStartedAt)
    if (queued) payload.logger.info({ event: 'alerts-released', queued }, `${queued} e-mail alert(s) queued`)
  } catch (error) {
    payload.logger.error(
      { err: error, event: 'alerts-released' },
      'e-mail alerts could not be queued; they wait for the next build',
    )
  }
}

/**
 * A build whose runner vanished (leases.ts): its record says so, and waits again unless no retry is
 * left. In the sweep's transaction (`req`), so the record and the released job change together.
 */
export async function recordInterruptedSiteBuild(
  req: PayloadRequest,
  input: { buildId?: number },
  message: string,
  final: boolean,
): Promise<void> {
  if (!input?.buildId) return
  const build = await req.payload.findByID({
    collection: 'site-builds',
    id: input.buildId,
    depth: 0,
    req,
    overrideAccess: true,
    disableErrors: true,
  })
  // A build that finished before its job could be marked done keeps its result; the rerun records anew.
  if (!build || build.status === 'success') return
  await req.payload.update({
    collection: 'site-builds',
    id: input.buildId,
    data: final
      ? { status: 'failed', error: message, finishedAt: new Date().toISOString() }
      : { status: 'queued', error: message },
    depth: 0,
    req,
    overrideAccess: true,
  })
}
