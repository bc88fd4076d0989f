import { existsSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { builtFile, files, read, tags, urlPathOf } from './helpers.ts'

const dist = inject('distDir')
const siteUrl = inject('siteUrl')

describe('every link of the built site to the site itself', () => {
  it('leads to a built file: no page links a page of the other language that was not built', async () => {
    const dead: string[] = []
    for (const file of (await files(dist)).filter((f) => f.endsWith('.html'))) {
      const html = await read(dist, file)
      const from = urlPathOf(file)
      const hrefs = [...tags(html, 'a'), ...tags(html, 'link')].map((tag) => tag.href).filter(Boolean)
      for (const href of hrefs) {
        if (/^(mailto|tel|data):/.test(href!) || href!.startsWith('#')) continue
        const target = builtFile(dist, siteUrl, href!, from)
        if (target && !existsSync(target)) dead.push(`${from} → ${href}`)
      }
    }
    expect(dead).toEqual([])
  })
})
