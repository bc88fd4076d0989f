import { access, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { richText } from '../src/seed/fixtures/index.ts'
import * as route from '../src/app/(payload)/api/[...slug]/route.ts'
import * as graphqlRoute from '../src/app/(payload)/api/graphql/route.ts'
import {
  anyPartner,
  type Collection,
  createPublished,
  fileUpload,
  imageUpload,
  uniqueSlug,
  validDocument,
} from './helpers/documents.ts'
import { declaredBodies, declaredBody } from '../src/badInput/declaredBodies.ts'
import { bootPayload, config } from './helpers/payload.ts'
import { errorPaths, graphqlQuery, type Reply } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

/**
 * Hostile and malformed input must be refused with a 4xx that says what is wrong, never a 500, and
 * must leave the database as it was. Requests go through the app's own REST route file, so checks
 * that live in front of Payload are exercised too.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
type Handler = (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>
const handlers = route as unknown as Record<Method, Handler>

type Send = { token?: string; json?: unknown; raw?: BodyInit; contentType?: string; form?: FormData }

/** Like the `rest` helper, but for any body and content type, and with Next's decoding of the path. */
async function call(
  method: Method,
  target: string,
  { token, json, raw, contentType, form }: Send = {},
): Promise<Reply> {
  const url = new URL(`/api${target}`, 'http://localhost:3000')
  const headers = new Headers()
  if (token) headers.set('Authorization', `JWT ${token}`)
  let body: BodyInit | undefined = form ?? raw
  if (json !== undefined) body = JSON.stringify(json)
  if (contentType) headers.set('Content-Type', contentType)
  else if (json !== undefined) headers.set('Content-Type', 'application/json')
  const request = new Request(url, { method, headers, body })
  // Next hands the catch-all segments to the route decoded once.
  const slug = url.pathname
    .replace(/^\/api\//, '')
    .split('/')
    .map(decodeURIComponent)
  const response = await handlers[method](request, { params: Promise.resolve({ slug }) })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // a non-JSON answer stays text, so the assertions below can show it
  }
  return { status: response.status, body: parsed }
}

let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'bad-input')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

/** An id of the right type that no document has. */
const MISSING = 2_000_000_000

const collections = ['press-releases', 'milestones', 'partners', 'pages', 'media', 'users'] as const
/** Documents and versions of every collection a request could write to. */
async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {}
  for (const collection of collections) {
    result[collection] = (await payload.count({ collection, overrideAccess: true })).totalDocs
    if (collection !== 'media' && collection !== 'users') {
      result[`${collection} versions`] = (await payload.countVersions({ collection, overrideAccess: true })).totalDocs
    }
  }
  return result
}

const text = (reply: Reply) => JSON.stringify(reply.body)

/**
 * Sends a bad request and checks the status, that the answer names `names` (a field path Payload
 * reports, or else a word of the message), and that nothing was written.
 */
async function expectRefused(send: () => Promise<Reply>, status: number, names: string): Promise<Reply> {
  const before = await counts()
  const reply = await send()
  expect(reply.status, text(reply).slice(0, 600)).toBe(status)
  const named = errorPaths(reply).includes(names) || text(reply).includes(names)
  expect(named, `${names} not named in ${text(reply).slice(0, 600)}`).toBe(true)
  expect(await counts()).toEqual(before)
  return reply
}

const valid = (collection: Collection) => validDocument(collection, { partner })

/** A save in each of the three ways a client writes: publish, save a draft, update a published document. */
const modes = ['published', 'draft', 'update'] as const
type Mode = (typeof modes)[number]

/** A new document with `changes`, published or saved as a draft. */
const create = (collection: Collection, status: 'published' | 'draft', changes: Record<string, unknown>) =>
  call('POST', `/${collection}${status === 'draft' ? '?draft=true' : ''}`, {
    token: tokens.admin,
    json: { ...valid(collection), _status: status, ...changes },
  })

/** A save with `changes` is refused with the field at `path` named in Payload's error format. */
async function expectSaveRefused(collection: Collection, mode: Mode, changes: Record<string, unknown>, path: string) {
  // The document to update exists before counting starts, so only the bad write counts.
  const target =
    mode === 'update'
      ? ((await createPublished(payload, collection, { partner })) as unknown as { id: number }).id
      : undefined
  const reply = await expectRefused(
    () =>
      target === undefined
        ? create(collection, mode as 'published' | 'draft', changes)
        : call('PATCH', `/${collection}/${target}`, { token: tokens.admin, json: changes }),
    400,
    path,
  )
  expect(errorPaths(reply)).toContain(path)
  return reply
}

