import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CmsError, createClient } from '../src/client.ts'

/** A small real HTTP server whose behaviour each test sets; requests are recorded. */
let handler: (req: IncomingMessage, res: ServerResponse) => void
const requests: URL[] = []
const server = createServer((req, res) => {
  requests.push(new URL(req.url!, 'http://x'))
  handler(req, res)
})
let baseUrl: string
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))
beforeEach(() => {
  requests.length = 0
})

const doc = z.object({ id: z.number(), slug: z.string(), title: z.string() })
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}
const documents = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, slug: `doc-${i + 1}`, title: `Dokument ${i + 1}` }))
function servePages(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, 'http://x')
  const limit = Number(url.searchParams.get('limit'))
  const page = Number(url.searchParams.get('page'))
  const docs = documents.slice((page - 1) * limit, page * limit)
  json(res, 200, { docs, totalDocs: documents.length, page, hasNextPage: page * limit < documents.length })
}
const client = (extra = {}) => createClient({ baseUrl, pageSize: 3, backoffMs: 1, ...extra })

describe('the CMS client', () => {
  it('reads every page, with explicit limit, depth and locale', async () => {
    handler = servePages
    const docs = await client().list('press-releases', doc, { locale: 'en', depth: 1 })
    expect(docs.map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(requests).toHaveLength(3)
    for (const r of requests) {
      expect(r.searchParams.get('limit')).toBe('3')
      expect(r.searchParams.get('depth')).toBe('1')
      expect(r.searchParams.get('locale')).toBe('en')
    }
  })

  it('sends where and select in Payload query syntax', async () => {
    handler = servePages
    await client().list('press-releases', doc, {
      locale: 'de',
      depth: 0,
      where: { slug: { equals: 'a' } },
      select: ['title'],
    })
    expect(requests[0]!.searchParams.get('where[slug][equals]')).toBe('a')
    expect(requests[0]!.searchParams.get('select[title]')).toBe('true')
  })

  it('retries a transient failure with back-off and then succeeds', async () => {
    let calls = 0
    handler = (req, res) => (++calls <= 2 ? json(res, 503, { message: 'busy' }) : servePages(req, res))
    const docs = await client().list('milestones', doc, { locale: 'de', depth: 0 })
    expect(docs).toHaveLength(7)
    expect(calls).toBe(5)
  })

  it('gives up after its retries and names the collection and status', async () => {
    handler = (_req, res) => json(res, 502, { message: 'bad gateway' })
    await expect(client({ retries: 2 }).list('partners', doc, { locale: 'de', depth: 0 })).rejects.toThrow(
      /partners page 1: .*HTTP 502/,
    )
    expect(requests).toHaveLength(3)
  })

  it('does not retry a client error', async () => {
    handler = (_req, res) => json(res, 403, { errors: [{ message: 'forbidden' }] })
    await expect(client().list('pages', doc, { locale: 'de', depth: 0 })).rejects.toThrow(/HTTP 403/)
    expect(requests).toHaveLength(1)
  })

  it('fails on a network error instead of returning an empty list', async () => {
    const unreachable = createClient({ baseUrl: 'http://127.0.0.1:1', retries: 1, backoffMs: 1 })
    await expect(unreachable.list('pages', doc, { locale: 'de', depth: 0 })).rejects.toThrow(
      /cannot be reached .* after 2 attempts/,
    )
  })

  it('names collection, slug, id, field and problem of a document that breaks the schema', async () => {
    handler = (_req, res) =>
      json(res, 200, { docs: [{ id: 9, slug: 'kaputt', title: 42 }], totalDocs: 1, page: 1, hasNextPage: false })
    const error = await client()
      .list('press-releases', doc, { locale: 'de', depth: 0 })
      .catch((e) => e)
    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toMatch(/press-releases "kaputt" \(id 9\) breaks the contract: field title: .*string/)
  })

  it('refuses an answer that is not a list', async () => {
    handler = (_req, res) => json(res, 200, { message: 'hello' })
    await expect(client().list('pages', doc, { locale: 'de', depth: 0 })).rejects.toThrow(/not a Payload list/)
  })

  it('notices when fewer documents arrive than the CMS reports', async () => {
    handler = (_req, res) => json(res, 200, { docs: [documents[0]], totalDocs: 2, page: 1, hasNextPage: false })
    await expect(client().list('pages', doc, { locale: 'de', depth: 0 })).rejects.toThrow(
      /read 1 documents, but the CMS reports 2/,
    )
  })

  it('reads a global and checks it', async () => {
    handler = (_req, res) => json(res, 200, { siteName: 'Masterplan' })
    const settings = await client().global('site-settings', z.object({ siteName: z.string() }), {
      locale: 'de',
      depth: 0,
    })
    expect(settings.siteName).toBe('Masterplan')
    expect(requests[0]!.pathname).toBe('/api/globals/site-settings')
  })
})
