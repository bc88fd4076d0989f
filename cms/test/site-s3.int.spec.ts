import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type S3Server, startS3Server } from '../scripts/s3-server.ts'
import { uploadSite } from '../src/siteBuild/s3Target/index.ts'
import { syncFolder } from '../src/siteBuild/s3Target/sync.ts'

/**
 * The `s3` site target's upload on a real S3-compatible server (fauxqs, in this process), reached
 * through a small HTTP proxy that records the requests as the store sees them and can refuse one.
 */
const SHORT = 'public, max-age=60, must-revalidate'
const IMMUTABLE = 'public, max-age=31536000, immutable'
const HTML = 'text/html; charset=utf-8'
const BYTES = 'application/octet-stream'

/** A built site as astro and pagefind write it (names taken from a real build), with the headers each file must get. */
const SITE: Record<string, [contentType: string, cacheControl: string, kind: 'asset' | 'loader' | 'page']> = {
  'index.html': [HTML, SHORT, 'page'],
  '404.html': [HTML, SHORT, 'page'],
  'aktuelles/werkstatt/index.html': [HTML, SHORT, 'page'],
  'aktuelles/konvent/index.html': [HTML, SHORT, 'page'],
  'en/index.html': [HTML, SHORT, 'page'],
  'feed.xml': ['application/rss+xml; charset=utf-8', SHORT, 'page'],
  'en/feed.xml': ['application/rss+xml; charset=utf-8', SHORT, 'page'],
  'sitemap-index.xml': ['application/xml; charset=utf-8', SHORT, 'page'],
  'sitemap-0.xml': ['application/xml; charset=utf-8', SHORT, 'page'],
  'robots.txt': ['text/plain; charset=utf-8', SHORT, 'page'],
  'zeitplan.ics': ['text/calendar; charset=utf-8', SHORT, 'page'],
  'en/zeitplan.ics': ['text/calendar; charset=utf-8', SHORT, 'page'],
  'favicon.ico': ['image/x-icon', SHORT, 'page'],
  'suche.js': ['text/javascript; charset=utf-8', SHORT, 'loader'],
  'pagefind/pagefind.js': ['text/javascript; charset=utf-8', SHORT, 'loader'],
  'pagefind/pagefind-ui.css': ['text/css; charset=utf-8', SHORT, 'loader'],
  'pagefind/pagefind-entry.json': ['application/json', SHORT, 'loader'],
  'pagefind/wasm.de.pagefind': [BYTES, SHORT, 'asset'],
  'pagefind/pagefind.de_449e91b6cd.pf_meta': [BYTES, IMMUTABLE, 'asset'],
  'pagefind/index/de_72b4df5.pf_index': [BYTES, IMMUTABLE, 'asset'],
  'pagefind/fragment/de_5064bb1.pf_fragment': [BYTES, IMMUTABLE, 'asset'],
  '_astro/werkstatt_Z1ckkdc.avif': ['image/avif', IMMUTABLE, 'asset'],
  '_astro/werkstatt_2dhyih.jpg': ['image/jpeg', IMMUTABLE, 'asset'],
  '_astro/karte_Bx3k9.webp': ['image/webp', IMMUTABLE, 'asset'],
  '_astro/logo_Qm7.svg': ['image/svg+xml', IMMUTABLE, 'asset'],
  '_astro/schrift.C1x2.woff2': ['font/woff2', IMMUTABLE, 'asset'],
  '_astro/index.D2f8a1.css': ['text/css; charset=utf-8', IMMUTABLE, 'asset'],
  '_astro/hoisted.A9b3.js': ['text/javascript; charset=utf-8', IMMUTABLE, 'asset'],
  'medien/praesentation.pdf': ['application/pdf', SHORT, 'asset'],
  'medien/werkstatt-1200x630.jpg': ['image/jpeg', SHORT, 'asset'],
  'medien/plan.png': ['image/png', SHORT, 'asset'],
  'daten/unbekannt.bin': [BYTES, SHORT, 'page'],
}

let s3: S3Server
let proxy: http.Server
let client: S3Client
let root: string
/** PUT and DELETE requests in the order the store received and answered them. */
let requests: { at: 'start' | 'end'; method: string; key: string }[] = []
/** ListObjectsV2 pages requested. */
let listPages = 0
/** Keys the proxy answers with AccessDenied, as a store with a too-narrow policy would. */
const refused = new Set<string>()