describe('a relation to a document that does not exist', () => {
  const cases: Array<[Collection, string, unknown, string]> = [
    ['press-releases', 'issuers', [MISSING], 'issuers'],
    ['press-releases', 'images', [{ image: MISSING, caption: 'Fehlt' }], 'images.0.image'],
    ['press-releases', 'attachments', [MISSING], 'attachments'],
    ['press-releases', 'relatedMilestones', [MISSING], 'relatedMilestones'],
    ['partners', 'logo', MISSING, 'logo'],
    ['milestones', 'relatedPressReleases', [MISSING], 'relatedPressReleases'],
    ['milestones', 'partners', [MISSING], 'partners'],
  ]
  for (const mode of modes) {
    it.each(cases)(`is refused on %s.%s (${mode}) with the field named`, async (collection, field, value, path) => {
      const reply = await expectSaveRefused(collection, mode, { [field]: value }, path)
      expect(text(reply)).toContain(String(MISSING))
    })
  }

  it('is explained through GraphQL as well', async () => {
    const before = await counts()
    const body = '{ root: { type: "root", version: 1, direction: null, format: "", indent: 0, children: [] } }'
    const contacts = '[{ name: "Erika Beispiel", email: "presse@beispiel.example" }]'
    const data = `{ title: "Entwurf", slug: "${uniqueSlug('gql')}", releaseDate: "2026-05-04T08:00:00.000Z", lead: "Vorspann", body: ${body}, contacts: ${contacts}, issuers: [${MISSING}] }`
    const mutation = `mutation { createPressRelease(draft: true, data: ${data}) { id } }`
    const reply = await graphqlQuery(mutation, tokens.admin)
    const [error] = reply.body.errors ?? []
    expect(error?.message, text(reply)).toContain(`${MISSING} in partners`)
    expect(error.extensions.statusCode).toBe(400)
    expect(await counts()).toEqual(before)
  })

  it('of the wrong type is refused in a draft too', async () => {
    await expectSaveRefused('press-releases', 'draft', { issuers: ['abc'] }, 'issuers')
  })

  it('that exists saves', async () => {
    const reply = await create('press-releases', 'published', { issuers: [partner] })
    expect(reply.status, text(reply)).toBe(201)
  })
})

describe('a value the database cannot store', () => {
  it.each(modes)('a NUL byte in a title (%s) is refused with the field named', async (mode) => {
    await expectSaveRefused('press-releases', mode, { title: 'Titel mit \u0000 darin' }, 'title')
  })

  it('a NUL byte deep in a document names its path', async () => {
    const contacts = [{ name: 'Erika\u0000', email: 'presse@beispiel.example' }]
    await expectSaveRefused('press-releases', 'published', { contacts }, 'contacts.0.name')
  })

  it('a NUL byte in rich text is refused', async () => {
    await expectSaveRefused(
      'press-releases',
      'published',
      { body: richText('Ein \u0000 im Text.') },
      'body.root.children.0.children.0.text',
    )
  })

  it.each(
    modes.flatMap((mode) =>
      ['99999-01-01T00:00:00.000Z', '+099999-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z'].map((date) => [
        mode,
        date,
      ]),
    ),
  )('the year 99999 (or 0) in a date (%s, %s) is refused with the field named', async (mode, date) => {
    await expectSaveRefused('press-releases', mode as Mode, { releaseDate: date }, 'releaseDate')
  })

  it.each(modes)('a milestone date "foo" (%s) is refused with the field named', async (mode) => {
    await expectSaveRefused('milestones', mode, { plannedDate: 'foo' }, 'plannedDate')
  })

  it('a date "foo" inside an array names its row', async () => {
    const corrections = [{ date: 'foo', note: 'Korrigiert.' }]
    await expectSaveRefused('press-releases', 'draft', { corrections }, 'corrections.0.date')
  })

  it.each(['published', 'update'] as const)('_status "live" (%s) is refused with the field named', async (mode) => {
    await expectSaveRefused('press-releases', mode, { _status: 'live' }, '_status')
  })

  it.each(modes)('rich text whose children are not a list (%s) is refused with the field named', async (mode) => {
    const body = { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: 'kein Array' } }
    await expectSaveRefused('press-releases', mode, { body }, 'body')
  })

  it.each(['published', 'update'] as const)('body: null (%s) is refused as missing', async (mode) => {
    await expectSaveRefused('press-releases', mode, { body: null }, 'body')
  })

  it('10,000 contacts are refused with the field named', async () => {
    const contacts = Array.from({ length: 10_000 }, (_, i) => ({
      name: `Kontakt ${i}`,
      email: `k${i}@beispiel.example`,
    }))
    await expectSaveRefused('press-releases', 'published', { contacts }, 'contacts')
  })

  it('100,000 issuers are refused with the field named', async () => {
    await expectSaveRefused(
      'press-releases',
      'published',
      { issuers: Array.from({ length: 100_000 }, () => partner) },
      'issuers',
    )
  })

  it('a numeric password is refused with the field named', async () => {
    const json = { email: `zahl-${Date.now()}@test.example`, password: 123456789012345, role: 'editor' }
    await expectRefused(() => call('POST', '/users', { token: tokens.admin, json }), 400, 'password')
  })

  it('a numeric password at login is refused with the field named (Payload already does)', async () => {
    await expectRefused(
      () => call('POST', '/users/login', { json: { email: 'editor-bad-input@test.example', password: 1234567890123 } }),
      400,
      'password',
    )
  })
})

