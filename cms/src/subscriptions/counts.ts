import { type Endpoint, Forbidden, type Payload } from 'payload'
import { SUBSCRIPTION_TOPICS, type SubscriptionTopic } from '@masterplan/shared'
import { hasRole } from '../access/index.ts'

export type SubscriptionCounts = { total: number; topics: Record<SubscriptionTopic, number> }

export async function subscriptionCounts(payload: Payload): Promise<SubscriptionCounts> {
  const count = (where = {}) =>
    payload.count({ collection: 'subscriptions', where, overrideAccess: true }).then((r) => r.totalDocs)
  const perTopic = await Promise.all(SUBSCRIPTION_TOPICS.map((topic) => count({ topics: { in: [topic] } })))
  return {
    total: await count(),
    topics: Object.fromEntries(
      SUBSCRIPTION_TOPICS.map((topic, i) => [topic, perTopic[i]]),
    ) as SubscriptionCounts['topics'],
  }
}

/** GET /api/subscriptions/counts: numbers only, for all staff (the press office sees no addresses). */
export const countsEndpoint: Endpoint = {
  path: '/counts',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new Forbidden(req.t)
    return Response.json(await subscriptionCounts(req.payload))
  },
}

/**
 * GET /api/subscriptions/export?email=…: everything stored about one address, for a data subject's
 * request for access (DSGVO Art. 15). Admins only; the answer is a download, not a page.
 */
export const exportEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin')) throw new Forbidden(req.t)
    const email = req.searchParams.get('email')?.trim().toLowerCase() ?? ''
    const found = await req.payload.find({
      collection: 'subscriptions',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const subscription = found.docs[0] ?? null
    const deliveries = subscription
      ? (
          await req.payload.find({
            collection: 'alert-deliveries',
            where: { subscription: { equals: subscription.id } },
            pagination: false,
            depth: 0,
            req,
            overrideAccess: true,
          })
        ).docs
      : []
    const body = {
      exportedAt: new Date().toISOString(),
      email,
      subscription,
      deliveries: deliveries.map(({ alert, status, response, at }) => ({ alert, status, response, at })),
    }
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="abonnement-auskunft.json"',
        'Cache-Control': 'no-store',
      },
    })
  },
}
