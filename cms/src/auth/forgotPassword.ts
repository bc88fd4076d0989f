import { addDataAndFileToRequest, APIError, type Endpoint, type Payload, type PayloadRequest } from 'payload'

/** Resets waiting to be sent; beyond this (a flood of requests) further ones are dropped and logged. */
const MAX_WAITING = 100

let queue: Promise<void> = Promise.resolve()
let waiting = 0

/**
 * One reset at a time per CMS process. Payload's forgot-password holds two database connections
 * at once (its transaction and the rate reservation beside it), so a dozen running side by side
 * exhaust the pool and all of them fail; one at a time, a burst takes longer and nothing fails.
 */
function sendLater(payload: Payload, email: string, req: Partial<PayloadRequest>): void {
  if (waiting >= MAX_WAITING) {
    payload.logger.warn(`forgot-password: ${waiting} resets waiting, this one is dropped`)
    return
  }
  waiting++
  queue = queue
    .then(() => payload.forgotPassword({ collection: 'users', data: { email }, req }))
    .then(
      () => undefined,
      (err: unknown) => payload.logger.error({ err, msg: 'forgot-password: sending the reset failed' }),
    )
    .finally(() => waiting--)
}

/**
 * Replaces Payload's POST /api/users/forgot-password, which answers an unknown address at once and
 * a known one only after storing a token and sending the e-mail (15 ms against 76 ms), and so tells
 * which addresses have accounts. This one answers first and does the work afterwards, the same
 * answer in the same time for every address. The CMS runs as a long-lived Node server (`next
 * start`), where work continues after the response; a serverless host would need `after()`.
 */
export const forgotPasswordEndpoint: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const email = typeof req.data?.email === 'string' ? req.data.email.trim() : ''
    if (!email) throw new APIError('Die E-Mail-Adresse fehlt / missing email.', 400)
    // The e-mail goes out in the language of the admin that asked.
    sendLater(req.payload, email, { i18n: req.i18n })
    return Response.json({ message: req.t('general:success') }, { status: 200 })
  },
}
