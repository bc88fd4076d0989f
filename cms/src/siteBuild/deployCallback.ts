import { createHash, timingSafeEqual } from 'node:crypto'
import { APIError, type Endpoint } from 'payload'
import { z } from 'zod'
import { announceLive } from './task.ts'
import { readEnv } from '../lib/env.ts'

const report = z.object({
  status: z.enum(['success', 'failed']),
  error: z.string().max(2000).optional(),
  pages: z.number().int().nonnegative().optional(),
})

/** Compared as hashes: equal length, constant time, whatever the caller sends. */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest())

/**
 * POST /api/site-builds/:id/deployed — the deploy-hook host's report (`Authorization: Bearer
 * <SITE_DEPLOY_CALLBACK_SECRET>`, JSON `{ "status": "success" | "failed", "error"?, "pages"? }`).
 * Until it reports success, the build is "deploying" and nothing counts as live: no alert goes out.
 */
export const deployCallbackEndpoint: Endpoint = {
  path: '/:id/deployed',
  method: 'post',
  handler: async (req) => {
    const env = readEnv()
    const secret = env.SITE_DEPLOY_CALLBACK_SECRET
    const given = req.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
    if (!secret || !sameSecret(given, secret)) throw new APIError('Ungültiges Geheimnis / invalid secret', 401)
    const parsed = report.safeParse(await (req as unknown as Request).json().catch(() => null))
    if (!parsed.success)
      throw new APIError(`status: muss "success" oder "failed" sein / must be "success" or "failed"`, 400)
    const id = Number(req.routeParams?.id)
    const build = Number.isInteger(id)
      ? await req.payload.findByID({
          collection: 'site-builds',
          id,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
        })
      : null
    if (!build) throw new APIError(`Build ${req.routeParams?.id} nicht gefunden / build not found`, 404)
    if (build.status !== 'deploying')
      throw new APIError(
        `Build ${id} wartet auf keinen Bericht (Status ${build.status}) / is not awaiting a report`,
        409,
      )
    const finishedAt = new Date()
    const durationMs = build.startedAt ? finishedAt.getTime() - Date.parse(build.startedAt) : null
    const { status, error, pages } = parsed.data
    await req.payload.update({
      collection: 'site-builds',
      id,
      data: { status, error: error ?? null, pages: pages ?? null, finishedAt: finishedAt.toISOString(), durationMs },
      depth: 0,
      overrideAccess: true,
    })
    if (status === 'success' && build.startedAt) await announceLive(req.payload, new Date(build.startedAt))
    return Response.json({ id, status })
  },
}
