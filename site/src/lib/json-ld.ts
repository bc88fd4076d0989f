import type { Milestone, Partner, PressRelease, SiteSettings } from '@masterplan/shared'
import { populated } from './data.ts'
import { absolute, partnerPath, releasePath } from './urls.ts'

const GOVERNMENT = new Set(['district', 'city', 'state-ministry', 'state-chancellery', 'municipality'])

export const organization = (site: SiteSettings) => ({
  '@context': 'https://schema.org',
  '@type': 'WebSite',
  name: site.siteName,
  url: absolute('/'),
})

export const partnerLd = (p: Partner) => ({
  '@context': 'https://schema.org',
  '@type': GOVERNMENT.has(p.kind) ? 'GovernmentOrganization' : 'Organization',
  name: p.name,
  ...(p.shortName ? { alternateName: p.shortName } : {}),
  url: absolute(partnerPath('de', p.slug)),
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

export const releaseLd = (r: PressRelease, locale: 'de' | 'en', image: string | null) => ({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: r.title,
  ...(r.subtitle ? { alternativeHeadline: r.subtitle } : {}),
  description: r.lead,
  datePublished: r.releaseDate,
  dateModified: r.updatedAt,
  inLanguage: locale,
  url: absolute(releasePath(locale, r.slug)),
  ...(image ? { image: [absolute(image)] } : {}),
  publisher: r.issuers
    .map(populated)
    .filter((p): p is Partner => p !== null)
    .map(partnerLd),
})

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
