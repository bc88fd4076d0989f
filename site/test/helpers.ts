import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

/** Every file below `dir`, named relative to it. */
export async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
}

export const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8')

/** The text of Pagefind's index: its fragments are gzip-compressed JSON. */
export async function searchIndexText(dist: string): Promise<string> {
  const all = await files(path.join(dist, 'pagefind'))
  const fragments = all.filter((f) => f.endsWith('.pf_fragment'))
  if (!fragments.length) throw new Error('no Pagefind fragments found')
  const texts = await Promise.all(
    fragments.map(async (f) => gunzipSync(await readFile(path.join(dist, 'pagefind', f))).toString('utf8')),
  )
  return texts.join('\n')
}

/** Text that is published, searchable or listed: every HTML page, the feed, the sitemaps, the calendar. */
export async function publicText(dist: string): Promise<string> {
  const all = await files(dist)
  const readable = all.filter((f) => /\.(html|xml|ics|txt)$/.test(f))
  return (await Promise.all(readable.map((f) => read(dist, f)))).join('\n')
}

/** The attributes of every `<name …>` tag in a page, entities in values decoded. */
export function tags(html: string, name: string): Array<Record<string, string>> {
  return [...html.matchAll(new RegExp(`<${name}\\s([^>]*)>`, 'g'))].map(([, attributes]) =>
    Object.fromEntries(
      [...attributes!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map(([, key, value]) => [
        key!.toLowerCase(),
        (value ?? '')
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
      ]),
    ),
  )
}

/** The built file an address of the site is answered from, or null for an address on another host. */
export function builtFile(dist: string, siteUrl: string, href: string, from: string): string | null {
  const url = new URL(href, `${siteUrl}${from}`)
  if (url.origin !== siteUrl) return null
  const pathname = decodeURIComponent(url.pathname)
  return path.join(dist, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
}

/** The address of a built HTML file, e.g. en/aktuelles/index.html → /en/aktuelles/. */
export const urlPathOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`
