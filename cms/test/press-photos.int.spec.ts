import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { DEFAULT_USAGE_TERMS, media as mediaSchema, USAGE_TERMS_MAX_LENGTH } from '@masterplan/shared'
import { anyPartner, createPublished, imageUpload } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { errorPaths, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'press-photos')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

const GERMAN = 'Nur für die Berichterstattung über den Regionalkonvent, bei Nennung „Foto: SMIL“'
const ENGLISH = 'Only for reporting on the Regionalkonvent, credited "Photo: SMIL"'

async function upload(fields: Record<string, unknown>): Promise<number> {
  const reply = await rest('POST', '/media', { token: tokens.press, form: await imageUpload(fields) })
  if (reply.status !== 201) throw new Error(`upload: ${JSON.stringify(reply.body)}`)
  return reply.body.doc.id
}

describe('the terms of use of a press photo (usageTerms on media)', () => {
  it('are written per language by the press office and read by anyone once a public release shows the photo', async () => {
    const id = await upload({ alt: 'Luftbild von Zwickau', credit: 'Foto: SMIL', usageTerms: GERMAN })
    const english = await rest('PATCH', `/media/${id}?locale=en`, {
      token: tokens.press,
      json: { alt: 'Aerial view of Zwickau', usageTerms: ENGLISH },
    })
    expect(english.status, JSON.stringify(english.body)).toBe(200)
    await createPublished(payload, 'press-releases', { partner }, { images: [{ image: id }] })

    const de = await rest('GET', `/media/${id}?locale=de`)
    const en = await rest('GET', `/media/${id}?locale=en`)
    expect(de.body.usageTerms).toBe(GERMAN)
    expect(en.body.usageTerms).toBe(ENGLISH)
    // The site's contract accepts what the API says.
    expect(mediaSchema.safeParse(de.body).success).toBe(true)
  })

  it('may stay empty: no stored default, so neither language falls back to a German default text', async () => {
    const id = await upload({ alt: 'Rathaus Chemnitz', credit: 'Foto: Stadt Chemnitz' })
    await createPublished(payload, 'press-releases', { partner }, { images: [{ image: id }] })
    for (const locale of ['de', 'en']) {
      const reply = await rest('GET', `/media/${id}?locale=${locale}`)
      expect(reply.status).toBe(200)
      expect(reply.body.usageTerms ?? null, locale).toBeNull()
      expect(mediaSchema.safeParse(reply.body).success, locale).toBe(true)
    }
  })

  it(`are refused over ${USAGE_TERMS_MAX_LENGTH} characters, naming the field`, async () => {
    const reply = await rest('POST', '/media', {
      token: tokens.press,
      form: await imageUpload({
        alt: 'Zu lang',
        credit: 'Foto: Test',
        usageTerms: 'x'.repeat(USAGE_TERMS_MAX_LENGTH + 1),
      }),
    })
    expect(reply.status).toBe(400)
    expect(errorPaths(reply)).toContain('usageTerms')
  })

  it('tell editors in the admin what an empty field means', () => {
    const field = payload.collections.media.config.fields.find((f) => 'name' in f && f.name === 'usageTerms')
    expect(field).toMatchObject({ localized: true })
    expect(JSON.stringify(field)).toContain(DEFAULT_USAGE_TERMS.de)
  })
})
