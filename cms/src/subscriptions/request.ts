import type { Endpoint } from 'payload'
import {
  SUBSCRIPTION_ENDPOINTS,
  SUBSCRIPTION_PAGES,
  type SubscriptionErrorField,
  SUBSCRIPTION_ERROR_FIELDS,
  subscriptionErrorPage,
} from '@masterplan/shared'
import { clientKey } from '../auth/clientKey.ts'
import { fieldErrors } from '../badInput/problem.ts'
import { archived } from '../archiveMode/archived.ts'
import { readEnv } from '../lib/env.ts'
import { readImprint } from '../mail/imprint.ts'
import { cmsPage, fromBrowser, toSitePage } from './answers.ts'
import { confirmationMail } from './confirmationMail.ts'
import { parseRequest, readFields } from './form.ts'
import { admitRequest } from './limits.ts'
import { CONFIRM_TTL_MS, sealToken } from './token.ts'
import { takes } from '../badInput/declaredBodies.ts'

/**
 * POST /api/subscriptions/request: the site's form. Stores nothing: the confirmation mail carries
 * the whole request in a signed link (token.ts); only its click writes the subscription. Every
 * valid request is answered the same way, known address or not, so the form tells nobody who
 * subscribes. A filled honeypot is answered like success and sends nothing.
 */
export const requestEndpoint: Endpoint = {
  ...takes('form'),
  path: SUBSCRIPTION_ENDPOINTS.request.replace('/api/subscriptions', ''),
  method: 'post',
  handler: async (req) => {
    const request = req as unknown as Request
    const browser = fromBrowser(request)
    let fields: Record<string, string[]>
    try {
      fields = await readFields(request)
    } catch {
      return Response.json(fieldErrors([{ path: 'body', message: 'ist kein gültiges JSON / is not valid JSON' }]), {
        status: 400,
      })
    }
    const parsed = parseRequest(fields)
    const language = fields.language?.[0] === 'en' ? 'en' : 'de'
    if (!parsed.ok) {
      const field = parsed.problems
        .map((p) => p.path)
        .find((path): path is SubscriptionErrorField => (SUBSCRIPTION_ERROR_FIELDS as readonly string[]).includes(path))
      if (browser && field) return toSitePage(language, subscriptionErrorPage(field))
      return Response.json(fieldErrors(parsed.problems), { status: 400 })
    }
    const { value } = parsed
    if (await archived(req.payload, { req })) {
      const closed = {
        de: 'Neue Abonnements sind nicht mehr möglich: Der Prozess ist abgeschlossen.',
        en: 'New subscriptions are no longer possible: the process has ended.',
      }
      if (browser) return cmsPage(value.language, closed[value.language], `<p>${closed[value.language]}</p>`, 410)
      return Response.json({ errors: [{ message: `${closed.de} / ${closed.en}` }] }, { status: 410 })
    }
    const pending = () =>
      browser
        ? toSitePage(value.language, SUBSCRIPTION_PAGES.pending)
        : Response.json({ message: 'Bestätigungs-E-Mail versendet / confirmation e-mail sent' }, { status: 202 })
    if (value.honeypot) return pending()

    const env = readEnv()
    const client = clientKey(req.headers, value.email, env.TRUST_PROXY)
    const admission = await admitRequest(req.payload, value.email, client.startsWith('ip:') ? client : null)
    if (!admission.admitted) {
      const retry = { 'Retry-After': String(admission.retryAfterSeconds) }
      const minutes = Math.ceil(admission.retryAfterSeconds / 60)
      if (!browser)
        return Response.json(
          {
            errors: [
              {
                message: `Zu viele Anfragen, bitte in ${minutes} Minuten erneut / too many requests, try again in ${minutes} minutes`,
              },
            ],
          },
          { status: 429, headers: retry },
        )
      const text =
        value.language === 'en'
          ? {
              title: 'Too many requests',
              body: `<p>Too many confirmation e-mails were requested for this address or from your network. Nothing was sent. Please try again in ${minutes} minutes.</p>`,
            }
          : {
              title: 'Zu viele Anfragen',
              body: `<p>Für diese Adresse oder aus Ihrem Netz wurden zu viele Bestätigungs-E-Mails angefordert. Es wurde nichts versendet. Bitte versuchen Sie es in ${minutes} Minuten erneut.</p>`,
            }
      return cmsPage(value.language, text.title, text.body, 429, retry)
    }

    const now = Date.now()
    const token = sealToken(req.payload.secret, {
      purpose: 'confirm',
      email: value.email,
      topics: value.topics,
      language: value.language,
      consentVersion: value.consentVersion,
      requestedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + CONFIRM_TTL_MS).toISOString(),
    })
    const link = `${env.SERVER_URL}${SUBSCRIPTION_ENDPOINTS.confirm}?token=${token}`
    const imprint = await readImprint(req.payload, value.language)
    try {
      await req.payload.sendEmail({
        from: imprint.from,
        to: value.email,
        replyTo: imprint.replyTo || undefined,
        ...confirmationMail(value.language, value.topics, link, imprint),
      })
    } catch (error) {
      req.payload.logger.error(
        { err: error, event: 'subscription-confirmation' },
        'the confirmation e-mail could not be sent',
      )
      const message =
        value.language === 'en'
          ? 'The e-mail could not be sent just now. Please try again later.'
          : 'Die E-Mail konnte gerade nicht versendet werden. Bitte versuchen Sie es später erneut.'
      return browser
        ? cmsPage(value.language, value.language === 'en' ? 'Not sent' : 'Nicht versendet', `<p>${message}</p>`, 503)
        : Response.json({ errors: [{ message }] }, { status: 503 })
    }
    return pending()
  },
}