let folders = 0
/** A fresh site folder with the files given (path → content). */
async function site(files: Record<string, string>): Promise<string> {
  const dir = path.join(root, `site-${++folders}`)
  for (const [key, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, key)), { recursive: true })
    await writeFile(path.join(dir, key), content)
  }
  return dir
}
const fullSite = (version = 1) => Object.fromEntries(Object.keys(SITE).map((key) => [key, `${key} v${version}`]))

let buckets = 0
async function bucket(): Promise<string> {
  const name = `site-${++buckets}`
  await s3.createBucket(name)
  return name
}
const listing = async (name: string) => new Map((await s3.list(name)).map((o) => [o.Key!, o.ETag!.replaceAll('"', '')]))
const md5 = (text: string) => createHash('md5').update(text).digest('hex')

beforeAll(async () => {
  s3 = await startS3Server()
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-site-s3-'))
  const upstream = new URL(s3.endpoint)
  proxy = http.createServer((req, res) => {
    const key = decodeURIComponent(new URL(req.url!, 'http://proxy').pathname.split('/').slice(2).join('/'))
    const write = req.method === 'PUT' || req.method === 'DELETE'
    if (write) requests.push({ at: 'start', method: req.method!, key })
    if (req.method === 'GET' && req.url!.includes('list-type=2')) listPages++
    if (req.method === 'PUT' && refused.has(key)) {
      req.resume()
      res.writeHead(403, { 'Content-Type': 'application/xml' })
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
      )
      return
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers)
        answer.pipe(res)
        answer.on('end', () => write && requests.push({ at: 'end', method: req.method!, key }))
      },
    )
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  client = new S3Client({
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    region: s3.env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  })
})

afterAll(async () => {
  client?.destroy()
  await new Promise((resolve) => proxy?.close(resolve))
  await s3?.stop()
  await rm(root, { recursive: true, force: true })
})

