import { type ChildProcess, execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_USAGE_TERMS } from '@masterplan/shared'
import { freePort, runCmsScript, startTestCms, type TestCms } from '@masterplan/cms/testing'
import { launch } from '../scripts/chromium.ts'
import { files, read } from './helpers.ts'
import { publishSite, serveSite } from './setup/build.ts'

/**
 * Issue 24, end to end: the press office uploads a 3000 × 2000 photo (and two smaller images) to a
 * CMS of this test's own, publishes a release with them and one under embargo with a photo of its
 * own, the site is built and served; a journalist downloads the photo in print quality and reads
 * its metadata with exiftool. The CMS is this file's alone, so the releases made here never reach
 * the other tests' site.
 */
const CREDIT = 'Foto: Erika Fotografin, SMIL'
const TERMS_DE = 'Honorarfrei nur für Berichte über den Regionalkonvent, bei Nennung „Foto: Erika Fotografin“'
const TERMS_EN = 'Free of charge only for reports on the Regionalkonvent, credited "Photo: Erika Fotografin"'
const GRAPHIC_TERMS_DE = 'Grafik: Abdruck nur unverändert'
const SECRET_CREDIT = 'Foto: Sperrfrist-Fotograf'

let cms: TestCms
let token: string
let root: string
let siteUrl: string
let server: ChildProcess | undefined
let live: string
let browser: Browser | undefined

type Upload = { id: number; filename: string; url: string }
const uploads = {} as Record<'photo' | 'graphic' | 'plain' | 'secret', Upload>
const releases = { published: '', embargoed: '' }

/**
 * fetch, once more on a connection error: after a long synchronous step (a build, a script) the
 * first request can meet a keep-alive socket the server has closed meanwhile (STACK.md).
 */
const request = (url: string | URL, init?: RequestInit) =>
  fetch(url, init).catch((error: unknown) => {
    if (error instanceof TypeError) return fetch(url, init)
    throw error
  })

