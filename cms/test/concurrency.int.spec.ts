import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { keepNewestLatest } from '../src/migrations/20261203_160000_one_latest_version.ts'
import * as route from '../src/app/(payload)/api/[...slug]/route.ts'
import { POOL_WAIT_MS } from '../src/db/pool.ts'
import { postgres } from '../src/db/postgres.ts'
import { anyPartner, createPublished, imageUpload, validDocument } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { type Reply, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

/**
 * Bursts of parallel requests, as two editors with autosave and an impatient retry loop produce.
 * Before the fixes, a burst of autosaves on a published release held every pooled connection in a
 * transaction waiting for one more (Payload's document-lock check ran outside the transaction),
 * and concurrent logins overwrote each other's sessions.
 */
let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'concurrency')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

/** Every request must answer within `ms`; one that does not fails the test instead of hanging it. */
async function allAnswer(requests: Promise<Reply>[], ms = 30_000): Promise<Reply[]> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not every request answered within ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([Promise.all(requests), deadline])
  } finally {
    clearTimeout(timer)
  }
}

const autosaves = (id: number, count: number, token: string) =>
  Array.from({ length: count }, (_, i) =>
    rest('PATCH', `/press-releases/${id}?draft=true&autosave=true`, {
      token,
      json: { lead: `Vorspann, Fassung ${i}` },
    }),
  )

const anonymousListAnswers = async () => (await allAnswer([rest('GET', '/press-releases?limit=1')], 10_000))[0].status

describe('parallel autosaves', () => {
  it('on a release published a moment ago all answer, four bursts of 25 in a row', async () => {
    for (let round = 0; round < 4; round++) {
      const release = await createPublished(payload, 'press-releases', { partner })
      const replies = await allAnswer(autosaves(release.id as number, 25, tokens.press))
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200))
    }
    expect(await anonymousListAnswers()).toBe(200)
  }, 180_000)

  it.each(['published', 'draft'] as const)(
    '50 at once on a %s release all answer, and the API answers right after',
    async (status) => {
      const release = await payload.create({
        collection: 'press-releases',
        data: { ...validDocument('press-releases', { partner }), _status: status } as never,
        draft: status === 'draft',
        overrideAccess: true,
      })
      const replies = await allAnswer(autosaves(release.id as number, 50, tokens.press))
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200))
      expect(await anonymousListAnswers()).toBe(200)
      // The published version is untouched by autosaves: the public still reads the original lead.
      if (status === 'published') {
        const publicDoc = await rest('GET', `/press-releases/${release.id}`)
        expect(publicDoc.body.lead).toBe((release as { lead: string }).lead)
      }
    },
    120_000,
  )
})

