import type { Locale } from '@masterplan/shared'
import { SUBSCRIPTION_PAGES } from '@masterplan/shared/subscriptions'
import { env } from './cms.ts'

/** `/en` for English, nothing for German: German lives at the root. */
export const prefix = (locale: Locale) => (locale === 'en' ? '/en' : '')

/**
 * A site path in a locale; `path` is the German path, starting and ending with a slash. Links that
 * leave the site (navigation may hold https:, mailto: or tel:) are returned as they are.
 */
export const localePath = (locale: Locale, path: string) =>
  path.startsWith('/') && !path.startsWith('//') ? `${prefix(locale)}${path}` : path

export const releasePath = (locale: Locale, slug: string) => localePath(locale, `/aktuelles/${slug}/`)
export const partnerPath = (locale: Locale, slug: string) => localePath(locale, `/partner/${slug}/`)
export const pagePath = (locale: Locale, slug: string) => localePath(locale, `/${slug}/`)
export const subscribePath = (locale: Locale) => localePath(locale, SUBSCRIPTION_PAGES.form)
export const milestoneAnchor = (locale: Locale, slug: string) => localePath(locale, `/zeitplan/#${slug}`)

/** Absolute URL on the public origin (canonical links, feed, sitemap, ICS). */
export const absolute = (path: string) => new URL(path, env.SITE_URL).toString()

/** The `locale` route parameter for `[...locale]` pages. */
export const localeParam = (locale: Locale) => (locale === 'en' ? 'en' : undefined)
export const localeOf = (param: string | undefined): Locale => (param === 'en' ? 'en' : 'de')
