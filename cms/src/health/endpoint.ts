import type { Endpoint } from 'payload'
import { readEnv } from '../lib/env.ts'
import { dataDir } from '../lib/paths.ts'
import { type Check, database, diskSpace, jobQueue, migrationState, siteBuild } from './checks.ts'

/**
 * GET /api/health for monitoring: database, migrations, job queue lag, the last site build and free
 * disk, as JSON; 200 when all is well, 503 otherwise. `?scope=instance` leaves out what concerns
 * the whole service (queue, site build), for a load balancer deciding about this one instance.
 * Public and cheap (a handful of indexed queries), so it holds nothing secret.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const { payload } = req
    const env = readEnv()
    const now = new Date()
    const instanceOnly = req.searchParams.get('scope') === 'instance'
    const checks: Record<string, Check> = { database: await database(payload) }
    if (checks.database.ok) {
      checks.migrations = await migrationState(payload)
      if (!instanceOnly) {
        checks.jobs = await jobQueue(payload, now)
        checks.siteBuild = await siteBuild(payload, now)
      }
    }
    checks.disk = await diskSpace({
      data: dataDir,
      media: env.MEDIA_DIR,
      ...(env.SITE_BUILD_TARGET === 'local' ? { site: env.SITE_TARGET_DIR } : {}),
    })
    const ok = Object.values(checks).every((check) => check.ok)
    return Response.json(
      { status: ok ? 'ok' : 'failing', checkedAt: now.toISOString(), checks },
      { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
    )
  },
}
