import { defineCollection } from 'astro:content'
import { siteSettings } from '@masterplan/shared'
import { z } from 'zod'
import { cms } from './lib/cms.ts'
import { cmsLoader } from './lib/cms-loader.ts'
import { collectionSpecs } from './lib/collections.ts'

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

export const collections = {
  pressReleases: defineCollection({ loader: cmsLoader(collectionSpecs.pressReleases) }),
  milestones: defineCollection({ loader: cmsLoader(collectionSpecs.milestones) }),
  partners: defineCollection({ loader: cmsLoader(collectionSpecs.partners) }),
  pages: defineCollection({ loader: cmsLoader(collectionSpecs.pages) }),
  settings,
}
