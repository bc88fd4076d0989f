import type { Bench } from './context.ts'

/** One page of each type that page weight and Lighthouse measure, by type. */
export function measuredPages(bench: Bench): Record<string, string> {
  return {
    start: '/',
    list: '/aktuelles/',
    // The fixture release with an image, a quote and an attachment: the heaviest kind of release page.
    release: `/aktuelles/${bench.cms.fixtures.withImage.slug}/`,
    timeline: '/zeitplan/',
    partner: '/partner/smil/',
    search: '/suche/',
  }
}
