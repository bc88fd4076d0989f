import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, inject, it } from 'vitest'
import { freePort } from '@masterplan/cms/testing'
import { contentHash } from '../scripts/content-hash.ts'
import { siteDir } from './setup/build.ts'

const siteUrl = inject('siteUrl')
const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/**
 * One request as a client sends it, the body as it came over the wire (fetch would decompress it).
 * The path goes out as written: a URL parser would already resolve `%2e%2e` and `..`.
 */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const [, origin, urlPath] = /^(https?:\/\/[^/]+)(\/.*)$/.exec(url)!
  const { hostname, port } = new URL(origin!)
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: urlPath, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      )
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end()
  })
}

const onDisk = (file: string) => readFile(path.join(dist, file))

describe('compression', () => {
  it('sends the search UI script in brotli and gzip, compressed at build time, the same bytes once decompressed', async () => {
    const file = await onDisk('pagefind/pagefind-ui.js')
    const url = `${siteUrl}/pagefind/pagefind-ui.js`
    const plain = await raw(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(file)).toBe(true)

    const br = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toContain('Accept-Encoding')
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true)
    expect(br.body.length).toBeLessThan(file.length * 0.3)
    // Made by the build (strongest setting), not on request: the copy is in the target's store.
    const stored = path.join(path.dirname(dist), 'compressed', `${contentHash(file)}.br`)
    expect(existsSync(stored)).toBe(true)
    expect(br.body.equals(await readFile(stored))).toBe(true)

    const gz = await raw(url, { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).equals(file)).toBe(true)
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length)
  })

  it('compresses pages on request, and respects a refused encoding (q=0)', async () => {
    const file = await onDisk('aktuelles/index.html')
    const br = await raw(`${siteUrl}/aktuelles/`, { 'Accept-Encoding': 'br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true)
    const gz = await raw(`${siteUrl}/aktuelles/`, { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).equals(file)).toBe(true)
    const none = await raw(`${siteUrl}/aktuelles/`, { 'Accept-Encoding': 'identity' })
    expect(none.headers['content-encoding']).toBeUndefined()
    expect(none.body.equals(file)).toBe(true)
  })

  it('leaves images and Pagefind chunks, compressed already, as they are', async () => {
    const wasm = (await readdir(path.join(dist, 'pagefind'))).find((f) => f.endsWith('.pagefind'))!
    const answer = await raw(`${siteUrl}/pagefind/${wasm}`, { 'Accept-Encoding': 'br, gzip' })
    expect(answer.headers['content-encoding']).toBeUndefined()
    expect(answer.headers['content-type']).toBe('application/octet-stream')
    expect(answer.body.equals(await onDisk(`pagefind/${wasm}`))).toBe(true)
  })
})

