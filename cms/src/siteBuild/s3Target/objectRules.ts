/**
 * How each file of the built site is stored in the bucket: its Content-Type, how long browsers and
 * the CDN may keep it, and in which phase it goes up. Keys are paths inside the build, e.g.
 * `aktuelles/regionalkonvent/index.html`.
 */

/** Named after its content: a changed file gets a new name, so a copy may be kept for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Addressed by a fixed URL: after a publish, readers see the change within a minute. */
export const SHORT = 'public, max-age=60, must-revalidate'

/**
 * Upload order, so that no reader gets a file that names one not uploaded yet: pages load the
 * scripts and the search entry by fixed name, and those load the hashed chunks and images.
 */
export const PHASES = ['asset', 'loader', 'page'] as const
export type Phase = (typeof PHASES)[number]

type Rule = { match: RegExp; cacheControl: string; phase: Phase }

/** First match wins. The names are what `astro build` and `pagefind` write (site/scripts/publish.ts). */
const RULES: Rule[] = [
  // Astro's bundles and optimised images, e.g. _astro/werkstatt_Z1ckkdc.avif.
  { match: /^_astro\//, cacheControl: IMMUTABLE, phase: 'asset' },
  // Pagefind's index chunks carry a hash: pagefind.de_449e91b6cd.pf_meta, index/de_72b4df5.pf_index, fragment/…
  { match: /^pagefind\/(index\/|fragment\/|.*\.pf_meta$)/, cacheControl: IMMUTABLE, phase: 'asset' },
  // Pagefind's WebAssembly keeps its name across versions; it must be there before the pagefind.js that loads it.
  { match: /^pagefind\/wasm\.[^/]*\.pagefind$/, cacheControl: SHORT, phase: 'asset' },
  // Attachments and social cards keep the name they were uploaded with, also when an editor replaces the file.
  { match: /^medien\//, cacheControl: SHORT, phase: 'asset' },
  // Scripts, styles and pagefind-entry.json, loaded by fixed name from the pages.
  { match: /\.(m?js|css|json)$/, cacheControl: SHORT, phase: 'loader' },
  // Pages, feed, sitemap, robots.txt, calendar, and whatever else a later build adds.
  { match: /^/, cacheControl: SHORT, phase: 'page' },
]

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  // Pagefind's own formats: its script fetches them as bytes.
  pf_meta: 'application/octet-stream',
  pf_index: 'application/octet-stream',
  pf_fragment: 'application/octet-stream',
  pagefind: 'application/octet-stream',
}

export type ObjectRule = { contentType: string; cacheControl: string; phase: Phase }

/** The feeds: readers take XML without a charset for US-ASCII (RFC 3023), so they are named RSS with UTF-8. */
const FEED = /(^|\/)feed\.xml$/

export function ruleFor(key: string): ObjectRule {
  const extension = /\.([^./]+)$/.exec(key)?.[1]?.toLowerCase() ?? ''
  const { cacheControl, phase } = RULES.find((rule) => rule.match.test(key))!
  const contentType = FEED.test(key)
    ? 'application/rss+xml; charset=utf-8'
    : (CONTENT_TYPES[extension] ?? 'application/octet-stream')
  return { contentType, cacheControl, phase }
}
