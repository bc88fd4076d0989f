import { milestone, page, partner, pressRelease } from '@masterplan/shared'

/** What the site reads of each CMS collection; shared by the content loaders and the benchmark dump. */
export const collectionSpecs = {
  pressReleases: { collection: 'press-releases', schema: pressRelease, depth: 1, titleField: 'title', localized: ['title', 'subtitle', 'lead', 'body', 'background'] },
  milestones: { collection: 'milestones', schema: milestone, depth: 1, titleField: 'title', localized: ['title', 'phase', 'description'] },
  partners: { collection: 'partners', schema: partner, depth: 1, titleField: 'name', localized: ['name', 'description'] },
  pages: { collection: 'pages', schema: page, depth: 1, titleField: 'title', localized: ['title', 'summary', 'content'] },
} as const

/** The three reads per collection: German, English with fallback, and what was written in English. */
export const readsOf = (spec: { depth: number; localized: readonly string[] }) =>
  [
    { locale: 'de', depth: spec.depth, sort: 'id' },
    { locale: 'en', fallbackLocale: 'de', depth: spec.depth, sort: 'id' },
    { locale: 'en', fallbackLocale: 'none', depth: 0, sort: 'id', select: [...spec.localized] },
  ] as const
