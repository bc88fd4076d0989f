import { defineCollection } from 'astro:content'
import { milestone, page, partner, pressRelease, siteSettings } from '@masterplan/shared'
import { z } from 'zod'
import { cms } from './lib/cms.ts'
import { cmsLoader } from './lib/cms-loader.ts'

const pressReleases = defineCollection({
  loader: cmsLoader({
    collection: 'press-releases',
    schema: pressRelease,
    depth: 1,
    titleField: 'title',
    localized: ['title', 'subtitle', 'lead', 'body', 'background'],
  }),
})

const milestones = defineCollection({
  loader: cmsLoader({
    collection: 'milestones',
    schema: milestone,
    depth: 1,
    titleField: 'title',
    localized: ['title', 'phase', 'description'],
  }),
})

const partners = defineCollection({
  loader: cmsLoader({ collection: 'partners', schema: partner, depth: 1, titleField: 'name', localized: ['name', 'description'] }),
})

const pages = defineCollection({
  loader: cmsLoader({ collection: 'pages', schema: page, depth: 1, titleField: 'title', localized: ['title', 'summary', 'content'] }),
})

/** The site settings in both locales, as a collection of two entries. */
const settings = defineCollection({
  loader: {
    name: 'cms-site-settings',
    load: async ({ store, parseData }) => {
      for (const locale of ['de', 'en'] as const) {
        const data = await cms.global('site-settings', siteSettings, { locale, depth: 0 })
        store.set({ id: locale, data: await parseData({ id: locale, data }) })
      }
    },
  },
  schema: siteSettings.extend({ updatedAt: z.string().optional() }).loose(),
})

export const collections = { pressReleases, milestones, partners, pages, settings }
