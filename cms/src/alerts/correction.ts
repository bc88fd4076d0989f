import { APIError, type Endpoint, Forbidden } from 'payload'
import { hasRole } from '../access/index.ts'
import { readEnv } from '../lib/env.ts'
import { liveState } from '../publishing/liveState.ts'
import { archived } from '../archiveMode/archived.ts'
import { awaitLive } from './create.ts'
import { queueAlert } from './release.ts'
import { takes } from '../badInput/declaredBodies.ts'

/**
 * POST /api/press-releases/:id/correction-alert: the press office sends a "Korrektur" alert on
 * purpose (saving a correction sends nothing by itself). If the corrected release is already live
 * the alert goes out at once; otherwise it waits for the build that brings the correction.
 */
export const correctionAlertEndpoint: Endpoint = {
  ...takes('form'),
  path: '/:id/correction-alert',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin', 'press')) throw new Forbidden(req.t)
    const id = Number(req.routeParams?.id)
    const release = Number.isInteger(id)
      ? await req.payload.findByID({
          collection: 'press-releases',
          id,
          depth: 0,
          draft: false,
          req,
          overrideAccess: true,
          disableErrors: true,
        })
      : null
    if (!release)
      throw new APIError(`Medieninformation ${req.routeParams?.id} nicht gefunden / press release not found`, 404)
    const state = await liveState(req.payload, 'press-releases', id, readEnv().SITE_BUILD_TARGET)
    if (state.state === 'unpublished' || state.state === 'embargoed' || state.state === 'no-target') {
      throw new APIError(
        'Die Medieninformation ist nicht öffentlich; eine Korrektur-Benachrichtigung ist erst danach möglich / the release is not public',
        409,
      )
    }
    if (await archived(req.payload, { req }))
      throw new APIError(
        'Archivmodus: Die Abonnenten haben ihre letzte Nachricht erhalten, es werden keine Benachrichtigungen mehr versendet / archive mode: no more alerts are sent',
        409,
      )
    const open = await req.payload.count({
      collection: 'alerts',
      where: {
        and: [
          { pressRelease: { equals: id } },
          { kind: { equals: 'correction' } },
          { status: { in: ['waiting', 'queued', 'sending'] } },
        ],
      },
      req,
      overrideAccess: true,
    })
    if (open.totalDocs > 0)
      throw new APIError(
        'Für diese Medieninformation wird bereits eine Korrektur-Benachrichtigung versendet / a correction alert is already on its way',
        409,
      )
    const alertId = await awaitLive(req, { kind: 'correction', pressRelease: id, requestedBy: req.user!.id as number })
    // The create above ran in a transaction of its own, already committed: the job will find the row.
    const queued = state.state === 'live' && alertId !== null && (await queueAlert(req.payload, alertId))
    return Response.json({ alertId, status: queued ? 'queued' : 'waiting' }, { status: 202 })
  },
}
