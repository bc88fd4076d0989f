import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { _Object } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type S3Server, startS3Server } from '../scripts/s3-server.ts'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { imageUpload, validDocument } from './helpers/documents.ts'
import { callApi } from './helpers/http.ts'
import { until } from './helpers/wait.ts'

/**
 * The `s3` site target end to end: a real CMS server with its media in one bucket, building the
 * site on its job queue and uploading it to another bucket of an S3-compatible server in this
 * process, read back over HTTP as a CDN would.
 */
const BUCKET = 'site'
const MEDIA_BUCKET = 'media'
let s3: S3Server
let cms: TestCms
let root: string
let admin: string
let press: string

const api = (method: string, p: string, token?: string, json?: unknown) => callApi(cms.url, method, p, { token, json })
const page = (key: string) => fetch(s3.objectUrl(BUCKET, key))

type Build = { id: number; status: string; pages?: number; error?: string; triggers?: { documentId?: number }[] }
const builds = async (): Promise<Build[]> =>
  (await api('GET', '/site-builds?sort=-queuedAt&limit=50&depth=0', admin)).body.docs

/** Waits until no build waits or runs and one that `matches` succeeded; fails at once on a failed one. */
async function settledBuild(what: string, matches: (build: Build) => boolean): Promise<Build> {
  return until(
    what,
    async () => {
      const all = await builds()
      const failed = all.find((b) => b.status === 'failed' && matches(b))
      if (failed) throw new Error(`${what} failed: ${failed.error}`)
      if (all.some((b) => ['queued', 'running'].includes(b.status))) return false
      return all.find((b) => b.status === 'success' && matches(b)) ?? false
    },
    120_000,
    500,
  )
}

/** Key → what identifies one upload of it. */
const snapshot = async () =>
  new Map((await s3.list(BUCKET)).map((o: _Object) => [o.Key!, `${o.ETag} ${o.LastModified?.toISOString()}`]))
const written = (before: Map<string, string>, after: Map<string, string>) =>
  [...after]
    .filter(([key, id]) => before.get(key) !== id)
    .map(([key]) => key)
    .sort()

beforeAll(async () => {
  s3 = await startS3Server()
  await s3.createBucket(BUCKET)
  await s3.createBucket(MEDIA_BUCKET)
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-site-s3-e2e-'))
  cms = await startTestCms({
    env: {
      SITE_BUILD_TARGET: 's3',
      SITE_TARGET_DIR: path.join(root, 'site'),
      SITE_S3_BUCKET: BUCKET,
      S3_BUCKET: MEDIA_BUCKET,
      ...s3.env,
      SITE_BUILD_DEBOUNCE_MS: '500',
    },
  })
  admin = (
    await api('POST', '/users/first-register', undefined, {
      email: 'admin@s3.example',
      password: 's3-passwort-admin',
      role: 'admin',
    })
  ).body.token
  expect(
    (await api('POST', '/users', admin, { email: 'presse@s3.example', password: 's3-passwort-presse', role: 'press' }))
      .status,
  ).toBe(201)
  press = (await api('POST', '/users/login', undefined, { email: 'presse@s3.example', password: 's3-passwort-presse' }))
    .body.token
}, 600_000)

