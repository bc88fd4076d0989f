import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'
import type { Locale } from '@masterplan/shared'
import { releases, settings } from '../../lib/data.ts'
import { t } from '../../lib/i18n.ts'
import { bothLocales } from '../../lib/static-paths.ts'
import { absolute, localePath, releasePath } from '../../lib/urls.ts'

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** /feed.xml in German, /en/feed.xml in English. */
export const getStaticPaths = bothLocales

const channel = {
  de: { language: 'de-de', description: 'Medieninformationen zum Masterplan Südwestsachsen' },
  en: { language: 'en-gb', description: 'Press releases on the Masterplan Südwestsachsen' },
} as const

/**
 * The 50 newest press releases of a language: the German feed carries every release, the English
 * one those with an English version, as the English news pages do (a German-only release has no
 * English page to link to). Served as RSS with UTF-8 declared (scripts/content-types.ts, and the S3
 * target's metadata): feed readers take plain XML without a charset for US-ASCII (RFC 3023).
 */
export const GET: APIRoute = async ({ props }) => {
  const { locale } = props as { locale: Locale }
  const site = await settings(locale)
  const items = (await releases(locale)).slice(0, 50)
  // The channel changed when its newest listed change did: the same releases give the same bytes,
  // so an unchanged feed keeps its ETag across builds.
  const changed = items
    .map(({ doc }) => doc.updatedAt)
    .sort()
    .at(-1)
  const feed = await rss({
    title: `${site.siteName} – ${t(locale).newsTitle}`,
    description: channel[locale].description,
    site: absolute(localePath(locale, '/')),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      `<language>${channel[locale].language}</language>`,
      `<atom:link href="${xml(absolute(localePath(locale, '/feed.xml')))}" rel="self" type="application/rss+xml"/>`,
      changed ? `<lastBuildDate>${new Date(changed).toUTCString()}</lastBuildDate>` : '',
    ].join(''),
    items: items.map(({ doc }) => ({
      title: doc.title,
      description: doc.lead,
      pubDate: new Date(doc.releaseDate),
      link: absolute(releasePath(locale, doc.slug)),
    })),
  })
  return new Response(feed.body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } })
}
