import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rename } from 'node:fs/promises'
import path from 'node:path'
import { type FlattenedField, flattenAllFields, type Payload } from 'payload'
import { REST_GET } from '@payloadcms/next/routes'
import sharp from 'sharp'
import { anyPartner, createPublished, fileUpload, imageUpload, uniqueSlug, validDocument } from './helpers/documents.ts'
import { minimalPdf } from '../src/seed/test-fixtures.ts'
import { MEDIA_FIELDS } from '../src/collections/Media/publicMedia.ts'
import { bootPayload, config } from './helpers/payload.ts'
import { errorPaths, graphqlQuery, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

type Upload = {
  id: number
  alt: string
  filename: string
  mimeType: string
  url: string
  sizes: Record<string, { filename: string; url: string }>
}

let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'media-access')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

/** An image uploaded through REST by the press office, with an alt text no other upload has. */
async function upload(name: string): Promise<Upload> {
  const reply = await rest('POST', '/media', {
    token: tokens.press,
    form: await imageUpload({ alt: `${name}-${uniqueSlug('alt')}`, credit: 'Foto: Test' }),
  })
  if (reply.status !== 201) throw new Error(`upload ${name}: ${JSON.stringify(reply.body)}`)
  return reply.body.doc
}

const getHandler = REST_GET(config) as (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/** A file download through the real REST handler, signed in when a token is given. */
async function download(url: string, token?: string): Promise<Response> {
  const target = new URL(url, 'http://localhost:3000')
  const headers = new Headers(token ? { Authorization: `JWT ${token}` } : {})
  const slug = target.pathname.replace(/^\/api\//, '').split('/')
  return getHandler(new Request(target, { headers }), { params: Promise.resolve({ slug }) })
}

const release = (extra: Record<string, unknown>) => createPublished(payload, 'press-releases', { partner }, extra)
const inAnHour = () => new Date(Date.now() + 60 * 60 * 1000).toISOString()
const anHourAgo = () => new Date(Date.now() - 60 * 60 * 1000).toISOString()

describe('media read access follows the documents that use them', () => {
  /** Which uploads the public may see: only those a public document uses. */
  const cases = {
    'image of a published release without embargo': true,
    'image of a published release whose embargo has passed': true,
    'attachment of a published release whose embargo has passed': true,
    'logo of a published partner': true,
    'image of a draft release': false,
    'image of a published release under embargo': false,
    'attachment of a published release under embargo': false,
    'image only in a newer draft of a published release': false,
    'logo of a draft partner': false,
    'unused upload': false,
  } as const
  type Case = keyof typeof cases
  const uploads = {} as Record<Case, Upload>
  const publicCases = (Object.keys(cases) as Case[]).filter((c) => cases[c])
  const privateCases = (Object.keys(cases) as Case[]).filter((c) => !cases[c])

  beforeAll(async () => {
    for (const name of Object.keys(cases) as Case[]) uploads[name] = await upload(name)
    const id = (name: Case) => uploads[name].id
    await release({ images: [{ image: id('image of a published release without embargo') }] })
    await release({
      embargoUntil: anHourAgo(),
      images: [{ image: id('image of a published release whose embargo has passed') }],
      attachments: [id('attachment of a published release whose embargo has passed')],
    })
    await release({
      embargoUntil: inAnHour(),
      images: [{ image: id('image of a published release under embargo') }],
      attachments: [id('attachment of a published release under embargo')],
    })
    await payload.create({
      collection: 'press-releases',
      draft: true,
      overrideAccess: true,
      data: {
        ...validDocument('press-releases', { partner }),
        images: [{ image: id('image of a draft release') }],
      } as never,
    })
    const published = await release({})
    await payload.update({
      collection: 'press-releases',
      id: published.id,
      draft: true,
      overrideAccess: true,
      data: { images: [{ image: id('image only in a newer draft of a published release') }] } as never,
    })
    await createPublished(payload, 'partners', { partner }, { logo: id('logo of a published partner') })
    await payload.create({
      collection: 'partners',
      draft: true,
      overrideAccess: true,
      data: { ...validDocument('partners', { partner }), logo: id('logo of a draft partner') } as never,
    })
  })

  it.each(Object.keys(cases) as Case[])('anonymous by-id read: %s', async (name) => {
    const reply = await rest('GET', `/media/${uploads[name].id}`)
    expect(reply.status).toBe(cases[name] ? 200 : 404)
  })

  it.each(Object.keys(cases) as Case[])('anonymous file and image-size file: %s', async (name) => {
    const { url, sizes } = uploads[name]
    for (const fileUrl of [url, sizes.thumbnail!.url, sizes.og!.url]) {
      const response = await download(fileUrl)
      await response.body?.cancel()
      if (cases[name]) expect(response.status, fileUrl).toBe(200)
      else expect([403, 404], fileUrl).toContain(response.status)
    }
  })

  it('anonymous REST list shows public uploads only, leaking no alt text or file name of the others', async () => {
    const reply = await rest('GET', '/media?limit=1000&depth=0')
    expect(reply.status).toBe(200)
    const ids = reply.body.docs.map((d: { id: number }) => d.id)
    for (const name of publicCases) expect(ids, name).toContain(uploads[name].id)
    const text = JSON.stringify(reply.body)
    for (const name of privateCases) {
      expect(ids, name).not.toContain(uploads[name].id)
      expect(text).not.toContain(uploads[name].alt)
      expect(text).not.toContain(uploads[name].filename.replace(/\.png$/, ''))
    }
  })

  it('anonymous GraphQL lists and finds public uploads only', async () => {
    const list = await graphqlQuery('{ allMedia(limit: 1000) { docs { id alt filename } } }')
    expect(list.body.errors).toBeUndefined()
    const ids = list.body.data.allMedia.docs.map((d: { id: number }) => d.id)
    for (const name of publicCases) expect(ids, name).toContain(uploads[name].id)
    for (const name of privateCases) expect(ids, name).not.toContain(uploads[name].id)
    for (const name of Object.keys(cases) as Case[]) {
      const one = await graphqlQuery(`{ Media(id: ${uploads[name].id}) { id alt } }`)
      expect(one.body.data?.Media?.id ?? null, name).toBe(cases[name] ? uploads[name].id : null)
    }
  })

  it.each(['press', 'editor', 'admin'] as const)(
    '%s reads every upload through REST, files and GraphQL',
    async (role) => {
      const token = tokens[role]
      const ids = (await rest('GET', '/media?limit=1000&depth=0', { token })).body.docs.map((d: { id: number }) => d.id)
      const gql = await graphqlQuery('{ allMedia(limit: 1000) { docs { id } } }', token)
      const gqlIds = gql.body.data.allMedia.docs.map((d: { id: number }) => d.id)
      for (const name of Object.keys(cases) as Case[]) {
        expect(ids, name).toContain(uploads[name].id)
        expect(gqlIds, name).toContain(uploads[name].id)
        expect((await rest('GET', `/media/${uploads[name].id}`, { token })).status, name).toBe(200)
        const file = await download(uploads[name].sizes.og!.url, token)
        await file.body?.cancel()
        expect(file.status, name).toBe(200)
      }
    },
  )

  it('populate a public release with its media for anonymous readers', async () => {
    const image = await upload('populated')
    const doc = await release({ images: [{ image: image.id }] })
    const reply = await rest('GET', `/press-releases/${doc.id}?depth=1`)
    expect(reply.body.images[0].image).toMatchObject({ id: image.id, filename: image.filename })
  })

  it('make an embargoed release’s media public at the embargo moment, without a save', async () => {
    const image = await upload('embargo-moment')
    const until = Date.now() + 5000
    await release({ embargoUntil: new Date(until).toISOString(), images: [{ image: image.id }] })
    expect((await rest('GET', `/media/${image.id}`)).status).toBe(404)
    expect(Date.now(), 'the machine was too slow to look before the embargo ended').toBeLessThan(until)
    await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 100))
    expect((await rest('GET', `/media/${image.id}`)).status).toBe(200)
  })

  it('withdraw a logo from the public when its partner is unpublished', async () => {
    const logo = await upload('unpublished-logo')
    const owner = await createPublished(payload, 'partners', { partner }, { logo: logo.id })
    expect((await rest('GET', `/media/${logo.id}`)).status).toBe(200)
    await payload.update({
      collection: 'partners',
      id: owner.id,
      data: { _status: 'draft' } as never,
      overrideAccess: true,
    })
    expect((await rest('GET', `/media/${logo.id}`)).status).toBe(404)
  })
})

