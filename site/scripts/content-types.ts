import { lookup } from 'mrmime'

/** Pagefind's own formats (index chunks, the gzipped WebAssembly): its script fetches them as bytes. */
const PAGEFIND = /\.(pagefind|pf_meta|pf_index|pf_fragment)$/

/** The Content-Type a file of the built site is served with; text always declares UTF-8. */
export function contentTypeFor(urlPath: string): string {
  if (PAGEFIND.test(urlPath)) return 'application/octet-stream'
  // The feeds: feed readers treat plain XML without a charset as US-ASCII (RFC 3023).
  if (/(^|\/)feed\.xml$/.test(urlPath)) return 'application/rss+xml; charset=utf-8'
  // /favicon.ico: mrmime knows no type for .ico. The name browsers and the S3 target use.
  if (/\.ico$/.test(urlPath)) return 'image/x-icon'
  const type = lookup(urlPath)
  if (!type) return 'application/octet-stream'
  return isText(type) ? `${type}; charset=utf-8` : type
}

const isText = (type: string) =>
  type.startsWith('text/') || /^application\/(json|xml|javascript|manifest\+json)$|\+xml$/.test(type)

/** Worth compressing: text formats. Images, PDFs, fonts and Pagefind's chunks are compressed already. */
export const isCompressible = (contentType: string) => isText(contentType.split(';')[0]!.trim())
