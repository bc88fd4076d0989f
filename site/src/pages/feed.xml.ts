import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'
import { releases, settings } from '../lib/data.ts'
import { absolute, releasePath } from '../lib/urls.ts'

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The 50 newest press releases (German). Served as RSS with UTF-8 declared (scripts/serve.ts, and the
 * S3 target's metadata): feed readers take plain XML without a charset for US-ASCII (RFC 3023).
 */
export const GET: APIRoute = async () => {
  const site = await settings('de')
  const items = (await releases('de')).slice(0, 50)
  // The channel changed when its newest listed change did: the same releases give the same bytes,
  // so an unchanged feed keeps its ETag across builds.
  const changed = items
    .map(({ doc }) => doc.updatedAt)
    .sort()
    .at(-1)
  const feed = await rss({
    title: `${site.siteName} – Medieninformationen`,
    description: 'Medieninformationen zum Masterplan Südwestsachsen',
    site: absolute('/'),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      '<language>de-de</language>',
      `<atom:link href="${xml(absolute('/feed.xml'))}" rel="self" type="application/rss+xml"/>`,
      changed ? `<lastBuildDate>${new Date(changed).toUTCString()}</lastBuildDate>` : '',
    ].join(''),
    items: items.map(({ doc }) => ({
      title: doc.title,
      description: doc.lead,
      pubDate: new Date(doc.releaseDate),
      link: absolute(releasePath('de', doc.slug)),
    })),
  })
  return new Response(feed.body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } })
}
