import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalReq, type Payload } from 'payload'
import * as route from '../src/app/(payload)/api/[...slug]/route.ts'
import { ContactReader } from '../src/collections/PressReleases/import/contacts.ts'
import { germanDate } from '../src/collections/PressReleases/import/dates.ts'
import { importDocx } from '../src/collections/PressReleases/import/importDocx.ts'
import { readQuotes } from '../src/collections/PressReleases/import/quotes.ts'
import { PersonIndex } from '../src/collections/PressReleases/import/speakers.ts'
import { ALT_PLACEHOLDER, CREDIT_PLACEHOLDER } from '../src/collections/PressReleases/import/placeholders.ts'
import { richText } from '../src/seed/fixtures/index.ts'
import { uniqueSlug } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { errorPaths, type Reply, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'
import { cabinetRelease, encryptedOffice, ISSUER, messyRelease, withExtraPart } from './import-docx.fixtures.ts'

type Node = { type: string; children?: Node[]; [key: string]: any }

let payload: Payload
let tokens: Tokens
let smil: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'import-docx')
  const existing = await payload.find({
    collection: 'partners',
    where: { name: { equals: ISSUER } },
    overrideAccess: true,
  })
  smil =
    (existing.docs[0]?.id as number | undefined) ??
    ((
      await payload.create({
        collection: 'partners',
        data: {
          name: ISSUER,
          shortName: 'SMIL',
          slug: uniqueSlug('smil'),
          kind: 'state-ministry',
          roles: ['funder'],
          representative: { name: 'Regina Kraushaar', office: 'Staatsministerin' },
          website: 'https://smil.sachsen.de',
          address: { street: 'Archivstraße 1', postalCode: '01097', city: 'Dresden' },
          _status: 'published',
        },
        overrideAccess: true,
      })
    ).id as number)
})
afterAll(async () => {
  await payload.destroy()
})

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

function upload(bytes: Uint8Array, name = 'medieninformation.docx', type = DOCX): FormData {
  const form = new FormData()
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name)
  return form
}

const importAs = (token: string | undefined, form: FormData) =>
  rest('POST', '/press-releases/import-docx', { token, form })

const draftOf = (id: number) =>
  payload.findByID({ collection: 'press-releases', id, draft: true, depth: 0, overrideAccess: true, locale: 'de' })

