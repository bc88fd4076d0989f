import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { richText } from '../src/seed/fixtures/index.ts'
import { anyPartner, type Collection, imageUpload, validDocument } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { fileResponse, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'crud')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

const titleField: Record<Collection, string> = {
  'press-releases': 'title',
  milestones: 'title',
  partners: 'name',
  pages: 'title',
}

describe.each(Object.keys(titleField) as Collection[])('%s through REST', (collection) => {
  it('is created, read, updated and deleted', async () => {
    const token = tokens.admin
    const created = await rest('POST', `/${collection}`, {
      token,
      json: { ...validDocument(collection, { partner }), _status: 'published' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.doc.id

    const read = await rest('GET', `/${collection}/${id}`)
    expect(read.status).toBe(200)
    expect(read.body.slug).toBe(created.body.doc.slug)

    const field = titleField[collection]
    const updated = await rest('PATCH', `/${collection}/${id}`, { token, json: { [field]: 'Geänderter Titel' } })
    expect(updated.status, JSON.stringify(updated.body)).toBe(200)
    expect((await rest('GET', `/${collection}/${id}`)).body[field]).toBe('Geänderter Titel')

    expect((await rest('DELETE', `/${collection}/${id}`, { token })).status).toBe(200)
    expect((await rest('GET', `/${collection}/${id}`, { token })).status).toBe(404)
  })
})

describe('media through REST', () => {
  it('is uploaded with responsive sizes including the 1200×630 social card, updated and deleted', async () => {
    const created = await rest('POST', '/media', { token: tokens.press, form: await imageUpload() })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const { id, sizes } = created.body.doc
    expect(sizes.og).toMatchObject({ width: 1200, height: 630 })
    expect(sizes.thumbnail.width).toBe(400)
    // Staff read every upload; the public only those a public document uses (media-access.int.spec.ts).
    const file = await fileResponse(created.body.doc.url, tokens.press)
    expect(file.status).toBe(200)
    expect(file.headers.get('cache-control')).toBe('public, max-age=3600')

    const updated = await rest('PATCH', `/media/${id}`, { token: tokens.editor, json: { credit: 'Foto: Redaktion' } })
    expect(updated.status).toBe(200)
    expect((await rest('GET', `/media/${id}`, { token: tokens.press })).body.credit).toBe('Foto: Redaktion')

    expect((await rest('DELETE', `/media/${id}`, { token: tokens.admin })).status).toBe(200)
    expect((await rest('GET', `/media/${id}`, { token: tokens.press })).status).toBe(404)
  })
})

describe('users through REST', () => {
  it('are created, read, updated and deleted by an admin', async () => {
    const token = tokens.admin
    const email = `neu-${Date.now()}@test.example`
    const created = await rest('POST', '/users', {
      token,
      json: { email, password: 'ein-langes-passwort-42', role: 'editor' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.doc.id
    expect((await rest('GET', `/users/${id}`, { token })).body.email).toBe(email)
    expect((await rest('PATCH', `/users/${id}`, { token, json: { role: 'press' } })).body.doc.role).toBe('press')
    expect((await rest('DELETE', `/users/${id}`, { token })).status).toBe(200)
    expect((await rest('GET', `/users/${id}`, { token })).status).toBe(404)
  })
})

describe('a published release with pictures', () => {
  it('keeps its German text when its English version is written (a hook must not switch the locale)', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6f97' } })
      .png()
      .toBuffer()
    const image = await payload.create({
      collection: 'media',
      data: { alt: 'Luftbild von Zwickau', credit: 'Foto: Test, CC0' },
      file: { data: png, mimetype: 'image/png', name: 'luftbild.png', size: png.length },
      overrideAccess: true,
    })
    const release = await payload.create({
      collection: 'press-releases',
      data: {
        ...validDocument('press-releases', { partner }),
        title: 'Deutscher Titel',
        images: [{ image: image.id }],
        _status: 'published',
      } as never,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'press-releases',
      id: release.id,
      locale: 'en',
      data: { title: 'English title', lead: 'An English lead.', body: richText('An English body.') },
      overrideAccess: true,
    })
    const read = (locale: 'de' | 'en') =>
      payload.findByID({ collection: 'press-releases', id: release.id, locale, depth: 0, overrideAccess: true })
    expect((await read('de')).title).toBe('Deutscher Titel')
    expect((await read('en')).title).toBe('English title')
  })
})
