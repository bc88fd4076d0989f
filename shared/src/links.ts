/**
 * Which link targets the public site emits. The rich-text renderer and the CMS's URL fields both
 * ask here, so the CMS refuses exactly the targets the site would not link.
 */

/** Schemes of absolute links; anything else (javascript:, data:, ftp:, …) never becomes a link. */
export const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:'] as const
export const WEB_PROTOCOLS = ['http:', 'https:'] as const

/** For editors, in both admin languages: what a link target may look like. */
export const LINK_TARGET_HINT = {
  de: 'erlaubt sind http(s)://…, mailto:…, tel:…, Pfade der Website ab „/“ und Sprungmarken ab „#“',
  en: 'allowed are http(s)://…, mailto:…, tel:…, site paths starting with "/" and anchors starting with "#"',
} as const

export type SafeHref = { href: string; external: boolean }

// Used only to resolve site paths; it is never emitted.
const PLACEHOLDER_ORIGIN = 'https://placeholder.invalid'

/**
 * A normalised href for allowed targets, null for everything else.
 * Letting the URL parser decide the scheme (rather than matching strings) is what defeats mixed
 * case, leading junk and split schemes like 'java\tscript:'.
 */
export function safeHref(raw: unknown): SafeHref | null {
  if (typeof raw !== 'string') return null
  const url = raw.trim()
  // Browsers silently drop tabs and newlines inside URLs, a classic way to hide a scheme; no
  // legitimate link needs control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (url === '' || /[\u0000-\u001f\u007f]/.test(url)) return null

  if (url.startsWith('#')) return { href: url, external: false }

  if (url.startsWith('/')) {
    // '//host' and '/\host' are protocol-relative in browsers; resolving against a placeholder
    // origin and checking we stayed there catches both.
    const parsed = parseUrl(url, PLACEHOLDER_ORIGIN)
    if (parsed === null || parsed.origin !== PLACEHOLDER_ORIGIN) return null
    return { href: parsed.pathname + parsed.search + parsed.hash, external: false }
  }

  // Without a base, relative strings (including entity-encoded schemes such as 'javascript&#58;…',
  // which contain no real colon) fail to parse and are rejected.
  const parsed = parseUrl(url)
  if (parsed === null || !(LINK_PROTOCOLS as readonly string[]).includes(parsed.protocol)) return null
  return { href: parsed.href, external: (WEB_PROTOCOLS as readonly string[]).includes(parsed.protocol) }
}

/**
 * An absolute http(s) address such as a partner's website. The API contract takes these verbatim,
 * so the shorthand 'https:example.org', which browsers would repair, is refused like the contract does.
 */
export function isWebUrl(raw: unknown): boolean {
  return typeof raw === 'string' && /^https?:\/\//i.test(raw.trim()) && safeHref(raw)?.external === true
}

function parseUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base)
  } catch {
    return null
  }
}
