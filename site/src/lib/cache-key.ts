import { createHash } from 'node:crypto'
import { archived, settings } from './data.ts'

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url')

/** One entry of getStaticPaths. */
export type StaticPath<P> = { params: Record<string, string | undefined>; props: P }

/**
 * Adds the key of Astro's incremental build (experimental.incrementalBuild) to getStaticPaths
 * entries: a page is rendered again only when its params, its props, the site settings or the
 * archive state changed.
 * The site's code is covered by astro.config.mjs (its digest is part of the config hash, so any
 * change to it is a full build). A keyed page must therefore show nothing but its props, the
 * settings and constants from the code: a page that reads other data goes unkeyed.
 */
export async function withCacheKeys<P>(
  staticPaths: Array<StaticPath<P>>,
): Promise<Array<StaticPath<P> & { cacheKey: string }>> {
  // Archive mode can begin with the date alone (settings unchanged): every page shows its banner.
  const site = digest([await settings('de'), await settings('en'), await archived()])
  return staticPaths.map((staticPath) => ({
    ...staticPath,
    cacheKey: digest([site, staticPath.params, staticPath.props]),
  }))
}
