import type { Locale, Milestone, Partner, PressRelease, SiteSettings } from '@masterplan/shared'
import { populated } from './data.ts'
import { absolute, localePath, partnerPath, releasePath } from './urls.ts'

const GOVERNMENT = new Set(['district', 'city', 'state-ministry', 'state-chancellery', 'municipality'])

/** The website, at the home page of its language. */
export const organization = (site: SiteSettings, locale: Locale) => ({
  '@context': 'https://schema.org',
  '@type': 'WebSite',
  name: site.siteName,
  url: absolute(localePath(locale, '/')),
  inLanguage: locale,
})

/** `page`: the path of the partner's page (a release in English links the German one where no English was built). */
const organizationOf = (p: Partner, page: string) => ({
  '@type': GOVERNMENT.has(p.kind) ? 'GovernmentOrganization' : 'Organization',
  name: p.name,
  ...(p.shortName ? { alternateName: p.shortName } : {}),
  url: absolute(page),
  ...(p.website ? { sameAs: [p.website] } : {}),
  ...(p.address?.city
    ? {
        address: {
          '@type': 'PostalAddress',
          streetAddress: p.address.street,
          postalCode: p.address.postalCode,
          addressLocality: p.address.city,
          addressCountry: 'DE',
        },
      }
    : {}),
})

/** A partner as an organization, linked to its page on this site in `locale` (as the pages that name it link it). */
export const partnerLd = (p: Partner, locale: Locale) => ({
  '@context': 'https://schema.org',
  ...organizationOf(p, partnerPath(locale, p.slug)),
})

/**
 * When a release last changed in public: its release date, or the date of its latest correction. Not
 * `updatedAt`, which moves with every published save (the seed, an import, a typo fixed, a new credit): a
 * change that readers should know of is published as a correction with its date.
 */
export const lastPublicChange = (r: PressRelease) =>
  [r.releaseDate, ...(r.corrections ?? []).map((c) => c.date)].reduce((latest, date) =>
    Date.parse(date) > Date.parse(latest) ? date : latest,
  )

/**
 * A press release: written and published by its issuing bodies (the public ones; an issuer the API
 * left as a bare id is not named). `image`: the site path of its 1200×630 social card, if it has one.
 */
export const releaseLd = (
  r: PressRelease,
  locale: Locale,
  image: string | null,
  partnerPage: (p: Partner) => string = (p) => partnerPath(locale, p.slug),
) => {
  const issuers = r.issuers
    .map(populated)
    .filter((p): p is Partner => p !== null)
    .map((p) => organizationOf(p, partnerPage(p)))
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: r.title,
    ...(r.subtitle ? { alternativeHeadline: r.subtitle } : {}),
    description: r.lead,
    datePublished: r.releaseDate,
    dateModified: lastPublicChange(r),
    inLanguage: locale,
    url: absolute(releasePath(locale, r.slug)),
    ...(image ? { image: [absolute(image)] } : {}),
    author: issuers,
    publisher: issuers,
  }
}

export const milestoneLd = (m: Milestone, url: string) => ({
  '@context': 'https://schema.org',
  '@type': 'Event',
  name: m.title,
  startDate: (m.actualDate ?? m.plannedDate).slice(0, 10),
  ...(m.plannedEndDate ? { endDate: m.plannedEndDate.slice(0, 10) } : {}),
  eventStatus: m.status === 'postponed' ? 'https://schema.org/EventPostponed' : 'https://schema.org/EventScheduled',
  location: {
    '@type': 'Place',
    name: 'Südwestsachsen',
    address: { '@type': 'PostalAddress', addressRegion: 'Sachsen', addressCountry: 'DE' },
  },
  url,
})
