import type { APIRoute } from 'astro'
import { berlinDay, type Locale } from '@masterplan/shared'
import { env } from '../../lib/cms.ts'
import { milestones, settings } from '../../lib/data.ts'
import { t } from '../../lib/i18n.ts'
import { calendar } from '../../lib/ics.ts'
import { bothLocales } from '../../lib/static-paths.ts'
import { absolute, milestoneAnchor } from '../../lib/urls.ts'

/** /zeitplan.ics in German, /en/zeitplan.ics in English: the milestones the timeline of that language shows. */
export const getStaticPaths = bothLocales

export const GET: APIRoute = async ({ props }) => {
  const { locale } = props as { locale: Locale }
  const site = await settings(locale)
  const s = t(locale)
  const body = calendar(
    (await milestones(locale)).map(({ doc }) => doc),
    {
      host: new URL(env.SITE_URL).host,
      name: `${site.siteName} – ${s.timeline}`,
      url: (m) => absolute(milestoneAnchor(locale, m.slug)),
      dayOf: berlinDay,
      statusLabel: (m) => s.status[m.status],
      language: locale,
    },
  )
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })
}