describe('timestamps sent by a client', () => {
  const past = '2001-01-01T00:00:00.000Z'

  it('are ignored on create: the server sets both', async () => {
    const started = Date.now()
    const reply = await call('POST', '/press-releases', {
      token: tokens.admin,
      json: { ...valid('press-releases'), _status: 'published', createdAt: past, updatedAt: past },
    })
    expect(reply.status, text(reply)).toBe(201)
    const stored = await payload.findByID({ collection: 'press-releases', id: reply.body.doc.id, overrideAccess: true })
    expect(Date.parse(stored.createdAt)).toBeGreaterThanOrEqual(started - 1000)
    expect(Date.parse(stored.updatedAt)).toBeGreaterThanOrEqual(started - 1000)
  })

  it.each(['published', 'draft'] as const)('are ignored on update (%s): createdAt keeps its value', async (status) => {
    const doc = (await createPublished(payload, 'milestones', { partner })) as unknown as {
      id: number
      createdAt: string
    }
    const started = Date.now()
    const reply = await call('PATCH', `/milestones/${doc.id}${status === 'draft' ? '?draft=true' : ''}`, {
      token: tokens.admin,
      json: { title: 'Neu', _status: status, createdAt: past, updatedAt: past },
    })
    expect(reply.status, text(reply)).toBe(200)
    const stored = await payload.findByID({
      collection: 'milestones',
      id: doc.id,
      draft: status === 'draft',
      overrideAccess: true,
    })
    expect(stored.createdAt).toBe(doc.createdAt)
    expect(Date.parse(stored.updatedAt)).toBeGreaterThanOrEqual(started - 1000)
  })

  it('may still be set by server code, e.g. an import through the Local API', async () => {
    const doc = await createPublished(payload, 'partners', { partner }, { createdAt: past })
    expect(doc.createdAt).toBe(past)
  })
})

describe('a request body that is not a JSON document', () => {
  const post = (raw: BodyInit, contentType?: string) => () =>
    call('POST', '/press-releases', { token: tokens.admin, raw, contentType })

  it('malformed JSON is refused as such', async () => {
    const reply = await expectRefused(
      post('{"title": "Offen', 'application/json'),
      400,
      'kein gültiges JSON / the request body is not valid JSON',
    )
    expect(text(reply)).not.toContain('unknown error')
  })

  it.each(['null', '[]', '"Text"', '42'])('the JSON value %s is refused: a document is an object', async (raw) => {
    await expectRefused(post(raw, 'application/json'), 400, 'JSON')
  })

  it.each([
    ['text/plain', 'title=Hallo'],
    ['application/x-www-form-urlencoded', 'title=Hallo&lead=Text'],
    ['application/xml', '<pressRelease><title>Hallo</title></pressRelease>'],
    ['text/xml', '<a/>'],
  ])('%s is refused as an unsupported media type', async (contentType, raw) => {
    await expectRefused(post(raw, contentType), 415, contentType)
  })

  it('a body without a content type is refused as an unsupported media type', async () => {
    await expectRefused(post(new Blob(['{"title":"Hallo"}'])), 415, 'Content-Type')
  })

  it('a form without the document in `_payload` is refused with `_payload` named', async () => {
    const form = new FormData()
    form.append('title', 'Hallo')
    await expectRefused(() => call('POST', '/press-releases', { token: tokens.admin, form }), 400, '_payload')
  })

  it('a form whose `_payload` is malformed JSON is refused as such', async () => {
    const form = new FormData()
    form.append('_payload', '{"title": ')
    await expectRefused(() => call('POST', '/press-releases', { token: tokens.admin, form }), 400, 'JSON')
  })

  it('a body above the size limit answers 413', async () => {
    const huge = JSON.stringify({ ...valid('press-releases'), lead: 'x'.repeat(12 * 1024 * 1024) })
    await expectRefused(post(huge, 'application/json'), 413, 'MB')
  })

  it('the same JSON through PATCH is refused as well', async () => {
    const { id } = (await createPublished(payload, 'partners', { partner })) as unknown as { id: number }
    await expectRefused(
      () =>
        call('PATCH', `/partners/${id}`, { token: tokens.admin, raw: '{"name": ', contentType: 'application/json' }),
      400,
      'JSON',
    )
  })
})

