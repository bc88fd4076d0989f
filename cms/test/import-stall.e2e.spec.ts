import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { longAttribution, longParagraph, nestedTables, worstCase } from './import-hostile.fixtures.ts'
import { sleep } from './helpers/wait.ts'
import { apiToken, createUser, localApiOf } from './helpers/localApi.ts'

/**
 * Hostile Word files imported through a real CMS while /api/health is asked every 100 ms: the
 * import must not hold up the server's thread, whatever the file. With IMPORT_STALL_SIZES (e.g.
 * "10000,20000,40000,80000") the letter counts of the first two files can be varied to measure.
 */
let cms: TestCms
let payload: Payload
let token: string
const email = 'press@import-stall.example'
const password = 'import-stall-passwort-123'
const minute = 60_000
const HEALTH_LIMIT_MS = 500

beforeAll(async () => {
  cms = await startTestCms()
  payload = await localApiOf(cms)
  await createUser(payload, { email, password, role: 'press' })
  token = await apiToken(cms, email, password)
  // The first answers of a fresh server include loading its routes; that is not what is measured.
  for (let i = 0; i < 3; i++) await fetch(`${cms.url}/api/health`).then((response) => response.arrayBuffer())
}, 600_000)

afterAll(async () => {
  await payload?.destroy()
  await cms?.stop()
})

type Run = { status: number; message: string; seconds: number; worstHealthMs: number; healthAnswers: number }

/** Imports the file while another loop asks /api/health every 100 ms and keeps the slowest answer. */
async function importWhilePolling(bytes: Buffer, name: string): Promise<Run> {
  const latencies: number[] = []
  let importing = true
  const poll = (async () => {
    while (importing) {
      const started = performance.now()
      await fetch(`${cms.url}/api/health`).then((response) => response.arrayBuffer())
      latencies.push(performance.now() - started)
      await sleep(100)
    }
  })()
  const form = new FormData()
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name)
  const started = performance.now()
  const response = await fetch(`${cms.url}/api/press-releases/import-docx`, {
    method: 'POST',
    headers: { Authorization: `JWT ${token}` },
    body: form,
  })
  const answer = (await response.json()) as { errors?: { message: string }[] }
  const seconds = (performance.now() - started) / 1000
  importing = false
  await poll
  const run = {
    status: response.status,
    message: answer.errors?.[0]?.message ?? '',
    seconds: Math.round(seconds * 100) / 100,
    worstHealthMs: Math.round(Math.max(...latencies)),
    healthAnswers: latencies.length,
  }
  console.log(`import-stall ${name} (${bytes.length} bytes): ${JSON.stringify(run)}`)
  return run
}

const releases = async () => (await payload.count({ collection: 'press-releases', overrideAccess: true })).totalDocs

const sizes = (process.env.IMPORT_STALL_SIZES ?? '80000').split(',').map(Number)

describe('the CMS keeps answering while it imports', () => {
  it.each(sizes)(
    'a paragraph of %i letters',
    async (letters) => {
      const run = await importWhilePolling(await longParagraph(letters), `absatz-${letters}.docx`)
      expect(run.status).toBe(201)
      expect(run.worstHealthMs).toBeLessThan(HEALTH_LIMIT_MS)
    },
    5 * minute,
  )

  it.each(sizes)(
    'a one-word attribution beside %i capitals',
    async (letters) => {
      const run = await importWhilePolling(await longAttribution(letters), `zuordnung-${letters}.docx`)
      expect(run.status).toBe(201)
      expect(run.worstHealthMs).toBeLessThan(HEALTH_LIMIT_MS)
    },
    5 * minute,
  )

  it(
    'refuses 200 nested tables with a German message, writing nothing',
    async () => {
      const before = await releases()
      const run = await importWhilePolling(await nestedTables(200), 'tabellen.docx')
      expect(run.status).toBe(400)
      expect(run.message).toMatch(/^Das Dokument enthält Tabellen in 200 Ebenen ineinander.* \/ the document nests/)
      expect(run.worstHealthMs).toBeLessThan(HEALTH_LIMIT_MS)
      expect(await releases()).toBe(before)
    },
    5 * minute,
  )

  it(
    'imports a 10 MB file at every limit',
    async () => {
      const file = await worstCase()
      expect(file.length).toBeGreaterThan(9_000_000)
      const run = await importWhilePolling(file, 'grenzfall.docx')
      expect(run.status).toBe(201)
      expect(run.worstHealthMs).toBeLessThan(HEALTH_LIMIT_MS)
    },
    5 * minute,
  )
})