/**
 * Paths of every field that can hold media, rich-text features and blocks included, so that a new
 * one cannot leave its media private (the site build would fail) or public rules incomplete.
 */
function mediaFieldPaths(fields: FlattenedField[], prefix: string): string[] {
  return fields.flatMap((field): string[] => {
    const fieldPath = `${prefix}${field.name}`
    if ((field.type === 'upload' || field.type === 'relationship') && [field.relationTo].flat().includes('media'))
      return [fieldPath]
    if (field.type === 'blocks')
      return field.blocks.flatMap((block) => mediaFieldPaths(block.flattenedFields, `${fieldPath}.`))
    if (field.type === 'richText') {
      const features = (field.editor as { editorConfig?: { resolvedFeatureMap?: Map<string, any> } }).editorConfig
        ?.resolvedFeatureMap
      const richTextBlocks = features?.get('blocks')?.sanitizedServerFeatureProps?.blocks ?? []
      return [
        ...(['upload', 'relationship'] as const)
          .filter((node) => features?.has(node))
          .map((node) => `${fieldPath} (${node} in rich text)`),
        ...richTextBlocks.flatMap((block: { fields: never }) =>
          mediaFieldPaths(flattenAllFields({ fields: block.fields }), `${fieldPath}.`),
        ),
      ]
    }
    return 'flattenedFields' in field ? mediaFieldPaths(field.flattenedFields, `${fieldPath}.`) : []
  })
}