afterAll(async () => {
  await cms?.stop()
  await s3?.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

describe('publishing to a bucket', () => {
  let first: Map<string, string>

  it('uploads the whole site on the first build, readable over HTTP with its headers', async () => {
    // The fixtures' saves queued it while the CMS started.
    const build = await settledBuild('the first build', () => true)
    expect(build.pages).toBeGreaterThan(10)
    first = await snapshot()
    expect(first.size).toBeGreaterThan(build.pages!)

    const start = await page('index.html')
    expect(start.status).toBe(200)
    expect(start.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(start.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate')
    const release = await page(`aktuelles/${cms.fixtures.withImage.slug}/index.html`)
    expect(release.status).toBe(200)
    expect(await release.text()).toContain('Bildtermin im Regionalkonvent')
    const asset = [...first.keys()].find((key) => key.startsWith('_astro/'))!
    expect((await page(asset)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await page('feed.xml')).headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    expect((await page('zeitplan.ics')).headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  }, 180_000)

  it("re-uploads only the changed release's objects and the pages that list it", async () => {
    const { id, slug } = cms.fixtures.germanOnly
    const changed = await api('PATCH', `/press-releases/${id}`, press, {
      title: 'Beispiel: Neuer Titel im Regionalkonvent',
    })
    expect(changed.status).toBe(200)
    await settledBuild('the build of the change', (b) => Boolean(b.triggers?.some((t) => t.documentId === id)))
    const after = await snapshot()
    const uploaded = written(first, after)

    expect(uploaded).toEqual(
      expect.arrayContaining([
        `aktuelles/${slug}/index.html`,
        'aktuelles/index.html',
        'index.html',
        'feed.xml',
        'pagefind/pagefind-entry.json',
      ]),
    )
    // Besides: the archive and year pages that list it, the issuer's partner page, the sitemap, and the search index chunks that hold its text.
    const expected = (key: string) =>
      key === `aktuelles/${slug}/index.html` ||
      /^(index\.html|aktuelles\/(index\.html|(jahr\/\d+\/)?(archiv\/\d+\/)?index\.html)|partner\/smil\/index\.html|feed\.xml|sitemap-[\w-]+\.xml|pagefind\/.+)$/.test(
        key,
      )
    expect(uploaded.filter((key) => !expected(key))).toEqual([])
    // Not re-uploaded: the other releases (in both languages), the images, the attachments.
    for (const key of [
      `aktuelles/${cms.fixtures.withImage.slug}/index.html`,
      `en/aktuelles/${cms.fixtures.withImage.slug}/index.html`,
      'medien/praesentation.pdf',
    ]) {
      expect(after.get(key), key).toBe(first.get(key))
    }
    const assets = [...after.keys()].filter((key) => key.startsWith('_astro/'))
    expect(assets.length).toBeGreaterThan(0)
    expect(assets.filter((key) => after.get(key) !== first.get(key))).toEqual([])
    expect(await (await page(`aktuelles/${slug}/index.html`)).text()).toContain('Neuer Titel')
    first = after
  }, 180_000)

  it("deletes a deleted release's page objects", async () => {
    const { id, slug } = cms.fixtures.withImage
    expect((await api('DELETE', `/press-releases/${id}`, press)).status).toBe(200)
    await settledBuild('the build of the deletion', (b) => Boolean(b.triggers?.some((t) => t.documentId === id)))
    const after = await snapshot()
    const gone = [...first.keys()].filter((key) => !after.has(key)).sort()
    // Its pages, and the attachment and images no other page uses.
    expect(gone).toEqual(
      expect.arrayContaining([
        `aktuelles/${slug}/index.html`,
        `en/aktuelles/${slug}/index.html`,
        'medien/praesentation.pdf',
        'medien/werkstatt-1200x630.jpg',
      ]),
    )
    expect(gone.filter((key) => key.endsWith('.html') && !key.includes(slug))).toEqual([])
    expect(gone.filter((key) => key.startsWith('_astro/')).length).toBeGreaterThan(0)
    expect((await page(`aktuelles/${slug}/index.html`)).status).toBe(404)
    expect(await (await page('aktuelles/index.html')).text()).not.toContain(slug)
  }, 180_000)

  it('builds the images of a release from an upload in the media bucket into the site bucket', async () => {
    const uploaded = await fetch(`${cms.url}/api/media`, {
      method: 'POST',
      headers: { Authorization: `JWT ${press}` },
      body: await imageUpload(),
    })
    expect(uploaded.status).toBe(201)
    const image = (await uploaded.json()).doc as { id: number; filename: string }
    expect((await s3.list(MEDIA_BUCKET)).map((o) => o.Key)).toContain(image.filename)
    const partner = (await api('GET', '/partners?limit=1&depth=0', admin)).body.docs[0].id
    const created = await api('POST', '/press-releases', press, {
      ...validDocument('press-releases', { partner }),
      slug: 'bild-aus-dem-bucket',
      images: [{ image: image.id, caption: 'Aus dem Bucket' }],
      _status: 'published',
    })
    expect(created.status).toBe(201)
    await settledBuild('the build of the release with the image', (b) =>
      Boolean(b.triggers?.some((t) => t.documentId === created.body.doc.id)),
    )
    const html = await (await page('aktuelles/bild-aus-dem-bucket/index.html')).text()
    const sources = [...html.matchAll(/(?:src|srcset)="\/(_astro\/[^" ]+)/g)].map((m) => m[1]!)
    expect(sources.some((key) => key.endsWith('.avif'))).toBe(true)
    for (const key of sources) expect((await page(key)).status, key).toBe(200)
  }, 180_000)
})
