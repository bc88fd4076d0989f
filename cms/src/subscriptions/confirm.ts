import type { Endpoint } from 'payload'
import { SUBSCRIPTION_ENDPOINTS, SUBSCRIPTION_PAGES } from '@masterplan/shared'
import { toSitePage } from './answers.ts'
import { erasedSince } from './erasures.ts'
import { verifyToken } from './token.ts'

/**
 * GET /api/subscriptions/confirm?token=…: the link in the confirmation mail. Only now is the
 * subscription stored, with what consent has to show: address, topics, language, when it was
 * requested and confirmed, and which consent text the form showed. A second confirmation of the
 * same address takes the newer request's choices; an older link changes nothing. A link requested
 * before the address was unsubscribed or erased is spent: it leads to the invalid-link page and
 * writes nothing, however often it is opened.
 */
export const confirmEndpoint: Endpoint = {
  path: SUBSCRIPTION_ENDPOINTS.confirm.replace('/api/subscriptions', ''),
  method: 'get',
  handler: async (req) => {
    const verified = verifyToken(req.payload.secret, req.searchParams.get('token'), 'confirm')
    if (!verified.ok)
      return toSitePage(req.searchParams.get('lang') === 'en' ? 'en' : 'de', SUBSCRIPTION_PAGES.invalidLink)
    const { email, topics, language, consentVersion, requestedAt } = verified.claims
    if (await erasedSince(req, email, requestedAt)) return toSitePage(language, SUBSCRIPTION_PAGES.invalidLink)
    const data = { email, topics, language, consentVersion, requestedAt, confirmedAt: new Date().toISOString() }
    const existing = await req.payload.find({
      collection: 'subscriptions',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const known = existing.docs[0]
    if (!known) await req.payload.create({ collection: 'subscriptions', data, depth: 0, req, overrideAccess: true })
    else if (Date.parse(known.requestedAt) < Date.parse(requestedAt)) {
      await req.payload.update({ collection: 'subscriptions', id: known.id, data, depth: 0, req, overrideAccess: true })
    }
    return toSitePage(language, SUBSCRIPTION_PAGES.confirmed)
  },
}