async function api(method: string, urlPath: string, body?: unknown, form?: FormData) {
  const response = await request(`${cms.url}/api${urlPath}`, {
    method,
    headers: { Authorization: `JWT ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: form ?? (body ? JSON.stringify(body) : undefined),
  })
  const json = (await response.json()) as Record<string, unknown>
  if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

/** An upload through the REST API, as the admin sends it: the file and the fields as `_payload`. */
async function upload(bytes: Buffer, name: string, type: string, fields: Record<string, unknown>): Promise<Upload> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  form.append('_payload', JSON.stringify(fields))
  return (await api('POST', '/media', undefined, form)).doc as Upload
}

/** A photo with grain (it compresses like one), a camera's EXIF and the place it was taken. */
const cameraJpeg = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: '#3d7a57', noise: { type: 'gaussian', mean: 128, sigma: 30 } },
  })
    .withExif({
      IFD0: { Artist: 'Kamera-Seriennummer 4711' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 49/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 55/1 0/1' },
    })
    .jpeg({ quality: 80 })
    .toBuffer()

/** The metadata of a file as exiftool (Debian's libimage-exiftool-perl) reads it: group-prefixed tag names. */
function exiftool(file: string): Record<string, unknown> {
  let output: string
  try {
    output = execFileSync('exiftool', ['-j', '-a', '-G1', file], { encoding: 'utf8' })
  } catch (error) {
    throw new Error(`exiftool could not read ${file} (Debian: apt-get install libimage-exiftool-perl): ${error}`)
  }
  return (JSON.parse(output) as Array<Record<string, unknown>>)[0]!
}

/** "2,1 MB" / "2.1 MB", as a reader expects the size of a download written. */
const megabytes = (bytes: number, locale: 'de' | 'en') =>
  `${(bytes / 1_000_000).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`

/** Text of HTML without its tags and entities, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()

/** The press-photo links of a page: address and text. */
const downloadLinks = (html: string) =>
  [...html.matchAll(/<a href="(\/medien\/druck\/[^"]+)" download[^>]*>([^<]*)<\/a>/g)].map((m) => ({
    href: m[1]!,
    text: textOf(m[2]!),
  }))

/** Rich text of one paragraph, as the admin's editor saves it. */
const richText = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' }],
      },
    ],
  },
})

const page = (locale: 'de' | 'en', slug: string) =>
  read(live, `${locale === 'en' ? 'en/' : ''}aktuelles/${slug}/index.html`)

beforeAll(async () => {
  cms = await startTestCms({ log: (line) => console.log(`[press photos] ${line}`) })
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-press-photos-'))
  const press = { email: 'pressestelle@example.org', password: 'Pressefotos-fuer-alle-24' }
  runCmsScript('user-create', ['--email', press.email, '--password', press.password, '--role', 'press'], {
    ...process.env,
    ...cms.env,
  })
  const login = await request(`${cms.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(press),
  })
  token = ((await login.json()) as { token: string }).token
  const partner = ((await api('GET', '/partners?limit=1&depth=0')).docs as Array<{ id: number }>)[0]!.id

  uploads.photo = await upload(await cameraJpeg(3000, 2000), 'regionalkonvent.jpg', 'image/jpeg', {
    alt: 'Mitglieder des Regionalkonvents im Saal',
    credit: CREDIT,
    usageTerms: TERMS_DE,
  })
  await api('PATCH', `/media/${uploads.photo.id}?locale=en`, {
    alt: 'Members of the Regionalkonvent in the hall',
    usageTerms: TERMS_EN,
  })
  const png = await sharp({ create: { width: 1400, height: 900, channels: 4, background: '#3d7a5780' } })
    .png()
    .toBuffer()
  uploads.graphic = await upload(png, 'zeitplan-grafik.png', 'image/png', {
    alt: 'Grafik des Zeitplans',
    credit: 'Grafik: SMIL',
    usageTerms: GRAPHIC_TERMS_DE,
  })
  const plain = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#a33' } })
    .jpeg()
    .toBuffer()
  uploads.plain = await upload(plain, 'rathaus.jpg', 'image/jpeg', { alt: 'Rathaus', credit: 'Foto: Stadt' })
  uploads.secret = await upload(await cameraJpeg(3000, 2000), 'geheimtermin.jpg', 'image/jpeg', {
    alt: 'Noch geheim',
    credit: SECRET_CREDIT,
  })

  const release = (slug: string, title: string, extra: Record<string, unknown>) => ({
    title,
    slug,
    releaseDate: '2026-06-10T08:00:00.000Z',
    issuers: [partner],
    contacts: [{ name: 'Erika Beispiel', email: 'presse@beispiel.example' }],
    lead: `${title}: der Vorspann.`,
    body: richText('Der Text.'),
    _status: 'published',
    ...extra,
  })
  releases.published = 'pressefotos-regionalkonvent'
  const published = (await api(
    'POST',
    '/press-releases',
    release(releases.published, 'Pressefotos vom Regionalkonvent', {
      images: [
        { image: uploads.photo.id, caption: 'Der Regionalkonvent tagt' },
        { image: uploads.graphic.id },
        { image: uploads.plain.id },
      ],
    }),
  )) as { doc: { id: number } }
  await api('PATCH', `/press-releases/${published.doc.id}?locale=en`, {
    title: 'Press photos of the Regionalkonvent',
    lead: 'The lead.',
    body: richText('The text.'),
  })
  releases.embargoed = 'pressefotos-sperrfrist'
  await api(
    'POST',
    '/press-releases',
    release(releases.embargoed, 'Pressefotos unter Sperrfrist', {
      embargoUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      images: [{ image: uploads.secret.id }],
    }),
  )

  siteUrl = `http://localhost:${await freePort()}`
  const build = publishSite(cms.url, siteUrl, path.join(root, 'site'))
  if (!build.ok) throw new Error(`site build failed:\n${build.output.slice(-6000)}`)
  live = build.dir
  server = await serveSite(live, Number(new URL(siteUrl).port))
}, 600_000)

afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  await cms?.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

/** Downloads a file from the served site into the test's folder. */
async function download(href: string): Promise<{ file: string; bytes: Buffer; type: string | null }> {
  const response = await request(siteUrl + href)
  expect(response.status, href).toBe(200)
  const bytes = Buffer.from(await response.arrayBuffer())
  const file = path.join(root, `download-${path.basename(decodeURIComponent(href))}`)
  await writeFile(file, bytes)
  return { file, bytes, type: response.headers.get('content-type') }
}

describe('a published release offers its photos in print quality', () => {
  it('links the 3000 × 2000 photo beside its figure, naming format, pixels and size in both languages', async () => {
    const de = downloadLinks(await page('de', releases.published))
    const en = downloadLinks(await page('en', releases.published))
    expect(de).toHaveLength(3)
    expect(en.map((l) => l.href)).toEqual(de.map((l) => l.href))
    const photo = de[0]!
    expect(photo.href).toBe(`/medien/druck/${uploads.photo.id}/regionalkonvent.jpg`)
    const { bytes, type } = await download(photo.href)
    expect(type).toBe('image/jpeg')
    // A print file, not a web size: the full resolution and megabytes of it.
    expect(bytes.length).toBeGreaterThan(1_000_000)
    const { width, height, format } = await sharp(bytes).metadata()
    expect({ width, height, format }).toEqual({ width: 3000, height: 2000, format: 'jpeg' })
    expect(photo.text).toBe(
      `Foto in Druckqualität herunterladen (JPEG, 3000 × 2000 px, ${megabytes(bytes.length, 'de')})`,
    )
    expect(en[0]!.text).toBe(`Download photo in print quality (JPEG, 3000 × 2000 px, ${megabytes(bytes.length, 'en')})`)
  })

  it('shows the credit and the terms of use beside each figure, in the page language', async () => {
    const de = await page('de', releases.published)
    const en = await page('en', releases.published)
    const captions = (html: string) =>
      [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) => textOf(m[1]!))
    const [photoDe, graphicDe, plainDe] = captions(de)
    expect(photoDe).toContain(`Der Regionalkonvent tagt – ${CREDIT}`)
    expect(photoDe).toContain(`Nutzungsbedingungen: ${TERMS_DE}`)
    expect(graphicDe).toContain('Grafik: SMIL')
    expect(graphicDe).toContain(`Nutzungsbedingungen: ${GRAPHIC_TERMS_DE}`)
    // Nothing written: the standard terms.
    expect(plainDe).toContain(`Nutzungsbedingungen: ${DEFAULT_USAGE_TERMS.de}`)
    const [photoEn, graphicEn, plainEn] = captions(en)
    expect(photoEn).toContain(CREDIT)
    expect(photoEn).toContain(`Terms of use: ${TERMS_EN}`)
    expect(plainEn).toContain(`Terms of use: ${DEFAULT_USAGE_TERMS.en}`)
    // Terms written only in German are shown in German on the English page, marked as such.
    expect(graphicEn).toContain(`Terms of use: ${GRAPHIC_TERMS_DE}`)
    const german = [...en.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].flatMap((m) =>
      [...m[1]!.matchAll(/<span lang="de"[^>]*>([^<]*)<\/span>/g)].map((span) => textOf(span[1]!)),
    )
    expect(german).toEqual([GRAPHIC_TERMS_DE])
  })

  it('carries credit, terms (German and English) and alt text inside the JPEG, and nothing of the camera', async () => {
    const { file } = await download(`/medien/druck/${uploads.photo.id}/regionalkonvent.jpg`)
    const tags = exiftool(file)
    expect(tags).toMatchObject({
      'XMP-photoshop:Credit': CREDIT,
      'XMP-dc:Rights': CREDIT,
      'XMP-xmpRights:UsageTerms': TERMS_DE,
      'XMP-xmpRights:UsageTerms-de': TERMS_DE,
      'XMP-xmpRights:UsageTerms-en': TERMS_EN,
      'XMP-iptcCore:AltTextAccessibility-de': 'Mitglieder des Regionalkonvents im Saal',
      'XMP-iptcCore:AltTextAccessibility-en': 'Members of the Regionalkonvent in the hall',
      'File:ImageWidth': 3000,
      'File:ImageHeight': 2000,
    })
    const leaked = Object.keys(tags).filter((tag) => /^(GPS|IFD0|ExifIFD):|GPS/.test(tag))
    expect(leaked, 'the camera EXIF and the GPS position of the original stay out').toEqual([])
  })

  it('keeps a PNG graphic a PNG, with its metadata; the standard terms go in where none were written', async () => {
    const [, graphic, plain] = downloadLinks(await page('de', releases.published))
    expect(graphic!.href).toBe(`/medien/druck/${uploads.graphic.id}/zeitplan-grafik.png`)
    expect(graphic!.text).toMatch(/^Foto in Druckqualität herunterladen \(PNG, 1400 × 900 px, [\d,]+ kB\)$/)
    const png = await download(graphic!.href)
    expect(png.type).toBe('image/png')
    expect(exiftool(png.file)).toMatchObject({
      'XMP-photoshop:Credit': 'Grafik: SMIL',
      'XMP-xmpRights:UsageTerms-de': GRAPHIC_TERMS_DE,
    })
    expect(exiftool(png.file)).not.toHaveProperty('XMP-xmpRights:UsageTerms-en')
    const jpeg = await download(plain!.href)
    expect(exiftool(jpeg.file)).toMatchObject({
      'XMP-xmpRights:UsageTerms-de': DEFAULT_USAGE_TERMS.de,
      'XMP-xmpRights:UsageTerms-en': DEFAULT_USAGE_TERMS.en,
    })
  })

  it('gives screen readers a link that says what it downloads, and the page passes axe (WCAG 2.2 AA)', async () => {
    browser = await launch()
    const context = await browser.newContext()
    for (const [prefix, name] of [
      ['', /^Foto in Druckqualität herunterladen \(JPEG, 3000 × 2000 px, [\d,]+ MB\)$/],
      ['/en', /^Download photo in print quality \(JPEG, 3000 × 2000 px, [\d.]+ MB\)$/],
    ] as const) {
      const tab = await context.newPage()
      await tab.goto(`${siteUrl}${prefix}/aktuelles/${releases.published}/`, { waitUntil: 'networkidle' })
      await expect.poll(() => tab.getByRole('link', { name }).count(), { timeout: 15_000 }).toBe(1)
      const results = await new AxeBuilder({ page: tab })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
      await tab.close()
    }
  })
})

describe('an embargoed release keeps its original closed', () => {
  it('answers anonymous requests for the original (and its record) with no file', async () => {
    const original = await request(new URL(uploads.secret.url, cms.url))
    await original.body?.cancel()
    expect([403, 404]).toContain(original.status)
    const record = await fetch(`${cms.url}/api/media/${uploads.secret.id}`)
    await record.body?.cancel()
    expect(record.status).toBe(404)
    // The published release's original is open to anyone, which is what the site build fetches.
    const open = await fetch(new URL(uploads.photo.url, cms.url))
    await open.body?.cancel()
    expect(open.status).toBe(200)
  })

  it('leaves the built site without its page, its photo or a trace of either', async () => {
    const all = await files(live)
    expect(all.filter((f) => f.includes(releases.embargoed) || f.includes('geheimtermin'))).toEqual([])
    expect(all.filter((f) => f.startsWith(`medien/druck/${uploads.secret.id}/`))).toEqual([])
    const served = await request(`${siteUrl}/medien/druck/${uploads.secret.id}/geheimtermin.jpg`)
    await served.body?.cancel()
    expect(served.status).toBe(404)
    const text = (
      await Promise.all(all.filter((f) => /\.(html|xml|json|ics|txt)$/.test(f)).map((f) => read(live, f)))
    ).join('\n')
    expect(text).not.toContain(SECRET_CREDIT)
    expect(text).not.toContain('geheimtermin')
  })
})

describe('a changed credit', () => {
  it('reaches the page and the file with the next build', async () => {
    await api('PATCH', `/media/${uploads.photo.id}`, { credit: 'Foto: Erika Fotografin (neu)' })
    const build = publishSite(cms.url, siteUrl, path.join(root, 'site'))
    if (!build.ok) throw new Error(`second build failed:\n${build.output.slice(-6000)}`)
    live = build.dir
    expect(await page('de', releases.published)).toContain('Foto: Erika Fotografin (neu)')
    const { file } = await download(`/medien/druck/${uploads.photo.id}/regionalkonvent.jpg`)
    expect(exiftool(file)).toMatchObject({ 'XMP-photoshop:Credit': 'Foto: Erika Fotografin (neu)' })
  }, 300_000)
})