/** A PATCH through the app's own route file, as the server answers it (with what runs in front of Payload). */
async function patchThroughRoute(target: string, token: string, json: unknown): Promise<Reply> {
  const url = new URL(`/api${target}`, 'http://localhost:3000')
  const request = new Request(url, {
    method: 'PATCH',
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(json),
  })
  const slug = url.pathname.replace(/^\/api\//, '').split('/')
  const response = await route.PATCH(request, { params: Promise.resolve({ slug }) } as never)
  return { status: response.status, body: await response.json() }
}

describe('one latest version per document', () => {
  const db = () => postgres(payload).pool

  it('after 100 parallel autosaves from two users on one published release: one latest row, listed once', async () => {
    const release = await createPublished(payload, 'press-releases', { partner })
    const saves = Array.from({ length: 100 }, (_, i) =>
      patchThroughRoute(`/press-releases/${release.id}?draft=true&autosave=true`, i % 2 ? tokens.press : tokens.admin, {
        lead: `Vorspann von zwei Leuten, Fassung ${i}`,
      }),
    )
    const replies = await allAnswer(saves, 120_000)
    expect(
      replies
        .filter((r) => r.status !== 200)
        .map((r) => [r.status, JSON.stringify(r.body).slice(0, 300)])
        .slice(0, 3),
    ).toEqual([])
    const { rows } = await db().query(
      'SELECT count(*) FILTER (WHERE latest)::int AS latest FROM _press_releases_v WHERE parent_id = $1',
      [release.id],
    )
    expect(rows[0].latest).toBe(1)
    const listed = await rest('GET', `/press-releases?draft=true&limit=100&where[id][equals]=${release.id}`, {
      token: tokens.admin,
    })
    expect(listed.body.docs.map((d: { id: number }) => d.id)).toEqual([release.id])
    // The draft read back is the last save that answered, not an arbitrary one.
    const draft = await rest('GET', `/press-releases/${release.id}?draft=true`, { token: tokens.admin })
    expect(draft.body.lead).toMatch(/^Vorspann von zwei Leuten, Fassung \d+$/)
  }, 150_000)

  it('the migration repairs duplicates by keeping the newest latest row of each document', async () => {
    const release = await createPublished(payload, 'press-releases', { partner })
    for (const lead of ['Zweite Fassung', 'Dritte Fassung']) {
      await payload.update({
        collection: 'press-releases',
        id: release.id,
        data: { lead },
        draft: true,
        overrideAccess: true,
      })
    }
    const transaction = (await payload.db.beginTransaction())!
    const tx = postgres(payload).sessions[transaction]!.db
    try {
      // The state parallel autosaves left before the fix: every version of the release marked latest.
      await tx.execute(sql`ALTER TABLE _press_releases_v DISABLE TRIGGER USER`)
      await tx.execute(sql`DROP INDEX _press_releases_v_one_latest_idx`)
      await tx.execute(sql`UPDATE _press_releases_v SET latest = true WHERE parent_id = ${release.id}`)
      const newest = await tx.execute(
        sql`SELECT id FROM _press_releases_v WHERE parent_id = ${release.id} ORDER BY updated_at DESC, id DESC LIMIT 1`,
      )
      await tx.execute(keepNewestLatest('_press_releases_v'))
      const latest = await tx.execute(sql`SELECT id FROM _press_releases_v WHERE parent_id = ${release.id} AND latest`)
      expect(latest.rows.map((row) => row.id)).toEqual([newest.rows[0]!.id])
    } finally {
      await payload.db.rollbackTransaction(transaction)
    }
  })

  it.each([
    ['press-releases', '_press_releases_v'],
    ['milestones', '_milestones_v'],
    ['partners', '_partners_v'],
    ['pages', '_pages_v'],
  ] as const)('%s: the table %s refuses a second latest row, whoever writes it', async (collection, table) => {
    const parent = (await createPublished(payload, collection, { partner })).id
    // A second version, so that there is an older row to mark.
    await payload.update({ collection, id: parent, data: {}, draft: true, overrideAccess: true })
    const client = await db().connect()
    try {
      await client.query('BEGIN')
      // Marking an older row latest again moves the mark instead of adding a second one.
      const older = await client.query(
        `UPDATE ${table} SET latest = true WHERE id = (SELECT min(id) FROM ${table} WHERE parent_id = $1) RETURNING id`,
        [parent],
      )
      const count = await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE parent_id = $1 AND latest`, [
        parent,
      ])
      expect(count.rows[0].n).toBe(1)
      expect(older.rows).toHaveLength(1)
      // Without the trigger, the index itself refuses a second latest row.
      await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
      await expect(
        client.query(`UPDATE ${table} SET latest = true WHERE parent_id = $1 AND NOT latest`, [parent]),
      ).rejects.toThrow(/one_latest_idx/)
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  })
})

describe('a session', () => {
  it('survives 100 parallel authenticated writes', async () => {
    const release = await createPublished(payload, 'press-releases', { partner })
    const writes = Array.from({ length: 100 }, async (_, i) => {
      if (i % 3 === 0)
        return rest('PATCH', `/press-releases/${release.id}?draft=true&autosave=true`, {
          token: tokens.press,
          json: { lead: `Fassung ${i}` },
        })
      if (i % 3 === 1)
        return rest('POST', '/press-releases?draft=true', {
          token: tokens.press,
          json: { ...validDocument('press-releases', { partner }), _status: 'draft' },
        })
      return rest('POST', '/media', { token: tokens.press, form: await imageUpload() })
    })
    const replies = await allAnswer(writes, 90_000)
    expect(replies.filter((r) => r.status >= 300).map((r) => r.status)).toEqual([])
    expect((await rest('GET', '/users/me', { token: tokens.press })).body.user?.email).toBe(
      'press-concurrency@test.example',
    )
    expect((await rest('POST', '/media', { token: tokens.press, form: await imageUpload() })).status).toBe(201)
  }, 120_000)

  it('of every login in parallel works, and the earlier ones still do (two tabs, a retry loop)', async () => {
    const credentials = { email: 'editor-concurrency@test.example', password: 'correct-horse-battery-staple' }
    const logins = await allAnswer(Array.from({ length: 8 }, () => rest('POST', '/users/login', { json: credentials })))
    const refreshed = await allAnswer(
      logins.slice(0, 4).map((login) => rest('POST', '/users/refresh-token', { token: login.body.token })),
    )
    const everyToken = [
      tokens.editor,
      ...logins.map((l) => l.body.token),
      ...refreshed.map((r) => r.body.refreshedToken),
    ]
    for (const token of everyToken) {
      expect((await rest('GET', '/users/me', { token })).body.user?.email).toBe(credentials.email)
    }
  }, 60_000)
})

describe('an exhausted connection pool', () => {
  it('answers with an error after the pool wait instead of hanging, and recovers by itself', async () => {
    // Hold every pooled connection in an open transaction, as the old deadlock did.
    const pool = postgres(payload).pool
    const held: import('pg').PoolClient[] = []
    while (pool.idleCount > 0 || pool.totalCount < pool.options.max!) held.push(await pool.connect())
    await Promise.all(held.map((client) => client.query('BEGIN')))
    const started = Date.now()
    const [reply] = await allAnswer([rest('GET', '/press-releases?limit=1')], POOL_WAIT_MS + 10_000)
    expect(reply.status).toBeGreaterThanOrEqual(500)
    expect(Date.now() - started).toBeGreaterThanOrEqual(POOL_WAIT_MS - 500)
    await Promise.all(held.map((client) => client.query('ROLLBACK').then(() => client.release())))
    expect(await anonymousListAnswers()).toBe(200)
  }, 60_000)
})
