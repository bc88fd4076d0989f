import type { Endpoint, PayloadRequest } from 'payload'
import { type Locale, SUBSCRIPTION_ENDPOINTS, SUBSCRIPTION_PAGES } from '@masterplan/shared'
import { readEnv } from '../lib/env.ts'
import { cmsPage, escapeText, toSitePage } from './answers.ts'
import { sealToken, verifyToken } from './token.ts'
import { takes } from '../badInput/declaredBodies.ts'

const path = SUBSCRIPTION_ENDPOINTS.unsubscribe.replace('/api/subscriptions', '')

/** The link every alert carries, in its text and in its List-Unsubscribe header. */
export function unsubscribeUrl(secret: string, subscription: { id: number; email: string; language: Locale }): string {
  const token = sealToken(secret, {
    purpose: 'unsubscribe',
    id: subscription.id,
    email: subscription.email,
    language: subscription.language,
  })
  return `${readEnv().SERVER_URL}${SUBSCRIPTION_ENDPOINTS.unsubscribe}?token=${token}`
}

/** Deletes the subscription the token names, if it is still there (a second click is no error). */
async function unsubscribe(req: PayloadRequest, id: number, email: string): Promise<void> {
  await req.payload.delete({
    collection: 'subscriptions',
    where: { and: [{ id: { equals: id } }, { email: { equals: email } }] },
    depth: 0,
    req,
    overrideAccess: true,
  })
}

const words = {
  de: {
    title: 'Abonnement beenden',
    text: 'Möchten Sie keine E-Mails mehr erhalten? Ihre Adresse wird dann gelöscht.',
    button: 'Abmelden',
  },
  en: {
    title: 'End subscription',
    text: 'Stop receiving e-mails? Your address will then be deleted.',
    button: 'Unsubscribe',
  },
} as const

/**
 * GET shows a button, POST unsubscribes: mail scanners open every link in a mail, and a GET that
 * unsubscribed would end subscriptions nobody ended. Mail clients use the RFC 8058 one-click POST
 * (`List-Unsubscribe=One-Click`), without cookies or login; it is answered 200, the form with a 303.
 */
export const unsubscribeEndpoints: Endpoint[] = [
  {
    path,
    method: 'get',
    handler: async (req) => {
      const token = req.searchParams.get('token')
      const verified = verifyToken(req.payload.secret, token, 'unsubscribe')
      if (!verified.ok) return toSitePage('de', SUBSCRIPTION_PAGES.invalidLink)
      const w = words[verified.claims.language]
      const action = `${SUBSCRIPTION_ENDPOINTS.unsubscribe}?token=${encodeURIComponent(token!)}`
      return cmsPage(
        verified.claims.language,
        w.title,
        `<p>${escapeText(w.text)}</p>\n<form method="post" action="${escapeText(action)}"><button type="submit">${w.button}</button></form>`,
      )
    },
  },
  {
    path,
    method: 'post',
    ...takes('form'),
    handler: async (req) => {
      const body = await (req as unknown as Request).text().catch(() => '')
      const oneClick = new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click'
      const verified = verifyToken(req.payload.secret, req.searchParams.get('token'), 'unsubscribe')
      if (!verified.ok) {
        return oneClick
          ? Response.json({ errors: [{ message: 'Ungültiger Link / invalid link' }] }, { status: 400 })
          : toSitePage('de', SUBSCRIPTION_PAGES.invalidLink)
      }
      await unsubscribe(req, verified.claims.id, verified.claims.email)
      if (oneClick)
        return new Response('Abgemeldet / unsubscribed\n', {
          status: 200,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        })
      return toSitePage(verified.claims.language, SUBSCRIPTION_PAGES.unsubscribed)
    },
  },
]
