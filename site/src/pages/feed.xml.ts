import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'
import { releases, settings } from '../lib/data.ts'
import { absolute, releasePath } from '../lib/urls.ts'

/** The 50 newest press releases (German). */
export const GET: APIRoute = async () => {
  const site = await settings('de')
  const items = (await releases('de')).slice(0, 50)
  return rss({
    title: `${site.siteName} – Medieninformationen`,
    description: 'Medieninformationen zum Masterplan Südwestsachsen',
    site: absolute('/'),
    customData: '<language>de-de</language>',
    items: items.map(({ doc }) => ({
      title: doc.title,
      description: doc.lead,
      pubDate: new Date(doc.releaseDate),
      link: absolute(releasePath('de', doc.slug)),
    })),
  })
}
