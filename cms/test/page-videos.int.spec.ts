import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { page } from '@masterplan/shared'
import { minimalPdf } from '../src/seed/test-fixtures.ts'
import { tinyCaptions, tinyWebm } from '../src/seed/test-video.ts'
import { validDocument } from './helpers/documents.ts'
import type { Tokens } from './helpers/users.ts'

/** Pages may carry videos (e.g. sign language); each needs its captions, both of the right type. */
let payload: Payload
let tokens: Tokens
let rest: typeof import('./helpers/rest.ts').rest

const upload = (data: Buffer, name: string, mimetype: string) =>
  payload.create({
    collection: 'media',
    data: { alt: `Datei ${name}`, credit: 'Test' },
    file: { data, mimetype, name, size: data.length },
    overrideAccess: true,
  })

let video: number
let captions: number
let pdf: number

beforeAll(async () => {
  ;({ rest } = await import('./helpers/rest.ts'))
  payload = await (await import('./helpers/payload.ts')).bootPayload()
  tokens = await (await import('./helpers/users.ts')).signInEveryRole(payload, 'videos')
  // Named as the uploader's system may name them: the bytes decide the type.
  const webm = await upload(tinyWebm(), 'clip.bin', 'application/octet-stream')
  const vtt = await upload(tinyCaptions(), 'untertitel.txt', 'text/plain')
  expect([webm.mimeType, webm.filename]).toEqual(['video/webm', 'clip.webm'])
  expect([vtt.mimeType, vtt.filename]).toEqual(['text/vtt', 'untertitel.vtt'])
  video = webm.id
  captions = vtt.id
  pdf = (await upload(minimalPdf(), 'anhang.pdf', 'application/pdf')).id
})

afterAll(async () => {
  await payload?.destroy()
})

const createPage = (videos: unknown[]) =>
  rest('POST', '/pages', {
    token: tokens.editor,
    json: { ...validDocument('pages', { partner: 0 }), videos, _status: 'published' },
  })

describe('videos on pages', () => {
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['a word that only starts like the header', 'WEBVTTX\n\n00:00.000 --> 00:01.000\nHallo'],
  ])('refuses a file that only claims to be captions: %s', async (_, text) => {
    const refused = await upload(Buffer.from(text), 'untertitel.vtt', 'text/vtt').catch((error) => error)
    expect(JSON.stringify(refused.data)).toMatch(/"path":"file".*none of/)
  })

  it('refuses a video without captions, naming the field; nothing is stored', async () => {
    const before = (await payload.count({ collection: 'pages', overrideAccess: true })).totalDocs
    const reply = await createPage([{ title: 'Ohne Untertitel', video }])
    expect(reply.status).toBe(400)
    expect(JSON.stringify(reply.body)).toContain('videos.0.captions')
    expect((await payload.count({ collection: 'pages', overrideAccess: true })).totalDocs).toBe(before)
  })

  it('refuses captions that are not a WebVTT file, and a video that is not a video', async () => {
    const wrongCaptions = await createPage([{ title: 'Falsch', video, captions: pdf }])
    expect(wrongCaptions.status).toBe(400)
    expect(JSON.stringify(wrongCaptions.body)).toContain('videos.0.captions')
    const wrongVideo = await createPage([{ title: 'Falsch', video: pdf, captions }])
    expect(wrongVideo.status).toBe(400)
    expect(JSON.stringify(wrongVideo.body)).toContain('videos.0.video')
  })

  it('cannot be chosen as a release picture or a partner logo, which the site renders as images', async () => {
    const release = await rest('POST', '/press-releases', {
      token: tokens.press,
      json: { ...validDocument('press-releases', { partner: 1 }), images: [{ image: video }], _status: 'draft' },
    })
    expect(release.status).toBe(400)
    expect(JSON.stringify(release.body)).toContain('images.0.image')
    const logo = await rest('POST', '/partners', {
      token: tokens.editor,
      json: { ...validDocument('partners', { partner: 0 }), logo: captions, _status: 'draft' },
    })
    expect(logo.status).toBe(400)
    expect(JSON.stringify(logo.body)).toContain('logo')
  })

  it('publishes a captioned video that the public API delivers as the contract describes', async () => {
    const created = await createPage([{ title: 'Begrüßung', video, captions }])
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const reply = await rest('GET', `/pages/${created.body.doc.id}?depth=1`)
    const parsed = page.parse(reply.body)
    expect(parsed.videos?.[0]).toMatchObject({
      title: 'Begrüßung',
      video: { mimeType: 'video/webm' },
      captions: { mimeType: 'text/vtt' },
    })
  })
})