describe('the endpoints that take a form or a file', () => {
  it('say so where they are defined, and the guard finds them by method and path', async () => {
    const routes = declaredBodies(await config)
    const body = (method: string, p: string) => declaredBody(routes, method, `/api${p}`)
    expect(body('POST', '/subscriptions/request')).toBe('form')
    expect(body('POST', '/subscriptions/unsubscribe')).toBe('form')
    expect(body('POST', '/press-releases/17/correction-alert')).toBe('form')
    expect(body('POST', '/press-releases/import-docx')).toBe('file')
    // The confirmation page of an unsubscribe link, a document's own route, a path beyond the endpoint's.
    expect(body('GET', '/subscriptions/unsubscribe')).toBeUndefined()
    expect(body('POST', '/press-releases/17')).toBeUndefined()
    expect(body('POST', '/press-releases/17/correction-alert/more')).toBeUndefined()
  })

  it('a form sent to an endpoint that takes none is refused as an unsupported media type', async () => {
    await expectRefused(
      () =>
        call('POST', '/partners', {
          token: tokens.admin,
          raw: 'name=Hallo',
          contentType: 'application/x-www-form-urlencoded',
        }),
      415,
      'application/x-www-form-urlencoded',
    )
  })
})

describe('a JSON body with a hostile shape', () => {
  const nestedLists = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`
  const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
  const withTitle = (value: string) => `{"title": ${value}, "slug": "${uniqueSlug('tief')}"}`

  it.each([
    ['lists', 2_000, nestedLists],
    ['lists', 20_000, nestedLists],
    ['objects', 2_000, nestedObjects],
    ['objects', 20_000, nestedObjects],
  ] as const)('%s nested %i levels deep are refused with the field named', async (_kind, depth, nest) => {
    const reply = await expectRefused(
      () =>
        call('POST', '/press-releases', {
          token: tokens.admin,
          raw: withTitle(nest(depth)),
          contentType: 'application/json',
        }),
      400,
      'title',
    )
    expect(text(reply)).toMatch(/verschachtelt/)
  })

  it('deep nesting inside a form `_payload` is refused too', async () => {
    const form = new FormData()
    form.append('_payload', withTitle(nestedLists(20_000)))
    await expectRefused(() => call('POST', '/press-releases', { token: tokens.admin, form }), 400, 'title')
  })

  it.each([
    ['at the top', (doc: string) => `{"__proto__": {"_status": "published"}, ${doc.slice(1)}`],
    ['in a row', (doc: string) => doc.replace('"contacts":[{', '"contacts":[{"__proto__": {"x": 1}, ')],
  ])('a __proto__ key %s is refused and named', async (_where, inject) => {
    const raw = inject(JSON.stringify(valid('press-releases')))
    expect(raw).toContain('__proto__')
    await expectRefused(
      () => call('POST', '/press-releases', { token: tokens.admin, raw, contentType: 'application/json' }),
      400,
      '__proto__',
    )
  })
})

describe('an id or query parameter of the wrong kind', () => {
  it.each(['GET', 'PATCH', 'DELETE'] as const)(
    '%s /press-releases/abc is refused with the id named',
    async (method) => {
      const json = method === 'PATCH' ? { title: 'Neu' } : undefined
      await expectRefused(() => call(method, '/press-releases/abc', { token: tokens.admin, json }), 400, 'ID')
    },
  )

  it.each(['99999999999999999999', '2147483648', '1.5'])(
    'an id %s no document can have is refused with the id named',
    async (id) => {
      await expectRefused(() => call('GET', `/press-releases/${id}`, { token: tokens.admin }), 400, 'ID')
    },
  )

  it.each([String(MISSING), '-1'])('an unknown id %s of the right type is not found', async (id) => {
    const reply = await call('GET', `/press-releases/${id}`, { token: tokens.admin })
    expect(reply.status, text(reply)).toBe(404)
  })

  it('where[id][equals]=abc answers an empty list, not an error', async () => {
    const reply = await call('GET', '/press-releases?where[id][equals]=abc', { token: tokens.admin })
    expect(reply.status, text(reply)).toBe(200)
    expect(reply.body.docs).toEqual([])
  })

  it.each(['-5', '-1'])('page=%s is refused with the parameter named', async (page) => {
    await expectRefused(() => call('GET', `/press-releases?page=${page}`), 400, 'page')
  })

  it('the operator all, which the database does not implement, is refused', async () => {
    await expectRefused(() => call('GET', '/press-releases?where[title][all]=a'), 400, 'title')
  })

  it('an operator that does not fit the field is refused with both named', async () => {
    const reply = await expectRefused(
      () => call('GET', '/press-releases?where[releaseDate][near]=12.4,50.7,1000'),
      400,
      'releaseDate',
    )
    expect(text(reply)).toContain('near')
  })

  it('a NUL byte in a query is refused', async () => {
    await expectRefused(() => call('GET', '/press-releases?where[title][equals]=a%00b'), 400, 'where[title][equals]')
  })
})

describe('a GraphQL document priced by what it reads', () => {
  it('refuses fragments that spread each other twice, forty deep, at once instead of walking 2^40 fields', async () => {
    const depth = 40
    const fragments = Array.from({ length: depth }, (_, i) =>
      i === depth - 1
        ? `fragment F${i} on Query { PressReleases(limit: 1) { docs { id } } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    )
    const started = performance.now()
    const response = await graphqlRoute.POST(
      new Request('http://localhost:3000/api/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: `query { ...F0 } ${fragments.join(' ')}` }),
      }),
    )
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].message).toContain('mit ihren Fragmenten mehr als 5000 Felder')
  })

  it('prices a list by its rows: a thousand rows of three fields pass, of six fields not', async () => {
    const list = (fields: string) => graphqlQuery(`{ PressReleases(limit: 1000) { docs { ${fields} } } }`)
    expect((await list('id title slug')).body.errors).toBeUndefined()
    const refused = await list('id title slug lead subtitle releaseDate')
    expect(refused.body.errors[0].message).toContain('Kosten 7100, höchstens 5000')
  })
})