describe('syncing a built site to a bucket', () => {
  it('uploads every file once, with its Content-Type and Cache-Control, readable anonymously', async () => {
    const name = await bucket()
    const result = await syncFolder({ client, bucket: name, dir: await site(fullSite()) })
    expect(result).toEqual({ uploaded: Object.keys(SITE).sort(), unchanged: 0, deleted: [] })

    for (const [key, [contentType, cacheControl]] of Object.entries(SITE)) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: name, Key: key }))
      expect({ key, contentType: head.ContentType, cacheControl: head.CacheControl, etag: head.ETag }).toEqual({
        key,
        contentType,
        cacheControl,
        etag: `"${md5(`${key} v1`)}"`,
      })
    }
    const page = await fetch(s3.objectUrl(name, 'aktuelles/werkstatt/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe(HTML)
    expect(page.headers.get('cache-control')).toBe(SHORT)
    expect(await page.text()).toBe('aktuelles/werkstatt/index.html v1')
  })

  it('writes the assets first, then the scripts that load them, then the pages, and deletes last', async () => {
    const name = await bucket()
    await syncFolder({
      client,
      bucket: name,
      dir: await site({ ...fullSite(), 'aktuelles/alt/index.html': 'alt', '_astro/alt_X1.avif': 'alt' }),
    })
    requests = []
    await syncFolder({ client, bucket: name, dir: await site(fullSite(2)) })

    const kindOf = (r: (typeof requests)[number]) => (r.method === 'DELETE' ? 'delete' : SITE[r.key]![2])
    const first = (kind: string, at: 'start' | 'end') => requests.findIndex((r) => kindOf(r) === kind && r.at === at)
    const last = (kind: string, at: 'start' | 'end') => requests.findLastIndex((r) => kindOf(r) === kind && r.at === at)
    expect(requests.filter((r) => r.at === 'start')).toHaveLength(Object.keys(SITE).length + 2)
    // Each step is answered by the store before the next one's first request arrives.
    expect(last('asset', 'end')).toBeLessThan(first('loader', 'start'))
    expect(last('loader', 'end')).toBeLessThan(first('page', 'start'))
    expect(last('page', 'end')).toBeLessThan(first('delete', 'start'))
    expect(
      requests
        .filter((r) => r.method === 'DELETE' && r.at === 'end')
        .map((r) => r.key)
        .sort(),
    ).toEqual(['_astro/alt_X1.avif', 'aktuelles/alt/index.html'])
    // Up to eight at a time, not one after another.
    let running = 0
    let most = 0
    for (const r of requests) {
      running += r.at === 'start' ? 1 : -1
      most = Math.max(most, running)
    }
    expect(most).toBeGreaterThan(1)
    expect(most).toBeLessThanOrEqual(8)
  })

  it('uploads only what changed and deletes what is gone', async () => {
    const name = await bucket()
    await syncFolder({ client, bucket: name, dir: await site(fullSite()) })
    const before = await listing(name)

    const { 'robots.txt': _, ...withoutRobots } = fullSite()
    requests = []
    const result = await syncFolder({
      client,
      bucket: name,
      dir: await site({ ...withoutRobots, 'aktuelles/konvent/index.html': 'neuer Titel' }),
    })
    expect(result).toEqual({
      uploaded: ['aktuelles/konvent/index.html'],
      unchanged: Object.keys(SITE).length - 2,
      deleted: ['robots.txt'],
    })
    expect(requests.filter((r) => r.at === 'start').map((r) => `${r.method} ${r.key}`)).toEqual([
      'PUT aktuelles/konvent/index.html',
      'DELETE robots.txt',
    ])

    const after = await listing(name)
    expect(after.get('aktuelles/konvent/index.html')).toBe(md5('neuer Titel'))
    expect(after.has('robots.txt')).toBe(false)
    expect((await fetch(s3.objectUrl(name, 'robots.txt'))).status).toBe(404)
    expect([...after].filter(([key, etag]) => before.get(key) !== etag).map(([key]) => key)).toEqual([
      'aktuelles/konvent/index.html',
    ])

    requests = []
    expect(
      await syncFolder({
        client,
        bucket: name,
        dir: await site({ ...withoutRobots, 'aktuelles/konvent/index.html': 'neuer Titel' }),
      }),
    ).toEqual({
      uploaded: [],
      unchanged: Object.keys(SITE).length - 1,
      deleted: [],
    })
    expect(requests).toEqual([])
  })

  it('re-uploads an object whose ETag is a multipart one, as its MD5 is unknown', async () => {
    const name = await bucket()
    const dir = await site({ 'index.html': 'Start', 'medien/plan.png': 'Plan' })
    await syncFolder({ client, bucket: name, dir })
    const { UploadId } = await s3.client.send(
      new CreateMultipartUploadCommand({ Bucket: name, Key: 'medien/plan.png' }),
    )
    const part = await s3.client.send(
      new UploadPartCommand({ Bucket: name, Key: 'medien/plan.png', UploadId, PartNumber: 1, Body: 'Plan' }),
    )
    await s3.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: name,
        Key: 'medien/plan.png',
        UploadId,
        MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] },
      }),
    )
    expect((await listing(name)).get('medien/plan.png')).toContain('-')

    expect(await syncFolder({ client, bucket: name, dir })).toEqual({
      uploaded: ['medien/plan.png'],
      unchanged: 1,
      deleted: [],
    })
    expect((await listing(name)).get('medien/plan.png')).toBe(md5('Plan'))
  })

  it('pages through a listing of more than a thousand objects', async () => {
    const name = await bucket()
    const files = Object.fromEntries(
      Array.from({ length: 1100 }, (_, i) => [`aktuelles/seite-${i}/index.html`, `Seite ${i}`]),
    )
    const dir = await site({ 'index.html': 'Start', ...files })
    expect((await syncFolder({ client, bucket: name, dir })).uploaded).toHaveLength(1101)
    requests = []
    listPages = 0
    expect(await syncFolder({ client, bucket: name, dir })).toEqual({ uploaded: [], unchanged: 1101, deleted: [] })
    expect(requests).toEqual([])
    expect(listPages).toBe(2)
  })

  it('fails naming the bucket when it does not exist, and writes nothing', async () => {
    requests = []
    await expect(syncFolder({ client, bucket: 'fehlt', dir: await site(fullSite()) })).rejects.toThrow(
      'listing the bucket s3://fehlt failed: NoSuchBucket: The specified bucket does not exist',
    )
    expect(requests).toEqual([])
  })

  it('fails naming the object and the S3 error when an upload is refused, and deletes nothing after it', async () => {
    const name = await bucket()
    await syncFolder({ client, bucket: name, dir: await site({ ...fullSite(), 'alt.html': 'alt' }) })
    refused.add('aktuelles/werkstatt/index.html')
    try {
      await expect(syncFolder({ client, bucket: name, dir: await site(fullSite(2)) })).rejects.toThrow(
        `uploading s3://${name}/aktuelles/werkstatt/index.html failed: AccessDenied: Access Denied`,
      )
    } finally {
      refused.clear()
    }
    const objects = await listing(name)
    expect(objects.has('alt.html')).toBe(true)
    // The assets went up before the pages; the refused page keeps its old version.
    expect(objects.get('_astro/werkstatt_Z1ckkdc.avif')).toBe(md5('_astro/werkstatt_Z1ckkdc.avif v2'))
    expect(objects.get('aktuelles/werkstatt/index.html')).toBe(md5('aktuelles/werkstatt/index.html v1'))
  })

  it('refuses a folder without index.html instead of emptying the bucket', async () => {
    const name = await bucket()
    await syncFolder({ client, bucket: name, dir: await site(fullSite()) })
    await expect(syncFolder({ client, bucket: name, dir: await site({ 'robots.txt': 'leer' }) })).rejects.toThrow(
      `holds no index.html; the bucket s3://${name} is left as it is`,
    )
    expect((await listing(name)).size).toBe(Object.keys(SITE).length)
  })
})

