import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, inject, it } from 'vitest'
import { files } from './helpers.ts'

const dist = inject('distDir')

/** What fits in the first round trip (TCP initial window, ~14 kB): HTML plus render-blocking CSS. */
const BUDGET = 14 * 1024
const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length

const stylesheets = (html: string) =>
  [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!)
/** Executable scripts only: JSON-LD is data, not JavaScript. */
const scripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*type="application\/ld\+json")[^>]*>/g)].map((m) => m[0])

describe('the byte budget of every page', async () => {
  const pages = (await files(dist)).filter((f) => f.endsWith('.html'))

  it('covers all built pages', () => {
    expect(pages.length).toBeGreaterThan(20)
  })

  it('keeps HTML plus render-blocking CSS within 14 kB gzip', async () => {
    const over: string[] = []
    for (const file of pages) {
      const html = await readFile(path.join(dist, file), 'utf8')
      let bytes = gz(html)
      // Pagefind's own stylesheet is on the search page only and not needed for the first paint of its text.
      for (const href of stylesheets(html).filter((h) => h.startsWith('/') && !h.startsWith('/pagefind/'))) {
        bytes += gz(await readFile(path.join(dist, href)))
      }
      if (bytes > BUDGET) over.push(`${file}: ${bytes} bytes gzip`)
    }
    expect(over, `over ${BUDGET} bytes`).toEqual([])
  })

  it('ships no JavaScript except on the search pages', async () => {
    const offenders: string[] = []
    for (const file of pages) {
      if (/^(en\/)?suche\/index\.html$/.test(file)) continue
      const found = scripts(await readFile(path.join(dist, file), 'utf8'))
      if (found.length) offenders.push(`${file}: ${found.join(' ')}`)
    }
    expect(offenders).toEqual([])
  })
})