describe('a search or route that ended in a 500', () => {
  it.each([
    ['pages', 'content', 'like'],
    ['pages', 'content', 'contains'],
    ['press-releases', 'body', 'like'],
    ['press-releases', 'body', 'not_like'],
  ])('anonymous GET /%s?where[%s][%s]=x is refused naming the field', async (collection, field, operator) => {
    const reply = await expectRefused(() => call('GET', `/${collection}?where[${field}][${operator}]=x`), 400, field)
    expect(text(reply)).toContain(operator)
  })

  it('the same search through GraphQL is refused naming the field', async () => {
    const reply = await graphqlQuery('{ Pages(where: { content: { like: "x" } }) { docs { id } } }')
    expect(reply.body.errors[0].message).toContain('content')
    expect(reply.body.errors[0].extensions.statusCode).toBe(400)
  })

  it.each([
    '/media/versions',
    '/users/versions',
    '/alerts/versions',
    '/globals/site-settings/versions',
    '/media/versions/1',
  ])('signed in, GET %s of what keeps no versions answers 404 naming it', async (route) => {
    const reply = await call('GET', route, { token: tokens.admin })
    expect(reply.status, text(reply)).toBe(404)
    expect(text(reply)).toMatch(/(media|users|alerts|site-settings) hat keine Versionen/)
  })

  it('a collection with versions still lists them', async () => {
    const reply = await call('GET', '/press-releases/versions?limit=1', { token: tokens.admin })
    expect(reply.status, text(reply)).toBe(200)
  })
})