describe('the s3 target with a CDN in front', () => {
  let cdn: http.Server
  let cdnUrl: string
  let purges: { paths: string[] }[] = []
  let answer = 200
  const target = (bucketName: string) => ({
    ...s3.env,
    SITE_BUILD_TARGET: 's3',
    SITE_S3_BUCKET: bucketName,
    CDN_PURGE_URL: cdnUrl,
  })

  beforeAll(async () => {
    cdn = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        purges.push(JSON.parse(body))
        res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer === 200 ? 'ok' : 'purge quota exceeded')
      })
    })
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve))
    cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/purge?token=geheim`
  })
  afterAll(async () => {
    for (const name of Object.keys(target(''))) delete process.env[name]
    await new Promise((resolve) => cdn?.close(resolve))
  })

  it('purges the URL paths of every changed and deleted object, and logs what it did', async () => {
    const name = await bucket()
    Object.assign(process.env, target(name))
    await uploadSite(
      await site({
        'index.html': 'Start',
        'aktuelles/werkstatt/index.html': 'Werkstatt',
        'feed.xml': 'Feed',
        'medien/plan.png': 'Plan',
      }),
    )
    expect(purges.map((p) => p.paths)).toEqual([['/', '/aktuelles/werkstatt/', '/feed.xml', '/medien/plan.png']])

    purges = []
    const log = await uploadSite(
      await site({
        'index.html': 'Start',
        'aktuelles/werkstatt/index.html': 'Werkstatt, neu',
        'feed.xml': 'Feed',
        'aktuelles/grün/index.html': 'Neu',
      }),
    )
    expect(purges).toEqual([{ paths: ['/aktuelles/gr%C3%BCn/', '/aktuelles/werkstatt/', '/medien/plan.png'] }])
    expect(log.split('\n')).toEqual([
      `s3://${name}: 2 uploaded, 2 unchanged, 1 deleted`,
      'uploaded aktuelles/grün/index.html',
      'uploaded aktuelles/werkstatt/index.html',
      'deleted medien/plan.png',
      'CDN purge: 3 path(s)',
    ])

    // Nothing changed: nothing to purge.
    purges = []
    await uploadSite(
      await site({
        'index.html': 'Start',
        'aktuelles/werkstatt/index.html': 'Werkstatt, neu',
        'feed.xml': 'Feed',
        'aktuelles/grün/index.html': 'Neu',
      }),
    )
    expect(purges).toEqual([])
  })

  it('fails when the CDN refuses, saying that the bucket is up to date already', async () => {
    const name = await bucket()
    Object.assign(process.env, target(name))
    answer = 503
    try {
      const failure = await uploadSite(await site({ 'index.html': 'Start' })).catch((error: Error) => error)
      expect((failure as Error).message).toBe(
        `CDN purge at ${new URL(cdnUrl).host} answered HTTP 503 (purge quota exceeded). The bucket s3://${name} already holds the new site (1 uploaded, 0 deleted); only the CDN may serve old copies until they expire`,
      )
    } finally {
      answer = 200
    }
    expect((await listing(name)).get('index.html')).toBe(md5('Start'))
  })
})
