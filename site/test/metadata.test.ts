import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, inject, it } from 'vitest'
import { files, read } from './helpers.ts'

const dist = inject('distDir')
const siteUrl = inject('siteUrl')
const cmsUrl = inject('cmsUrl')
const fixtures = inject('fixtures')

type Ld = Record<string, unknown> & { '@type': string }

/** The JSON-LD objects of a built page. */
async function jsonLd(file: string): Promise<Ld[]> {
  const html = await read(dist, file)
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(([, json]) =>
    JSON.parse(json!),
  )
}

const meta = async (file: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(await read(dist, file))?.[1]

/** A release as the public API gives it, issuers populated, in one language. */
const apiRelease = async (id: number, locale: 'de' | 'en') =>
  (await fetch(`${cmsUrl}/api/press-releases/${id}?depth=1&locale=${locale}`)).json()

describe('a press release in JSON-LD and Open Graph', () => {
  it.each([
    ['de', ''],
    ['en', '/en'],
  ] as const)(
    '(%s) names its issuers as authors and its social image, on the public origin',
    async (locale, prefix) => {
      const file = `${prefix.slice(1)}${prefix ? '/' : ''}aktuelles/${fixtures.withImage.slug}/index.html`
      const article = (await jsonLd(file)).find((ld) => ld['@type'] === 'NewsArticle')!
      const release = await apiRelease(fixtures.withImage.id, locale)
      // Each issuer's page in the page's language, or the German one where no English page was built.
      const pageOf = (slug: string) =>
        existsSync(path.join(dist, prefix, 'partner', slug, 'index.html'))
          ? `${prefix}/partner/${slug}/`
          : `/partner/${slug}/`
      expect(article.author).toEqual(
        release.issuers.map((issuer: { name: string; slug: string }) =>
          expect.objectContaining({
            '@type': expect.stringMatching(/Organization$/),
            name: issuer.name,
            url: `${siteUrl}${pageOf(issuer.slug)}`,
          }),
        ),
      )
      if (prefix)
        expect((article.author as Array<{ url: string }>).at(-1)?.url).toBe(`${siteUrl}/partner/beispielverein/`)
      // The 1200×630 social card the CMS made of the release's first image, copied into the site.
      const card = release.images[0].image.sizes.og
      const image = `${siteUrl}/medien/${card.filename}`
      expect(article.image).toEqual([image])
      expect(await meta(file, 'og:image')).toBe(image)
      expect(await meta(file, 'og:image:width')).toBe('1200')
      expect(await meta(file, 'og:image:height')).toBe('630')
      expect(await read(dist, file)).toContain('<meta name="twitter:card" content="summary_large_image">')
      const { width, height, format } = await sharp(path.join(dist, 'medien', card.filename)).metadata()
      expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: 'jpeg' })
    },
  )

  it('has no image where the release has none', async () => {
    const file = `aktuelles/${fixtures.germanOnly.slug}/index.html`
    const article = (await jsonLd(file)).find((ld) => ld['@type'] === 'NewsArticle')!
    expect(article).not.toHaveProperty('image')
    expect(await meta(file, 'og:image')).toBeUndefined()
    expect(article.author).toHaveLength(1)
  })

  it('dates its last change to the latest of its release date and its corrections, not to the last save', async () => {
    const releasePages = (await files(dist)).filter((file) => /^(en\/)?aktuelles\/[^/]+\/index\.html$/.test(file))
    expect(releasePages.length).toBeGreaterThan(3)
    const all = (await (await fetch(`${cmsUrl}/api/press-releases?limit=0&depth=0`)).json()).docs as Array<{
      slug: string
      releaseDate: string
      updatedAt: string
      corrections?: Array<{ date: string }> | null
    }>
    for (const file of releasePages) {
      const slug = file.split('/').at(-2)
      const doc = all.find((d) => d.slug === slug)!
      const article = (await jsonLd(file)).find((ld) => ld['@type'] === 'NewsArticle')!
      const latest = [doc.releaseDate, ...(doc.corrections ?? []).map((c) => c.date)].sort().at(-1)
      expect({ file, datePublished: article.datePublished, dateModified: article.dateModified }).toEqual({
        file,
        datePublished: doc.releaseDate,
        dateModified: latest,
      })
    }
    // The fixtures were saved long after their release dates: the rule above is not the save time.
    const withImage = all.find((d) => d.slug === fixtures.withImage.slug)!
    expect(withImage.updatedAt > withImage.releaseDate).toBe(true)
  })
})

describe('the home pages in JSON-LD', () => {
  it.each([
    ['index.html', `${siteUrl}/`, 'de'],
    ['en/index.html', `${siteUrl}/en/`, 'en'],
  ])('%s describes the website at %s in its language', async (file, url, language) => {
    const site = (await jsonLd(file)).find((ld) => ld['@type'] === 'WebSite')!
    expect(site).toMatchObject({ url, inLanguage: language })
  })
})

describe('/favicon.ico', () => {
  it('is an icon with 16, 32 and 48 px images that an independent reader (Pillow) decodes', () => {
    const file = path.join(dist, 'favicon.ico')
    expect(existsSync(file)).toBe(true)
    const report = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `
import json, sys
from PIL import Image
icon = Image.open(sys.argv[1])
out = {"format": icon.format, "sizes": sorted(list(s) for s in icon.info["sizes"]), "images": []}
for size in sorted(icon.info["sizes"]):
    icon.size = size
    icon.load()
    rgba = icon.convert("RGBA")
    w, h = rgba.size
    out["images"].append({"size": [w, h], "centre": list(rgba.getpixel((w // 2, h // 2))), "corner": list(rgba.getpixel((0, 0)))})
print(json.dumps(out))`,
          file,
        ],
        { encoding: 'utf8' },
      ),
    )
    expect(report.format).toBe('ICO')
    expect(report.sizes).toEqual([
      [16, 16],
      [32, 32],
      [48, 48],
    ])
    for (const image of report.images) {
      // The artwork of favicon.svg: a green square with rounded (transparent) corners.
      expect(image.corner[3]).toBeLessThan(64)
      expect(image.centre[3]).toBe(255)
    }
    expect(report.images.map((image: { size: number[] }) => image.size)).toEqual(report.sizes)
  })

  it('is served as an icon', async () => {
    const response = await fetch(`${siteUrl}/favicon.ico`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/x-icon')
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]))
  })
})