describe('LIKE wildcards in a search', () => {
  const marker = uniqueSlug('wc').replace(/-/g, '')

  it.each([
    ['contains', '%'],
    ['contains', '_'],
    ['like', '%'],
    ['like', '_'],
  ])('%s "%s" matches the character itself, not everything', async (operator, wildcard) => {
    const plain = await createPublished(
      payload,
      'press-releases',
      { partner },
      { title: `${marker} ohne Sonderzeichen ${operator}${wildcard === '%' ? 'p' : 'u'}` },
    )
    const special = await createPublished(
      payload,
      'press-releases',
      { partner },
      { title: `${marker} 100${wildcard} dabei ${operator}` },
    )
    const query = `where[and][0][title][contains]=${marker}&where[and][1][title][${operator}]=${encodeURIComponent(wildcard)}&limit=100`
    const reply = await call('GET', `/press-releases?${query}`)
    expect(reply.status, text(reply)).toBe(200)
    const ids = reply.body.docs.map((doc: { id: number }) => doc.id)
    expect(ids).toContain(special.id)
    expect(ids).not.toContain(plain.id)
  })

  it('a backslash is searched literally as well', async () => {
    const plain = await createPublished(payload, 'press-releases', { partner }, { title: `${marker} ohne Backslash` })
    const special = await createPublished(
      payload,
      'press-releases',
      { partner },
      { title: `${marker} mit \\ Backslash` },
    )
    const reply = await call(
      'GET',
      `/press-releases?where[and][0][title][contains]=${marker}&where[and][1][title][contains]=${encodeURIComponent('\\')}`,
    )
    expect(reply.status, text(reply)).toBe(200)
    const ids = reply.body.docs.map((doc: { id: number }) => doc.id)
    expect(ids).toEqual([special.id])
    expect(ids).not.toContain(plain.id)
  })
})

describe('a file name that climbs out of the media folder', () => {
  const secret = 'geheim-nicht-ausliefern'
  beforeAll(async () => {
    // A file where a traversal would land, so a successful one would show.
    const mediaDir = process.env.MEDIA_DIR!
    await mkdir(mediaDir, { recursive: true })
    const target = path.join(mediaDir, '..', 'payload-secret')
    await access(target).catch(() => writeFile(target, secret))
  })

  it.each(['..%252fpayload-secret', '..%2fpayload-secret', '%2e%2e%2fpayload-secret', 'nicht-vorhanden.png'])(
    '/api/media/file/%s answers 4xx and never the file',
    async (name) => {
      const reply = await call('GET', `/media/file/${name}`)
      expect(reply.status, text(reply)).toBeGreaterThanOrEqual(400)
      expect(reply.status).toBeLessThan(500)
      expect(text(reply)).not.toContain(secret)
    },
  )

  it('an unknown file name is not found by staff, who may read every file', async () => {
    for (const name of ['..%252fpayload-secret', 'nicht-vorhanden.png']) {
      const reply = await call('GET', `/media/file/${name}`, { token: tokens.editor })
      expect(reply.status, text(reply)).toBe(404)
      expect(text(reply)).toContain(decodeURIComponent(name))
    }
  })
})

describe('the checks leave good requests alone', () => {
  it('an upload through a form still works', async () => {
    const reply = await call('POST', '/media', { token: tokens.press, form: await imageUpload() })
    expect(reply.status, text(reply)).toBe(201)
  })

  it('a document through a form `_payload`, as the admin sends it, still saves', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify({ ...valid('pages'), _status: 'published' }))
    const reply = await call('POST', '/pages', { token: tokens.admin, form })
    expect(reply.status, text(reply)).toBe(201)
  })

  it('a file as uploaded by the admin, with fields in `_payload`, still saves', async () => {
    const png = await (await import('sharp'))
      .default({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    const form = fileUpload(new Blob([new Uint8Array(png)], { type: 'image/png' }), `ok-${uniqueSlug('f')}.png`, {
      alt: 'Ein Bild',
      credit: 'Foto: Test',
    })
    expect((await call('POST', '/media', { token: tokens.editor, form })).status).toBe(201)
  })

  it('a search the admin sends as POST with a method override still works', async () => {
    const request = new Request('http://localhost:3000/api/partners', {
      method: 'POST',
      headers: {
        Authorization: `JWT ${tokens.admin}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Payload-HTTP-Method-Override': 'GET',
      },
      body: 'limit=1&depth=0',
    })
    const response = await handlers.POST(request, { params: Promise.resolve({ slug: ['partners'] }) })
    expect(response.status).toBe(200)
    expect((await response.json()).docs).toHaveLength(1)
  })

  it('a logout without a body still works', async () => {
    const reply = await call('POST', '/users/logout', { token: tokens.editor })
    expect(reply.status).toBeLessThan(300)
  })

  it('a page and limit in range still list', async () => {
    const reply = await call('GET', '/press-releases?page=1&limit=5')
    expect(reply.status, text(reply)).toBe(200)
  })
})
