/**
 * The e-mail subscription contract between the site's plain HTML form and the CMS's endpoints:
 * field names, accepted values and the static pages the CMS redirects a reader to.
 */
import type { Locale } from './constants.ts'

export const SUBSCRIPTION_TOPICS = ['press-releases', 'milestones'] as const
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number]

/**
 * The version of the consent text the form shows. Stored with every confirmed subscription as proof
 * of what the reader agreed to: change the text on the form, change this date.
 */
export const CONSENT_VERSION = '2026-11-25'
export const CONSENT_VERSIONS = [CONSENT_VERSION] as const

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
export const EMAIL_MAX_LENGTH = 254

/** Form field names (`application/x-www-form-urlencoded`). `website` is a honeypot that people leave empty. */
export const SUBSCRIPTION_FIELDS = {
  email: 'email',
  topics: 'topics',
  language: 'language',
  consent: 'consent',
  honeypot: 'website',
} as const

/** Fields a reader can get wrong; each has a static page with the form again and the field marked. */
export const SUBSCRIPTION_ERROR_FIELDS = ['email', 'topics'] as const
export type SubscriptionErrorField = (typeof SUBSCRIPTION_ERROR_FIELDS)[number]

/** Static pages of the site the CMS's answers lead to (paths of the German site; English adds /en). */
export const SUBSCRIPTION_PAGES = {
  form: '/abonnieren/',
  /** "Bitte bestätigen Sie …": the same page whether or not the address was known. */
  pending: '/abonnieren/bestaetigen/',
  confirmed: '/abonnieren/bestaetigt/',
  invalidLink: '/abonnieren/link-ungueltig/',
  unsubscribed: '/abonnieren/abgemeldet/',
} as const

export const subscriptionErrorPage = (field: SubscriptionErrorField) => `/abonnieren/fehler/${field}/`

/** A site path in the reader's language. */
export const localizedSitePath = (locale: Locale, path: string) => (locale === 'en' ? `/en${path}` : path)

/** The CMS endpoints (below the CMS's origin). */
export const SUBSCRIPTION_ENDPOINTS = {
  request: '/api/subscriptions/request',
  confirm: '/api/subscriptions/confirm',
  unsubscribe: '/api/subscriptions/unsubscribe',
} as const
