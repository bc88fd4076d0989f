import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export type Weight = {
  html: [number, number]
  css: [number, number]
  js: [number, number]
  fonts: [number, number]
  images: [number, number]
  requests: number
}

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length

/**
 * Bytes a first visit loads for one built page (raw and gzip): the HTML, its linked CSS and scripts,
 * fonts and the images its <img>/<source> reference (the first candidate of each srcset).
 */
export function pageWeight(dist: string, page: string): Weight {
  const file = path.join(dist, page.endsWith('/') ? `${page}index.html` : page)
  const html = readFileSync(file)
  const text = html.toString('utf8')
  const sum = (urls: string[]): [number, number] => {
    let raw = 0
    let zipped = 0
    for (const url of urls) {
      const local = path.join(dist, decodeURIComponent(url.split('?')[0]!))
      if (!existsSync(local)) continue
      const body = readFileSync(local)
      raw += body.length
      zipped += gz(body)
    }
    return [raw, zipped]
  }
  const attr = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!).filter((u) => u.startsWith('/'))
  // The search page's script adds Pagefind's stylesheet itself (site/public/suche.js): counted all the same.
  const css = [
    ...attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
    ...(text.includes('src="/suche.js"') ? ['/pagefind/pagefind-ui.css'] : []),
  ]
  const js = attr(/<script[^>]+src="([^"]+)"/g)
  const images = [...attr(/<img[^>]+src="([^"]+)"/g), ...attr(/<source[^>]+srcset="([^" ,]+)/g).slice(0, 1)]
  const fonts = attr(/url\(([^)]+\.woff2?)\)/g)
  return {
    html: [html.length, gz(html)],
    css: sum(css),
    js: sum(js),
    fonts: sum(fonts),
    images: sum(images),
    requests: 1 + css.length + js.length + fonts.length + images.length,
  }
}
