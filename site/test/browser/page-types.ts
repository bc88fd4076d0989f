import { LOCALES } from '@masterplan/shared'
import {
  localizedSitePath,
  SUBSCRIPTION_ERROR_FIELDS,
  SUBSCRIPTION_PAGES,
  subscriptionErrorPage,
} from '@masterplan/shared/subscriptions'
import type { Fixtures } from '@masterplan/cms/testing'

const inBothLanguages = (germanUrlPaths: string[]) =>
  LOCALES.flatMap((locale) => germanUrlPaths.map((urlPath) => localizedSitePath(locale, urlPath)))

/** The address that answers 404: the only page type without a 200. */
export const NOT_FOUND = '/gibt-es-nicht/'

/** One page of every type, in German and (where it exists) English; shared by the browser tests. */
export const pageTypes = (fixtures: Fixtures): Record<string, string[]> => ({
  start: ['/', '/en/'],
  archive: ['/aktuelles/', '/en/aktuelles/'],
  'numbered archive': ['/aktuelles/archiv/1/', '/en/aktuelles/archiv/1/'],
  year: ['/aktuelles/jahr/2025/', '/en/aktuelles/jahr/2025/'],
  release: [`/aktuelles/${fixtures.withImage.slug}/`, `/en/aktuelles/${fixtures.withImage.slug}/`],
  timeline: ['/zeitplan/', '/en/zeitplan/'],
  partners: ['/partner/', '/en/partner/'],
  partner: ['/partner/smil/', '/en/partner/smil/'],
  'standing page': ['/impressum/', '/en/barrierefreiheit/'],
  'page with a video': ['/gebaerdensprache/'],
  search: ['/suche/', '/en/suche/'],
  'press service': ['/presse/', '/en/presse/'],
  subscription: inBothLanguages([SUBSCRIPTION_PAGES.form]),
  'subscription error': inBothLanguages(SUBSCRIPTION_ERROR_FIELDS.map(subscriptionErrorPage)),
  'subscription status': inBothLanguages([
    SUBSCRIPTION_PAGES.pending,
    SUBSCRIPTION_PAGES.confirmed,
    SUBSCRIPTION_PAGES.invalidLink,
    SUBSCRIPTION_PAGES.unsubscribed,
  ]),
  notFound: [NOT_FOUND],
})
