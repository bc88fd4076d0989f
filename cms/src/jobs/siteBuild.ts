import type { TaskConfig } from 'payload'
import { runTarget } from '../publishing/targets.ts'

type SiteBuildTask = { input: { buildId: number }; output: { pages: number } }

/**
 * Runs one site build and records it. Records are written outside the job's transaction so
 * editors see "läuft" while it runs. A failure is recorded and rethrown, so the queue retries it.
 */
export const siteBuildTask: TaskConfig<SiteBuildTask> = {
  slug: 'siteBuild',
  label: 'Website-Build',
  inputSchema: [{ name: 'buildId', type: 'number', required: true }],
  outputSchema: [{ name: 'pages', type: 'number' }],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } },
  handler: async ({ input, req: { payload } }) => {
    const build = await payload.findByID({ collection: 'site-builds', id: input.buildId, depth: 0, overrideAccess: true })
    const started = Date.now()
    const record = (data: Record<string, unknown>) =>
      payload.update({ collection: 'site-builds', id: input.buildId, data, depth: 0, overrideAccess: true })
    await record({ status: 'running', startedAt: new Date(started).toISOString(), attempts: (build.attempts ?? 0) + 1, error: null })
    try {
      const result = await runTarget(build.summary ?? 'site build')
      await record({ status: 'success', finishedAt: new Date().toISOString(), pages: result.pages, durationMs: Date.now() - started })
      return { output: { pages: result.pages ?? 0 } }
    } catch (error) {
      const message = (error as Error).message
      await record({ status: 'failed', finishedAt: new Date().toISOString(), durationMs: Date.now() - started, error: message })
      payload.logger.error(`site build ${input.buildId} failed: ${message}`)
      throw error
    }
  },
}
