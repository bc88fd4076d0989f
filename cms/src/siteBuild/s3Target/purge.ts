/** The URL path readers request for an object: a folder for its index.html, as the site links pages. */
export const urlPathOf = (key: string): string =>
  `/${key
    .replace(/(^|\/)index\.html$/, '$1')
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`

/**
 * Asks the CDN to forget its copies of the changed objects: POST `{ "paths": [...] }` to `url`.
 * Returns the paths sent; throws with the CDN's answer when it refuses.
 */
export async function purgeCdn(url: string, keys: string[]): Promise<string[]> {
  const paths = [...new Set(keys.map(urlPathOf))].sort()
  if (!paths.length) return paths
  // The host only: the URL may carry a token.
  const where = `CDN purge at ${new URL(url).host}`
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ paths }),
    signal: AbortSignal.timeout(30_000),
  }).catch((error: Error) => {
    throw new Error(`${where} failed: ${error.cause instanceof Error ? error.cause.message : error.message}`)
  })
  if (!response.ok) {
    const answer = (await response.text().catch(() => '')).trim().slice(0, 200)
    throw new Error(`${where} answered HTTP ${response.status}${answer ? ` (${answer})` : ''}`)
  }
  return paths
}
