/**
 * Standing pages live at the top of the site (/<slug>/ and /en/<slug>/), next to the site's own
 * routes. A page whose slug is one of these would be built over a route or never be reachable, so
 * the CMS refuses it. site/test/reserved-slugs.test.ts checks this list against site/src/pages.
 */
export const RESERVED_PAGE_SLUGS = [
  // Routes of the site (site/src/pages and site/src/pages/[...locale]).
  'aktuelles',
  'partner',
  'suche',
  'zeitplan',
  'medien',
  'abonnieren',
  'presse',
  '404',
  // The English half of the site.
  'en',
  // The search index, a folder the build writes next to the pages.
  'pagefind',
  // Paths of the CMS (admin, REST API, preview): a page there would be confused with them, and a
  // proxy serving both under one host would hide it.
  'admin',
  'api',
  'vorschau',
] as const

export function isReservedPageSlug(slug: string): boolean {
  return (RESERVED_PAGE_SLUGS as readonly string[]).includes(slug)
}