describe('validators', () => {
  it('names the bytes: the ETag is the hash of the content, one per encoding', async () => {
    const file = await onDisk('index.html')
    expect((await raw(`${siteUrl}/`)).headers.etag).toBe(`"${contentHash(file)}"`)
    expect((await raw(`${siteUrl}/`, { 'Accept-Encoding': 'br' })).headers.etag).toBe(`"${contentHash(file)}-br"`)
  })

  it('answers 304 to If-None-Match and to If-Modified-Since, 200 when the copy is older', async () => {
    for (const [urlPath, encoding] of [
      ['/', 'br'],
      ['/pagefind/pagefind-ui.js', 'gzip'],
      ['/feed.xml', 'identity'],
    ] as const) {
      const first = await raw(siteUrl + urlPath, { 'Accept-Encoding': encoding })
      expect(first.status).toBe(200)
      const { etag, 'last-modified': lastModified } = first.headers
      expect(lastModified).toBeTruthy()
      const byTag = await raw(siteUrl + urlPath, { 'Accept-Encoding': encoding, 'If-None-Match': etag! })
      expect(byTag.status, urlPath).toBe(304)
      expect(byTag.body.length).toBe(0)
      expect(byTag.headers.etag).toBe(etag)
      const byDate = await raw(siteUrl + urlPath, { 'Accept-Encoding': encoding, 'If-Modified-Since': lastModified! })
      expect(byDate.status, urlPath).toBe(304)
      const older = new Date(Date.parse(lastModified!) - 60_000).toUTCString()
      expect((await raw(siteUrl + urlPath, { 'If-Modified-Since': older })).status).toBe(200)
      // A tag that is not this file's wins over a matching date (RFC 9110 13.2.2).
      expect(
        (await raw(siteUrl + urlPath, { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified! })).status,
      ).toBe(200)
    }
  })

  it('serves a byte range of a file', async () => {
    const file = await onDisk('index.html')
    const part = await raw(`${siteUrl}/`, { Range: 'bytes=10-19' })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 10-19/${file.length}`)
    expect(part.body.equals(file.subarray(10, 20))).toBe(true)
  })
})

describe('content types', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/pagefind/pagefind-ui.js', 'text/javascript; charset=utf-8'],
    ['/pagefind/pagefind-entry.json', 'application/json; charset=utf-8'],
    ['/zeitplan.ics', 'text/calendar; charset=utf-8'],
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/en/zeitplan.ics', 'text/calendar; charset=utf-8'],
    ['/en/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/favicon.ico', 'image/x-icon'],
  ])('%s is %s', async (urlPath, type) => {
    expect((await raw(siteUrl + urlPath)).headers['content-type']).toBe(type)
  })
})

describe('canonical addresses', () => {
  it.each([
    ['/aktuelles', '/aktuelles/'],
    ['/en/presse', '/en/presse/'],
    ['/aktuelles?seite=2', '/aktuelles/?seite=2'],
  ])('%s redirects permanently to %s', async (from, to) => {
    const answer = await raw(siteUrl + from)
    expect(answer.status).toBe(301)
    expect(answer.headers.location).toBe(to)
  })

  it('does not redirect to a folder that has no page', async () => {
    expect((await raw(`${siteUrl}/pagefind`)).status).toBe(404)
  })

  it('answers 404 with the site’s page for /404/, /404.html and unknown addresses', async () => {
    const page = await onDisk('404.html')
    for (const urlPath of ['/404/', '/404.html', '/gibt-es-nicht/', '/gibt-es-nicht', '/aktuelles/gibt-es-nicht.pdf']) {
      const answer = await raw(siteUrl + urlPath)
      expect(answer.status, urlPath).toBe(404)
      expect(answer.body.equals(page), urlPath).toBe(true)
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
    }
  })

  it('answers HEAD like GET, without the body', async () => {
    for (const urlPath of ['/', '/pagefind/pagefind-ui.js', '/gibt-es-nicht/', '/aktuelles']) {
      const [get, head] = await Promise.all([raw(siteUrl + urlPath), raw(siteUrl + urlPath, {}, 'HEAD')])
      expect(head.status).toBe(get.status)
      expect(head.body.length).toBe(0)
      for (const name of ['content-type', 'content-length', 'etag', 'last-modified', 'location'])
        expect(head.headers[name], `${urlPath} ${name}`).toBe(get.headers[name])
    }
  })
})

describe('requests the site cannot answer', () => {
  it('answers 4xx to malformed or escaping paths and other methods, and keeps serving', async () => {
    expect((await raw(`${siteUrl}/%E0%A4%A`)).status).toBe(400)
    expect((await raw(`${siteUrl}/..%2F..%2F..%2Fetc%2Fpasswd`)).status).toBe(400)
    expect((await raw(`${siteUrl}/a/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(400)
    expect((await raw(`${siteUrl}/%00`)).status).toBe(400)
    expect((await raw(`${siteUrl}/.well-known/../.git/config`)).status).toBe(400)
    const post = await raw(`${siteUrl}/`, {}, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
    expect((await raw(`${siteUrl}/`)).status).toBe(200)
  })

  it('answers 503 while there is no site yet, and serves it once the link exists', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-serve-'))
    const port = await freePort()
    let server: ChildProcess | undefined
    try {
      server = spawn(
        process.execPath,
        [path.join(siteDir, 'scripts/serve.ts'), path.join(root, 'live'), '--port', String(port)],
        {
          stdio: 'ignore',
        },
      )
      let first: Raw | undefined
      for (let i = 0; i < 100 && !first; i++) {
        first = await raw(`http://localhost:${port}/`).catch(() => undefined)
        if (!first) await new Promise((r) => setTimeout(r, 100))
      }
      expect(first?.status).toBe(503)
      await mkdir(path.join(root, 'build'))
      await writeFile(path.join(root, 'build', 'index.html'), '<!doctype html><title>x</title>')
      await symlink('build', path.join(root, 'live'))
      expect((await raw(`http://localhost:${port}/`)).status).toBe(200)
      expect(server.exitCode).toBeNull()
    } finally {
      server?.kill('SIGTERM')
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('HEAD on the CMS API', () => {
  it.each(['/api/health', '/api/press-releases', '/api/milestones'])(
    'HEAD %s answers as GET does, without a body',
    async (urlPath) => {
      const [get, head] = await Promise.all([raw(cmsUrl + urlPath), raw(cmsUrl + urlPath, {}, 'HEAD')])
      expect([200, 503]).toContain(get.status)
      expect(head.status).toBe(get.status)
      expect(head.body.length).toBe(0)
      expect(head.headers['content-type']).toBe(get.headers['content-type'])
    },
  )
})
