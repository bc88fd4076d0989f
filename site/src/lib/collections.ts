import { milestone, page, partner, pressRelease } from '@masterplan/shared'

/** Every collection a document can show at depth 1: relationships, uploads and rich-text links. */
const ALL = ['press-releases', 'partners', 'milestones', 'pages', 'media'] as const
const others = (collection: (typeof ALL)[number]) => ALL.filter((c) => c !== collection)

/**
 * What the site reads of each CMS collection; shared by the content loaders and the benchmark dump.
 * `dependsOn`: a change there reads the whole collection again (lib/content-sync.ts).
 */
export const collectionSpecs = {
  pressReleases: {
    collection: 'press-releases',
    schema: pressRelease,
    depth: 1,
    titleField: 'title',
    localized: ['title', 'subtitle', 'lead', 'body', 'background'],
    dependsOn: others('press-releases'),
  },
  milestones: {
    collection: 'milestones',
    schema: milestone,
    depth: 1,
    titleField: 'title',
    localized: ['title', 'phase', 'description'],
    dependsOn: others('milestones'),
  },
  partners: {
    collection: 'partners',
    schema: partner,
    depth: 1,
    titleField: 'name',
    localized: ['name', 'description'],
    dependsOn: others('partners'),
  },
  pages: {
    collection: 'pages',
    schema: page,
    depth: 1,
    titleField: 'title',
    localized: ['title', 'summary', 'content'],
    dependsOn: others('pages'),
  },
} as const

/**
 * The three reads per collection: German, English with fallback, and what was written in English.
 * The last asks only for translated documents: reading every document's rich text just to find it
 * empty cost the CMS 1.7 s at 10,000 releases.
 */
export const readsOf = (spec: { depth: number; localized: readonly string[]; titleField: string }) =>
  [
    { locale: 'de', depth: spec.depth, sort: 'id' },
    { locale: 'en', fallbackLocale: 'de', depth: spec.depth, sort: 'id' },
    {
      locale: 'en',
      fallbackLocale: 'none',
      depth: 0,
      sort: 'id',
      select: [...spec.localized],
      where: { [spec.titleField]: { exists: true } },
    },
  ] as const
