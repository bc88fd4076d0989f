import { IMAGE_MAX_PIXELS } from '@masterplan/shared'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { MAX_QUERY_COST } from '../src/graphql/queryCost.ts'
import { MAX_QUERY_TOKENS } from '../src/graphql/documentLimits.ts'
import { groupRssMb, probeHealth } from './helpers/healthProbe.ts'
import { whitePng } from './helpers/pngBomb.ts'
import { apiToken, createUser, localApiOf } from './helpers/localApi.ts'

/**
 * Requests that tied up the whole CMS, sent to a real server while /api/health is asked every
 * 100 ms: no answer may take longer than HEALTH_MS, and the server's memory may grow by at most
 * RSS_GROWTH_MB. Reproduced first: a 100 MB GraphQL body was read (RSS +450 MB), 190 aliased list
 * queries ran 190 database queries, a 775 kB PNG of 16,000² pixels took 12.6 s to process.
 */
const HEALTH_MS = 500
const RSS_GROWTH_MB = 300
const MB = 1024 * 1024
let cms: TestCms
let payload: Payload
let token: string

beforeAll(async () => {
  cms = await startTestCms()
  payload = await localApiOf(cms)
  const credentials = { email: 'editor@adversaries.example', password: 'adversaries-passwort-123' }
  await createUser(payload, { ...credentials, role: 'editor' })
  token = await apiToken(cms, credentials.email, credentials.password)
  // Each route's first request loads its code (and GraphQL builds its schema): a start-up cost
  // the tests below must not count as the attack's.
  await graphql('{ PressReleases(limit: 1) { docs { id } } }')
  await fetch(`${cms.url}/api/press-releases?limit=1`, { method: 'POST', headers: overrideGet, body: 'limit=1' })
  await upload(await whitePng(64, 64), 'aufwaermen.png')
}, 600_000)

afterAll(async () => {
  await payload?.destroy()
  await cms?.stop()
})

/** Runs `work` while polling health and sampling the server's memory; returns what work returned. */
async function underWatch<T>(work: () => Promise<T>): Promise<{ result: T; worstMs: number; rssGrowthMb: number }> {
  const pgid = cms.serverPid()!
  const before = groupRssMb(pgid)
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, groupRssMb(pgid))
  }, 100)
  const probe = await probeHealth(cms.url)
  try {
    const result = await work()
    const { worstMs, answers } = await probe.stop()
    // At least every half second an answer, or the probe itself was held up.
    expect(answers).toBeGreaterThan(0)
    return { result, worstMs, rssGrowthMb: peak - before }
  } finally {
    clearInterval(sampler)
    await probe.stop()
  }
}

const graphql = (query: string, extra: RequestInit = {}) =>
  fetch(`${cms.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(60_000),
    ...extra,
  })

const overrideGet = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-HTTP-Method-Override': 'GET' }

const aliases = (count: number, limit = 10) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: PressReleases(limit: ${limit}) { docs { id title } }`).join(' ')} }`

const upload = (png: Buffer, name: string) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), name)
  form.append('_payload', JSON.stringify({ alt: 'Weiße Fläche', credit: 'Foto: Test' }))
  return fetch(`${cms.url}/api/media`, {
    method: 'POST',
    headers: { Authorization: `JWT ${token}` },
    body: form,
    signal: AbortSignal.timeout(120_000),
  })
}

describe('bodies', () => {
  it('a 100 MB anonymous POST to /api/graphql is refused with 413 without being read', async () => {
    const body = Buffer.alloc(100 * MB, 0x20)
    const watched = await underWatch(async () => {
      const response = await fetch(`${cms.url}/api/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      }).catch((error: Error) => error)
      // The server may answer before the client finished sending, and then close the connection.
      return response instanceof Response ? { status: response.status, text: await response.text() } : null
    })
    if (watched.result) {
      expect(watched.result.status).toBe(413)
      expect(watched.result.text).toContain('größer als 2 MB')
    }
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
    expect(watched.rssGrowthMb).toBeLessThan(RSS_GROWTH_MB)
  }, 120_000)

  it('a 30 MB POST with X-HTTP-Method-Override: GET is refused with 413', async () => {
    const watched = await underWatch(async () => {
      const response = await fetch(`${cms.url}/api/press-releases`, {
        method: 'POST',
        headers: overrideGet,
        body: `where[title][like]=${'x'.repeat(30 * MB)}`,
      }).catch((error: Error) => error)
      return response instanceof Response ? response.status : null
    })
    if (watched.result !== null) expect(watched.result).toBe(413)
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
    expect(watched.rssGrowthMb).toBeLessThan(RSS_GROWTH_MB)
    // The admin's own use of the override (a list search) still works.
    const search = await fetch(`${cms.url}/api/press-releases`, {
      method: 'POST',
      headers: overrideGet,
      body: 'limit=1',
    })
    expect(search.status).toBe(200)
  }, 120_000)
})