const counts = async () => ({
  releases: (await payload.count({ collection: 'press-releases', overrideAccess: true })).totalDocs,
  media: (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs,
})

const textOf = (node: Node): string =>
  node.type === 'text' ? node.text : node.type === 'linebreak' ? '\n' : (node.children ?? []).map(textOf).join('')
const messageOf = (reply: Reply): string => reply.body?.errors?.[0]?.message ?? ''

describe('a Medieninformation in the ministry anatomy', () => {
  let reply: Reply
  let draft: Awaited<ReturnType<typeof draftOf>>
  let body: Node[]
  beforeAll(async () => {
    reply = await importAs(tokens.press, upload(await cabinetRelease()))
    draft = await draftOf(reply.body?.id)
    body = (draft.body as { root: Node }).root.children!
  })

  it('answers 201 with the id of a draft and the notices', () => {
    expect(reply.status).toBe(201)
    expect(reply.body.id).toBe(draft.id)
    expect(draft._status).toBe('draft')
    expect(reply.body.notices.map((n: { kind: string }) => n.kind).sort()).toEqual(['image', 'page-margins'])
  })

  it('fills title, subtitle, date, embargo, lead and slug', () => {
    expect(draft.title).toBe('Kabinett gibt Startschuss für den Masterplan Südwestsachsen')
    expect(draft.subtitle).toBe('Bis zu 600.000 Euro für die Region')
    // 15 April 2025, midnight in Dresden (CEST).
    expect(draft.releaseDate).toBe('2025-04-14T22:00:00.000Z')
    expect(draft.embargoUntil).toBe('2025-04-15T10:00:00.000Z')
    expect(draft.lead).toBe(
      'Das sächsische Kabinett hat beschlossen, die Region Südwestsachsen bei der Erarbeitung eines Masterplans mit bis zu 600.000 Euro zu unterstützen.',
    )
    expect(draft.slug).toMatch(/^kabinett-gibt-startschuss-fuer-den-masterplan-suedwestsachsen(-\d+)?$/)
  })

  it('matches the issuing body to its partner profile and reads the press contact', () => {
    expect(draft.issuers).toEqual([smil])
    expect(draft.contacts).toEqual([
      expect.objectContaining({
        name: 'Annegret Fischer',
        office: 'Pressesprecherin',
        phone: '+49 351 564 50021',
        email: 'medien@smil.sachsen.de',
      }),
    ])
  })

  it('keeps bold and italic, the heading, both lists and the link in the body', () => {
    const formatted = body[0]!.children!.filter((n) => n.type === 'text' && n.format)
    expect(formatted.map((n) => [n.text, n.format])).toEqual([
      ['Landkreis Zwickau', 1],
      ['Regionalkonvent', 2],
    ])
    const heading = body.find((n) => n.type === 'heading')!
    expect([heading.tag, textOf(heading)]).toEqual(['h2', 'Wer mitarbeitet'])
    const lists = body.filter((n) => n.type === 'list')
    expect(lists.map((l) => [l.listType, l.children!.length])).toEqual([
      ['bullet', 2],
      ['number', 2],
    ])
    expect(textOf(lists[1]!.children![1]!)).toBe('ein Leitbild entwickeln')
    const link = body.flatMap((n) => n.children ?? []).find((n) => n.type === 'link')!
    expect([link.fields.url, textOf(link)]).toEqual(['https://smil.sachsen.de', 'smil.sachsen.de'])
  })

  it('turns attributed quotes into quote blocks with person and office', () => {
    const quotes = body.filter((n) => n.type === 'block').map((n) => n.fields)
    expect(quotes).toEqual([
      expect.objectContaining({
        blockType: 'quote',
        text: 'Der Masterplan entsteht aus der Region für die Region. Niemand kennt die Stärken Südwestsachsens besser',
        person: 'Regina Kraushaar',
        office: 'Staatsministerin',
      }),
      expect.objectContaining({
        blockType: 'quote',
        text: 'Wir wollen neue Wachstumskerne für eine innovative Industrieregion schaffen',
        person: 'Carsten Michaelis',
        office: 'Landrat des Landkreises Zwickau',
      }),
    ])
    expect(body.map(textOf).join('\n')).not.toMatch(/so Kraushaar|ergänzt/)
  })

  it('puts the "Hintergrund" section into background and leaves the issuer footer out', () => {
    const background = (draft.background as { root: Node }).root.children!.map(textOf)
    expect(background).toEqual([
      'Der Masterplan ist ein strategischer Planungsprozess, der ein Leitbild erarbeitet – kein Investitionsprogramm.',
      'Er soll bis Ende 2026 vorliegen.',
    ])
    expect(body.map(textOf).join('\n')).not.toMatch(/Hintergrund|Archivstraße|Medieninformation|Pressekontakt/)
  })

  it('stores the picture as media with placeholder alt text and credit, with its caption', async () => {
    expect(draft.images).toHaveLength(1)
    const { image, caption } = draft.images![0]!
    expect(caption).toBe('Die Kabinettssitzung in Dresden')
    const media = await payload.findByID({
      collection: 'media',
      id: image as number,
      overrideAccess: true,
      locale: 'de',
    })
    expect([media.alt, media.credit, media.mimeType]).toEqual([ALT_PLACEHOLDER, CREDIT_PLACEHOLDER, 'image/png'])
    const notices: string[] = reply.body.notices.map((n: { message: string }) => n.message)
    expect(notices.find((n) => n.includes(`Medium #${image}`))).toContain('Ein Bild, das Text enthält.')
  })

  it('keeps the notices on the draft for the press office, not for the public', async () => {
    expect(draft.importNotes).toContain(
      'Kopf- und Fußzeilen werden nicht übernommen: „Freistaat Sachsen – Medienservice“',
    )
    const staff = await rest('GET', `/press-releases/${draft.id}?draft=true`, { token: tokens.press })
    expect(staff.body.importNotes).toBe(draft.importNotes)
  })

  it('is invisible to the public', async () => {
    expect((await rest('GET', `/press-releases/${draft.id}`)).status).toBe(404)
    const list = await rest('GET', `/press-releases?where[id][equals]=${draft.id}`)
    expect(list.body.docs).toEqual([])
    const versions = await rest('GET', `/press-releases/versions?where[parent][equals]=${draft.id}`)
    expect(versions.status).toBe(403)
  })

  it('refuses publishing until the picture has alt text and credit, then publishes', async () => {
    const refused = await rest('PATCH', `/press-releases/${draft.id}`, {
      token: tokens.press,
      json: { _status: 'published' },
    })
    expect(refused.status).toBe(400)
    expect(errorPaths(refused)).toEqual(['images.0.image'])
    expect(JSON.stringify(refused.body)).toContain('Alternativtext')
    expect((await draftOf(draft.id))._status).toBe('draft')

    // A translator's English alt text does not describe the picture for the German page.
    await payload.update({
      collection: 'media',
      id: draft.images![0]!.image as number,
      data: { alt: 'The cabinet at the table', credit: 'Photo: SMIL' },
      overrideAccess: true,
      locale: 'en',
    })
    const english = await rest('PATCH', `/press-releases/${draft.id}?locale=en`, {
      token: tokens.press,
      json: {
        _status: 'published',
        title: 'Cabinet launches the Masterplan',
        lead: 'The state funds the strategy of the region.',
        body: richText('The Regionalkonvent writes the Masterplan by the end of 2026.'),
      },
    })
    expect(english.status).toBe(400)
    expect(errorPaths(english)).toEqual(['images.0.image'])

    await payload.update({
      collection: 'media',
      id: draft.images![0]!.image as number,
      data: { alt: 'Das Kabinett am Sitzungstisch', credit: 'Foto: SMIL' },
      overrideAccess: true,
      locale: 'de',
    })
    const published = await rest('PATCH', `/press-releases/${draft.id}`, {
      token: tokens.press,
      json: { _status: 'published', importNotes: null },
    })
    expect(published.status).toBe(200)
    const anonymous = await rest('GET', `/press-releases/${draft.id}`)
    expect(anonymous.status).toBe(200)
    expect(anonymous.body).not.toHaveProperty('importNotes')
  })
})

describe('what the import cannot place', () => {
  let reply: Reply
  let draft: Awaited<ReturnType<typeof draftOf>>
  let bodyText: string
  let notices: { kind: string; message: string }[]
  beforeAll(async () => {
    reply = await importAs(tokens.admin, upload(await messyRelease(), 'regionalkonvent.docx'))
    draft = await draftOf(reply.body?.id)
    bodyText = (draft.body as { root: Node }).root.children!.map(textOf).join('\n')
    notices = reply.body.notices
  })

  it('still gives a draft, with a bold first line as title and the next paragraph as lead', () => {
    expect(reply.status).toBe(201)
    expect(draft._status).toBe('draft')
    expect(draft.title).toBe('Regionalkonvent tagt in Chemnitz')
    expect(draft.lead).toBe('Der Regionalkonvent hat über die Stärken der Region beraten.')
  })

  it('keeps unplaced letterhead lines as body text and lists each', () => {
    expect(bodyText).toContain('Medieninformation Nr. 12/2025')
    expect(bodyText).toContain('Beispiel-Verband Erzgebirge e. V.')
    const unplaced = notices.filter((n) => n.kind === 'unplaced').map((n) => n.message)
    expect(unplaced).toHaveLength(2)
    expect(unplaced[1]).toContain('„Beispiel-Verband Erzgebirge e. V.“')
  })

  it('keeps a quote without attribution, table rows, link words and struck text as text', () => {
    expect(bodyText).toContain('»Wir brauchen die Ideen aus der Region.«')
    expect(bodyText).toContain('Vogtlandkreis | 2025')
    expect(bodyText).toContain('Die Unterlagen liegen im Netzlaufwerk und sind nicht mehr gültig.')
    expect(JSON.stringify(draft.body)).not.toContain('file:')
    expect(JSON.stringify(draft.body)).not.toContain('"type":"block"')
  })

  it('names every gap in a notice, on the draft as in the answer', () => {
    expect(notices.map((n) => n.kind).sort()).toEqual(
      ['contact', 'date', 'format', 'image', 'issuer', 'link', 'quote', 'table', 'unplaced', 'unplaced'].sort(),
    )
    expect(notices.find((n) => n.kind === 'image')!.message).toContain('image/gif')
    for (const { message } of notices) {
      expect(message).toMatch(/ \/ [a-z]/)
      expect(draft.importNotes).toContain(message)
    }
    expect(draft.issuers).toEqual([])
    expect(draft.images).toEqual([])
  })
})

describe('files the import refuses, writing nothing', () => {
  const cases: [string, () => Promise<FormData>, number, RegExp][] = [
    [
      'a text file',
      async () => upload(Buffer.from('Medieninformation'), 'notiz.txt', 'text/plain'),
      415,
      /keine Word-Datei/,
    ],
    [
      'a zip that is no Word document',
      async () => {
        const { default: JSZip } = await import('jszip')
        const zip = new JSZip().file('readme.txt', 'hallo')
        return upload(await zip.generateAsync({ type: 'uint8array' }), 'archiv.docx')
      },
      415,
      /kein Word-Dokument/,
    ],
    [
      'a corrupt (truncated) file',
      async () => {
        const whole = await cabinetRelease()
        return upload(whole.subarray(0, Math.floor(whole.length / 2)))
      },
      400,
      /beschädigt/,
    ],
    [
      'a password-protected file',
      async () => upload(encryptedOffice()),
      400,
      /passwortgeschützt.*\/ the file is password-protected/,
    ],
    ['a file with macros', async () => upload(await withExtraPart('macro'), 'makro.docm'), 400, /Makros/],
    ['a file with embedded objects', async () => upload(await withExtraPart('embedding')), 400, /eingebettete Objekte/],
    [
      'a zip bomb (300 MB packed into a small file)',
      async () => {
        const { default: JSZip } = await import('jszip')
        const zip = new JSZip()
          .file('[Content_Types].xml', '<Types/>')
          .file('word/document.xml', '<w:document/>')
          .file('word/media/image1.png', Buffer.alloc(300 * 1024 * 1024, 32))
        return upload(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))
      },
      400,
      /entpackt sich zu mehr als 40 MB/,
    ],
    [
      'a zip bomb whose directory claims a small size (it is counted while unpacking, not believed)',
      async () => {
        const { default: JSZip } = await import('jszip')
        const zip = new JSZip()
          .file('[Content_Types].xml', '<Types/>')
          .file('word/document.xml', '<w:document/>')
          .file('word/media/image1.png', Buffer.alloc(300 * 1024 * 1024, 32))
        const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))
        // The uncompressed size in each local header (offset 22) and directory entry (offset 24).
        for (const [signature, offset] of [
          [0x04034b50, 22],
          [0x02014b50, 24],
        ] as const)
          for (let i = 0; i + offset + 4 <= bytes.length; i++)
            if (bytes.readUInt32LE(i) === signature && bytes.readUInt32LE(i + offset) > 1_000_000)
              bytes.writeUInt32LE(1_000, i + offset)
        return upload(bytes)
      },
      400,
      /entpackt sich zu mehr als 40 MB/,
    ],
    [
      'a document whose text part unpacks to more than 16 MB',
      async () => {
        const { default: JSZip } = await import('jszip')
        const zip = new JSZip()
          .file('[Content_Types].xml', '<Types/>')
          .file('word/document.xml', Buffer.alloc(17 * 1024 * 1024, 32))
        return upload(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }))
      },
      400,
      /Text des Dokuments entpackt sich zu mehr als 16 MB/,
    ],
    ['a 50 MB file', async () => upload(Buffer.alloc(50 * 1024 * 1024, 1)), 413, /größer als 10 MB/],
    [
      'a request without the file field',
      async () => {
        const form = new FormData()
        form.append('datei', 'x')
        return form
      },
      400,
      /im Feld „file“/,
    ],
  ]

  it.each(cases)(
    'refuses %s with a clear message',
    async (_, form, status, message) => {
      const before = await counts()
      const reply = await importAs(tokens.press, await form())
      expect(reply.status).toBe(status)
      expect(messageOf(reply)).toMatch(message)
      expect(await counts()).toEqual(before)
    },
    90_000,
  )

  it('rolls back the pictures, rows and files, when the draft cannot be written', async () => {
    const before = await counts()
    const editor = await payload.find({
      collection: 'users',
      where: { email: { equals: 'editor-import-docx@test.example' } },
      overrideAccess: true,
    })
    // Editors may store media but not press releases: the pictures are written, then the draft fails.
    const req = await createLocalReq({ user: { ...editor.docs[0]!, collection: 'users' } }, payload)
    const folder = payload.collections.media.config.upload.staticDir!
    const files = await readdir(folder).catch((): string[] => [])
    await expect(importDocx(req, { name: 'a.docx', bytes: await cabinetRelease() })).rejects.toMatchObject({
      status: 403,
    })
    expect(await counts()).toEqual(before)
    expect((await readdir(folder).catch((): string[] => [])).filter((f) => !files.includes(f))).toEqual([])
  })
})

