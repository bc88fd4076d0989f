import type { APIRoute } from 'astro'
import { berlinDay } from '@masterplan/shared'
import { milestones, settings } from '../lib/data.ts'
import { t } from '../lib/i18n.ts'
import { calendar } from '../lib/ics.ts'
import { env } from '../lib/cms.ts'
import { absolute, milestoneAnchor } from '../lib/urls.ts'

export const GET: APIRoute = async () => {
  const site = await settings('de')
  const body = calendar(
    (await milestones('de')).map(({ doc }) => doc),
    {
      host: new URL(env.SITE_URL).host,
      name: `${site.siteName} – Zeitplan`,
      url: (m) => absolute(milestoneAnchor('de', m.slug)),
      dayOf: berlinDay,
      statusLabel: (m) => t('de').status[m.status],
    },
  )
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })
}