describe('GraphQL', () => {
  it('refuses 190 aliased list queries by their length in tokens, in German, before validating them', async () => {
    const watched = await underWatch(async () => {
      const response = await graphql(aliases(190))
      return { status: response.status, body: await response.json() }
    })
    expect(watched.result.status).toBe(400)
    expect(watched.result.body.errors[0].message).toContain(
      `Die GraphQL-Abfrage ist zu lang: mehr als ${MAX_QUERY_TOKENS} Tokens`,
    )
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
  }, 60_000)

  it('refuses 60 aliased list queries by their cost, naming it, before running any', async () => {
    const watched = await underWatch(async () => {
      const response = await graphql(aliases(60))
      return { status: response.status, body: await response.json() }
    })
    // graphql-http answers a refused query 200 to clients that accept application/json, 400 to the others.
    expect([200, 400]).toContain(watched.result.status)
    expect(watched.result.body.errors[0].message).toMatch(/Die Abfrage ist zu aufwendig: Kosten 7800, höchstens 5000/)
    expect(watched.result.body.data).toBeUndefined()
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
  }, 60_000)

  it('runs a query within the cost, and counts a variable limit', async () => {
    const ok = await graphql(aliases(5))
    expect(ok.status).toBe(200)
    expect(Object.keys((await ok.json()).data)).toHaveLength(5)
    const query = 'query ($n: Int) { PressReleases(limit: $n) { docs { id title slug lead } } }'
    const many = await fetch(`${cms.url}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables: { n: MAX_QUERY_COST } }),
    })
    // With graphql-response+json a refused query answers 400.
    expect(many.status).toBe(400)
    const refused = await many.json()
    expect(refused.data).toBeUndefined()
    expect(refused.errors[0].message).toContain('zu aufwendig')
  }, 60_000)

  it('eight parallel queries near the highest allowed cost from one client: one runs at a time, the others get 429, health answers', async () => {
    const watched = await underWatch(() =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          const response = await graphql(aliases(15))
          return { status: response.status, retryAfter: response.headers.get('retry-after') }
        }),
      ),
    )
    const statuses = watched.result.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1)
    expect(watched.result.find((r) => r.status === 429)?.retryAfter).toBe('1')
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
  }, 120_000)
})

describe('images', () => {
  it('refuses a PNG of 16,000 × 16,000 pixels by its header, three at once, with the limit in German', async () => {
    const bomb = await whitePng(16_000, 16_000)
    expect(bomb.length).toBeLessThan(MB)
    const watched = await underWatch(() =>
      Promise.all(
        [1, 2, 3].map(async (n) => {
          const response = await upload(bomb, `flut-${n}.png`)
          return { status: response.status, body: await response.json() }
        }),
      ),
    )
    for (const reply of watched.result) {
      expect(reply.status).toBe(400)
      expect(reply.body.errors[0].data.errors[0]).toMatchObject({
        path: 'file',
        message: expect.stringContaining('16000 × 16000 Pixel (256 Megapixel), höchstens 64 Megapixel'),
      })
    }
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
    expect(watched.rssGrowthMb).toBeLessThan(RSS_GROWTH_MB)
    const { totalDocs } = await payload.count({ collection: 'media', where: { filename: { like: 'flut' } } })
    expect(totalDocs).toBe(0)
  }, 180_000)

  it('accepts the largest image allowed, and health still answers while it is processed', async () => {
    const side = Math.floor(Math.sqrt(IMAGE_MAX_PIXELS))
    const largest = await whitePng(side, side)
    const watched = await underWatch(async () => {
      const response = await upload(largest, 'groesstes.png')
      return { status: response.status, body: await response.json() }
    })
    expect(watched.result.status, JSON.stringify(watched.result.body)).toBe(201)
    expect(watched.result.body.doc).toMatchObject({ width: side, height: side })
    expect(watched.worstMs).toBeLessThan(HEALTH_MS)
    expect(watched.rssGrowthMb).toBeLessThan(RSS_GROWTH_MB * 2)
  }, 180_000)
})