describe('who may import', () => {
  it('refuses anonymous callers with 401 and editors with 403, creating nothing', async () => {
    const before = await counts()
    const file = await cabinetRelease()
    expect((await importAs(undefined, upload(file))).status).toBe(401)
    expect((await importAs(tokens.editor, upload(file))).status).toBe(403)
    expect(await counts()).toEqual(before)
  })

  it('lets the press office and admins import, through the guarded API route too', async () => {
    const file = await cabinetRelease()
    expect((await importAs(tokens.admin, upload(file))).status).toBe(201)
    const request = new Request('http://localhost:3000/api/press-releases/import-docx', {
      method: 'POST',
      headers: { Authorization: `JWT ${tokens.press}` },
      body: upload(file),
    })
    const response = await route.POST(request, {
      params: Promise.resolve({ slug: ['press-releases', 'import-docx'] }),
    })
    expect(response.status).toBe(201)
  })
})

describe('reading the parts of a release', () => {
  const partners = [{ id: 1, name: ISSUER, representative: { name: 'Regina Kraushaar', office: 'Staatsministerin' } }]
  it.each([
    ['»Text«, so Staatsministerin Regina Kraushaar.', 'Regina Kraushaar', 'Staatsministerin'],
    [
      '„Text“, sagte Carsten Michaelis, Landrat des Landkreises Zwickau.',
      'Carsten Michaelis',
      'Landrat des Landkreises Zwickau',
    ],
    ['»Text«, ergänzt Kraushaar.', 'Regina Kraushaar', 'Staatsministerin'],
    ['„Er sagte »Text« dazu“, betont Landrat Carsten Michaelis', 'Carsten Michaelis', 'Landrat'],
  ])('reads the quote %s', (paragraph, person, office) => {
    const reading = readQuotes(paragraph, new PersonIndex(''), partners)
    expect(reading.quotes).toMatchObject([{ complete: true, quote: { person, office } }])
  })

  it('leaves quotation marks that do not pair, or lack an attribution, as text', () => {
    const read = (text: string) => readQuotes(text, new PersonIndex(''), partners)
    expect(read('»Text“, so Kraushaar.').quotes).toEqual([])
    expect(read('„Text“')).toEqual({ quotes: [], unattributed: true })
    expect(read('Der Konvent tagt „bald“ wieder.')).toEqual({ quotes: [], unattributed: false })
  })

  it('reads German dates as Berlin time, winter and summer', () => {
    expect(germanDate('Chemnitz, 3. Januar 2026')?.toISOString()).toBe('2026-01-02T23:00:00.000Z')
    expect(germanDate('15.04.2025, 9:30 Uhr')?.toISOString()).toBe('2025-04-15T07:30:00.000Z')
    expect(germanDate('31.02.2026')).toBeNull()
    expect(germanDate('Nr. 12/2025')).toBeNull()
  })

  it('reads a contact block line by line, and two contacts one after another', () => {
    const reader = new ContactReader()
    const lines = [
      'Pressekontakt:',
      'Annegret Fischer',
      'Pressesprecherin',
      'Tel. +49 351 564 50021',
      'medien@smil.sachsen.de',
      'Kontakt: Erika Beispiel',
      'E-Mail: presse@beispiel.example',
    ]
    expect(lines.map((line) => reader.read(line))).toEqual(lines.map(() => true))
    expect(reader.contacts).toEqual([
      {
        name: 'Annegret Fischer',
        office: 'Pressesprecherin',
        phone: '+49 351 564 50021',
        email: 'medien@smil.sachsen.de',
      },
      { name: 'Erika Beispiel', email: 'presse@beispiel.example' },
    ])
    expect(reader.read('Der Konvent tagt im Mai.')).toBe(false)
  })
})