describe('the public media rule', () => {
  it('knows every field of the content that can hold media', () => {
    const content = [...payload.config.collections, ...payload.config.globals].filter(
      ({ slug }) => slug !== 'media' && !slug.startsWith('payload-'),
    )
    const found = content.flatMap(({ slug, flattenedFields }) => mediaFieldPaths(flattenedFields, `${slug}.`))
    expect(found.sort()).toEqual([...MEDIA_FIELDS].sort())
  })
})

describe('uploads are stored and served as what their bytes are', () => {
  const fields = { alt: 'Ein Bild', credit: 'Foto: Test' }
  const jpeg = async () =>
    new Uint8Array(
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#804020' } })
        .jpeg()
        .toBuffer(),
    )
  const pdf = () => new Uint8Array(minimalPdf())

  async function stored(form: FormData): Promise<Upload> {
    const reply = await rest('POST', '/media', { token: tokens.press, form })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    return reply.body.doc
  }

  async function expectServedAs(doc: Upload, mimeType: string) {
    const response = await download(doc.url, tokens.press)
    await response.body?.cancel()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(mimeType)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    // A signed-in answer must not be handed to anonymous readers by a shared cache.
    expect(response.headers.get('vary')).toMatch(/Cookie/)
  }

  it('a JPEG named .html and sent as text/html is stored and served as a .jpg image/jpeg', async () => {
    const name = uniqueSlug('bild')
    const doc = await stored(fileUpload(new Blob([await jpeg()], { type: 'text/html' }), `${name}.html`, fields))
    expect(doc.filename).toBe(`${name}.jpg`)
    expect(doc.mimeType).toBe('image/jpeg')
    for (const size of Object.values(doc.sizes).filter((s) => s.filename)) expect(size.filename).toMatch(/\.jpe?g$/)
    await expectServedAs(doc, 'image/jpeg')
  })

  it('a PDF named .html and sent as text/html is stored and served as a .pdf application/pdf', async () => {
    const name = uniqueSlug('anhang')
    const doc = await stored(fileUpload(new Blob([pdf()], { type: 'text/html' }), `${name}.html`, fields))
    expect(doc.filename).toBe(`${name}.pdf`)
    expect(doc.mimeType).toBe('application/pdf')
    await expectServedAs(doc, 'application/pdf')
  })

  it('a file without extension gets the one of its content', async () => {
    const name = uniqueSlug('ohne')
    const doc = await stored(fileUpload(new Blob([await jpeg()], { type: 'application/octet-stream' }), name, fields))
    expect(doc.filename).toBe(`${name}.jpg`)
    expect(doc.mimeType).toBe('image/jpeg')
  })

  it('a correctly named file keeps its name', async () => {
    const name = uniqueSlug('foto')
    const doc = await stored(fileUpload(new Blob([await jpeg()], { type: 'image/jpeg' }), `${name}.JPEG`, fields))
    expect(doc.filename).toBe(`${name}.JPEG`)
    await expectServedAs(doc, 'image/jpeg')
  })

  it('a replacement file is renamed the same way', async () => {
    const doc = await stored(await imageUpload())
    const name = uniqueSlug('ersatz')
    const form = new FormData()
    form.append('file', new Blob([await jpeg()], { type: 'text/html' }), `${name}.html`)
    const reply = await rest('PATCH', `/media/${doc.id}`, { token: tokens.press, form })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.doc.filename).toBe(`${name}.jpg`)
    expect(reply.body.doc.mimeType).toBe('image/jpeg')
  })

  it('a misnamed file stored before names followed content is not copied by a duplicate', async () => {
    const doc = await stored(
      fileUpload(new Blob([await jpeg()], { type: 'image/jpeg' }), `${uniqueSlug('frueher')}.jpg`, fields),
    )
    const legacyName = doc.filename.replace(/\.jpg$/, '.html')
    await rename(path.join(process.env.MEDIA_DIR!, doc.filename), path.join(process.env.MEDIA_DIR!, legacyName))
    await payload.db.updateOne({ collection: 'media', id: doc.id, data: { filename: legacyName } })
    const before = (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs
    const reply = await rest('POST', `/media/${doc.id}/duplicate`, { token: tokens.press, json: {} })
    expect(reply.status, JSON.stringify(reply.body)).toBe(400)
    expect(errorPaths(reply)).toContain('file')
    expect((await payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before)
  })

  it('markup posing as a JPEG is refused, naming the file field', async () => {
    const html = '<!doctype html><html><body><script>alert(1)</script></body></html>'
    const reply = await rest('POST', '/media', {
      token: tokens.press,
      form: fileUpload(new Blob([html], { type: 'image/jpeg' }), `${uniqueSlug('x')}.jpg`, fields),
    })
    expect(reply.status).toBe(400)
    expect(errorPaths(reply)).toContain('file')
  })
})
