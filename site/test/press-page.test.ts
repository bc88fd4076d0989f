import { describe, expect, inject, it } from 'vitest'
import { pressRelease } from '@masterplan/shared'
import { files, read } from './helpers.ts'

const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')

const decodeEntities = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The requests a `curl -G URL --data-urlencode 'name=value' …` sample on the page sends. */
function requestsOn(html: string): URL[] {
  return [...html.matchAll(/<pre class="sample"><code>([\s\S]*?)<\/code><\/pre>/g)].map(([, code]) => {
    const text = decodeEntities(code!)
    const url = new URL(text.match(/curl -G '([^']+)'/)![1]!)
    for (const [, pair] of text.matchAll(/--data-urlencode '([^']*)'/g)) {
      const at = pair!.indexOf('=')
      url.searchParams.append(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return url
  })
}

describe.each([
  ['German', 'presse/index.html'],
  ['English', 'en/presse/index.html'],
])('the %s press service page', (_, file) => {
  it('lists every field of the press release schema', async () => {
    const html = await read(dist, file)
    const table = html.slice(html.indexOf('<table class="fields">'), html.indexOf('</table>'))
    for (const field of Object.keys(pressRelease.shape))
      expect(table).toContain(`<th scope="row"><code>${field}</code></th>`)
  })

  it('shows requests that the CMS answers with press releases', async () => {
    const requests = requestsOn(await read(dist, file))
    expect(requests).toHaveLength(4)
    for (const request of requests) {
      expect(request.origin).toBe(new URL(cmsUrl).origin)
      const response = await fetch(request)
      expect(response.status, request.search).toBe(200)
      expect(Array.isArray(((await response.json()) as { docs?: unknown }).docs)).toBe(true)
    }
    const bySlug = requests.find((request) => request.searchParams.has('where[slug][equals]'))!
    const { docs } = (await (await fetch(bySlug)).json()) as { docs: Array<{ slug: string }> }
    expect(docs.map((doc) => doc.slug)).toEqual([bySlug.searchParams.get('where[slug][equals]')])
  })
})

describe('the press service', () => {
  it('is in the sitemap in both languages', async () => {
    const sitemaps = (await files(dist)).filter((f) => /^sitemap-\d+\.xml$/.test(f))
    const sitemap = (await Promise.all(sitemaps.map((f) => read(dist, f)))).join('\n')
    const urlPaths = (sitemap.match(/<loc>[^<]+<\/loc>/g) ?? []).map((loc) => new URL(loc.slice(5, -6)).pathname)
    expect(urlPaths).toEqual(expect.arrayContaining(['/presse/', '/en/presse/']))
  })

  it('is linked from the footer of every page', async () => {
    expect(await read(dist, 'index.html')).toContain('<a href="/presse/">Presseservice</a>')
    expect(await read(dist, 'en/zeitplan/index.html')).toContain('<a href="/en/presse/">Press service</a>')
  })
})
