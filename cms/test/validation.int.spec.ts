import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { MEDIA_MAX_BYTES } from '@masterplan/shared'
import {
  anyPartner,
  type Collection,
  fileUpload,
  requiredFields,
  uniqueSlug,
  validDocument,
} from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { errorPaths, type Reply, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'validation')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

const count = async (collection: Collection | 'media') =>
  (await payload.count({ collection, overrideAccess: true })).totalDocs

/** Sends a bad document and checks the answer names the field, and that nothing was stored. */
async function expectRejected(collection: Collection, json: Record<string, unknown>, field: string): Promise<Reply> {
  const before = await count(collection)
  const reply = await rest('POST', `/${collection}`, { token: tokens.admin, json: { ...json, _status: 'published' } })
  expect(reply.status, JSON.stringify(reply.body)).toBe(400)
  expect(errorPaths(reply)).toContain(field)
  expect(await count(collection)).toBe(before)
  return reply
}

describe.each(Object.keys(requiredFields) as Collection[])('a %s document', (collection) => {
  it.each(requiredFields[collection])('without %s is refused with the field named', async (field) => {
    const { [field]: _left, ...rest } = validDocument(collection, { partner })
    await expectRejected(collection, rest, field)
  })

  it('with a slug that is taken is refused', async () => {
    const doc = validDocument(collection, { partner })
    const first = await rest('POST', `/${collection}`, { token: tokens.admin, json: { ...doc, _status: 'published' } })
    expect(first.status).toBe(201)
    await expectRejected(collection, { ...validDocument(collection, { partner }), slug: doc.slug }, 'slug')
  })
})

describe('field checks', () => {
  it('refuse a contact with a malformed e-mail address', async () => {
    const doc = validDocument('press-releases', { partner })
    const contacts = [{ name: 'Erika Beispiel', email: 'presse(at)beispiel' }]
    await expectRejected('press-releases', { ...doc, contacts }, 'contacts.0.email')
  })

  it('refuse a contact with a malformed phone number', async () => {
    const contacts = [{ name: 'Erika Beispiel', email: 'presse@beispiel.example', phone: 'call me' }]
    await expectRejected(
      'press-releases',
      { ...validDocument('press-releases', { partner }), contacts },
      'contacts.0.phone',
    )
  })

  it.each(['javascript:alert(1)', 'ftp://files.example/x', 'www.ohne-protokoll.example'])(
    'refuse the website %s',
    async (website) => {
      await expectRejected('partners', { ...validDocument('partners', { partner }), website }, 'website')
    },
  )

  it('refuse a milestone date outside the process window and name the window', async () => {
    const reply = await expectRejected(
      'milestones',
      { ...validDocument('milestones', { partner }), plannedDate: '2027-02-01T10:00:00.000Z' },
      'plannedDate',
    )
    expect(JSON.stringify(reply.body)).toContain('15.04.2025 – 31.12.2026')
  })

  it('refuse a milestone range that ends before it starts', async () => {
    const doc = {
      ...validDocument('milestones', { partner }),
      plannedDate: '2026-06-01T10:00:00.000Z',
      plannedEndDate: '2026-05-01T10:00:00.000Z',
    }
    await expectRejected('milestones', doc, 'plannedEndDate')
  })

  it('accept the first and the last day of the window', async () => {
    for (const plannedDate of ['2025-04-15T08:00:00.000Z', '2026-12-31T20:00:00.000Z']) {
      const reply = await rest('POST', '/milestones', {
        token: tokens.admin,
        json: { ...validDocument('milestones', { partner }), plannedDate },
      })
      expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    }
  })

  it('turn a German title into a transliterated slug', async () => {
    const { slug: _none, ...doc } = validDocument('pages', { partner })
    const title = `Größere Übersicht für Bürger ${uniqueSlug('x')}`
    const reply = await rest('POST', '/pages', { token: tokens.admin, json: { ...doc, title } })
    expect(reply.status).toBe(201)
    expect(reply.body.doc.slug).toMatch(/^groessere-uebersicht-fuer-buerger-/)
  })
})

describe('uploads', () => {
  const mediaFiles = async () => (await readdir(process.env.MEDIA_DIR!).catch(() => [])).length
  const fields = { alt: 'Ein Bild', credit: 'Foto: Test' }

  async function expectUploadRefused(form: FormData, field?: string) {
    const [beforeDocs, beforeFiles] = [await count('media'), await mediaFiles()]
    const reply = await rest('POST', '/media', { token: tokens.press, form })
    expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400)
    expect(reply.status).toBeLessThan(500)
    if (field) expect(errorPaths(reply)).toContain(field)
    expect(await count('media')).toBe(beforeDocs)
    expect(await mediaFiles()).toBe(beforeFiles)
    return reply
  }

  it('refuse text posing as a PNG', async () => {
    const form = fileUpload(new Blob(['nur Text, kein Bild'], { type: 'image/png' }), 'falsch.png', fields)
    const reply = await expectUploadRefused(form)
    expect(reply.status).toBe(400)
  })

  it('refuse SVG, which can carry script', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    const reply = await expectUploadRefused(fileUpload(new Blob([svg], { type: 'image/svg+xml' }), 'logo.svg', fields))
    expect(reply.status).toBe(400)
  })

  it('refuse files above the size limit', async () => {
    const big = new Blob([new Uint8Array(MEDIA_MAX_BYTES + 1024)], { type: 'application/pdf' })
    await expectUploadRefused(fileUpload(big, 'gross.pdf', fields))
  })

  it.each(['alt', 'credit'])('refuse an image without %s', async (missing) => {
    const { [missing as 'alt']: _left, ...rest } = fields
    const png = await (await import('sharp'))
      .default({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    await expectUploadRefused(
      fileUpload(new Blob([new Uint8Array(png)], { type: 'image/png' }), 'ohne.png', rest),
      missing,
    )
  })
})

describe('passwords', () => {
  it('refuse a weak password and name the field', async () => {
    const before = await count('users' as never)
    const reply = await rest('POST', '/users', {
      token: tokens.admin,
      json: { email: `schwach-${Date.now()}@test.example`, password: 'kurz', role: 'editor' },
    })
    expect(reply.status).toBe(400)
    expect(errorPaths(reply)).toContain('password')
    expect(await count('users' as never)).toBe(before)
  })
})
