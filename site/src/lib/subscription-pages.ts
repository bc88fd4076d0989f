import { LOCALES } from '@masterplan/shared/constants'
import {
  localizedSitePath,
  SUBSCRIPTION_ERROR_FIELDS,
  SUBSCRIPTION_PAGES,
  subscriptionErrorPage,
} from '@masterplan/shared/subscriptions'

/** The pages the CMS's answers lead to; every one but the form itself. */
export const SUBSCRIPTION_STATUSES = [
  'pending',
  'confirmed',
  'invalidLink',
  'unsubscribed',
] as const satisfies ReadonlyArray<keyof typeof SUBSCRIPTION_PAGES>
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/** The route parameter of a status page: `bestaetigen` for /abonnieren/bestaetigen/. */
export const statusSegment = (status: SubscriptionStatus) =>
  SUBSCRIPTION_PAGES[status].slice(SUBSCRIPTION_PAGES.form.length, -1)

const unlisted = new Set(
  LOCALES.flatMap((locale) =>
    [
      ...SUBSCRIPTION_STATUSES.map((status) => SUBSCRIPTION_PAGES[status]),
      ...SUBSCRIPTION_ERROR_FIELDS.map(subscriptionErrorPage),
    ].map((germanUrlPath) => localizedSitePath(locale, germanUrlPath)),
  ),
)

/**
 * Pages a reader only reaches through the CMS's answer to the form. Out of context they say nothing,
 * so search engines (noindex), the sitemap and the site search leave them out.
 */
export const isUnlisted = (urlPath: string) => unlisted.has(urlPath)
