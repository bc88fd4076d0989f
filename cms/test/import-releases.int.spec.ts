import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLocalReq, type Payload, ValidationError } from 'payload'
import { explainSaveError } from '../src/collections/PressReleases/import/saveError.ts'
import { uniqueSlug } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { type Reply, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'
import {
  compactRelease,
  figuresRelease,
  LEGAL_NOTE,
  LONG_TITLE,
  longTitleRelease,
  MINISTRY,
  MINISTRY_WEBSITE,
  openingRelease,
  plainRelease,
  UNKNOWN_MINISTRY,
  visitRelease,
} from './import-releases.fixtures.ts'

/** Word files laid out like the Saxon ministries' releases, imported through the REST endpoint. */
type Node = { type: string; children?: Node[]; [key: string]: any }
type Draft = Awaited<ReturnType<Payload['findByID']>> & Record<string, any>

let payload: Payload
let tokens: Tokens
let ministry: number

beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'import-releases')
  const existing = await payload.find({
    collection: 'partners',
    where: { name: { equals: MINISTRY } },
    overrideAccess: true,
  })
  ministry =
    (existing.docs[0]?.id as number | undefined) ??
    ((
      await payload.create({
        collection: 'partners',
        data: {
          name: MINISTRY,
          shortName: 'SMB',
          slug: uniqueSlug('smb'),
          kind: 'state-ministry',
          roles: ['funder'],
          website: MINISTRY_WEBSITE,
          address: { street: 'Beispielstraße 1', postalCode: '01097', city: 'Dresden' },
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

async function importFile(bytes: Buffer, name: string): Promise<{ reply: Reply; draft: Draft }> {
  const form = new FormData()
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: DOCX }), name)
  const reply = await rest('POST', '/press-releases/import-docx', { token: tokens.press, form })
  expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  const draft = (await payload.findByID({
    collection: 'press-releases',
    id: reply.body.id,
    draft: true,
    depth: 0,
    overrideAccess: true,
    locale: 'de',
  })) as Draft
  return { reply, draft }
}

const textOf = (node: Node): string =>
  node.type === 'text' ? node.text : node.type === 'linebreak' ? '\n' : (node.children ?? []).map(textOf).join('')

/** The rich text as the reader meets it: paragraphs as text, quote blocks as their fields. */
const outline = (value: unknown) =>
  ((value as { root: Node } | null)?.root.children ?? []).map((node) =>
    node.type === 'block'
      ? { quote: { text: node.fields.text, person: node.fields.person, office: node.fields.office } }
      : { [node.type]: textOf(node) },
  )

const notesOf = (draft: Draft) => String(draft.importNotes ?? '')

describe('a release with the name on the line after "Ihr Ansprechpartner" and three quotes in running text', () => {
  let draft: Draft
  beforeAll(async () => {
    ;({ draft } = await importFile(await openingRelease(), 'eroeffnung.docx'))
  })

  it('reads the letterhead: issuer, contact with Durchwahl, Telefon and the e-mail with its mark, date', () => {
    expect(draft.issuers).toEqual([ministry])
    expect(draft.contacts).toEqual([
      expect.objectContaining({ name: 'Paul Probe', phone: '+49 351 564-12345', email: 'presse@smb.sachsen.example' }),
    ])
    expect(draft.contacts[0].office ?? null).toBeNull()
    expect(draft.releaseDate).toBe('2026-03-09T23:00:00.000Z')
    expect(draft.embargoUntil ?? null).toBeNull()
  })

  it('reads title, subtitle, lead and slug', () => {
    expect(draft.title).toBe('Staatsminister eröffnet das Beispielzentrum in Zwickau')
    expect(draft.subtitle).toBe('2,4 Millionen Euro für Forschung und Handwerk in der Region')
    expect(draft.lead).toBe(
      'Das Beispielzentrum in Zwickau ist eröffnet. Es verbindet Hochschule, Handwerk und Industrie.',
    )
    expect(draft.slug).toMatch(/^staatsminister-eroeffnet-das-beispielzentrum-in-zwickau(-\d+)?$/)
  })

  it('turns each quote into a quote block with person and office and keeps the sentences around it', () => {
    expect(outline(draft.body)).toEqual([
      { paragraph: 'Das Zentrum entsteht auf dem früheren Werksgelände.' },
      {
        quote: {
          text: 'Wir investieren in die Zukunft der Region.',
          person: 'Max Mustermann',
          office: 'Staatsminister',
        },
      },
      {
        quote: {
          text: 'Das Zentrum bringt Forschung und Handwerk zusammen',
          person: 'Max Mustermann',
          office: 'Staatsminister',
        },
      },
      { paragraph: 'Der Bau des zweiten Abschnitts beginnt im Sommer.' },
      {
        quote: {
          text: 'Wir haben lange für dieses Zentrum geworben. Der Satz »Gemeinsam geht es besser« war dabei unser Leitgedanke.',
          person: 'Erika Beispiel',
          office: 'Oberbürgermeisterin der Stadt Zwickau und Vorsitzende des Städtebundes Südwestsachsen',
        },
      },
    ])
    expect(draft.background ?? null).toBeNull()
    expect(draft.images).toEqual([])
  })

  it('leaves letterhead and footer out of the body and names the footer in the notes', () => {
    const text = JSON.stringify(draft.body)
    for (const word of [
      'Ansprechpartner',
      'Durchwahl',
      'Telefax',
      'Hausanschrift',
      'Beispielstraße',
      'Kein Zugang',
      'Straßenbahn',
      'smb.sachsen',
    ]) {
      expect(text).not.toContain(word)
    }
    expect(notesOf(draft)).toMatch(
      /Fußzeile des Herausgebers .*„Hausanschrift: · Sächsisches Staatsministerium für Beispielwesen · Beispielstraße 1 · 01097 Dresden · www\.smb\.sachsen\.example · Verkehrsverbindung: · Zu erreichen mit den Straßenbahnlinien 3, 7 und 8 · \*Kein Zugang/,
    )
    expect(notesOf(draft)).not.toMatch(/Nicht zugeordnet|Zitat|Kein Pressekontakt|Kein Datum/)
  })
})

describe('a release with the name on the label line, „…“ quotes, a table and a background section', () => {
  let draft: Draft
  let notices: { kind: string; message: string }[]
  beforeAll(async () => {
    const imported = await importFile(await figuresRelease(), 'zwischenbericht.docx')
    draft = imported.draft
    notices = imported.reply.body.notices
  })

  it('reads letterhead, title, subtitle and lead', () => {
    expect(draft.issuers).toEqual([ministry])
    expect(draft.contacts).toEqual([
      expect.objectContaining({
        name: 'Anna Exempel',
        phone: '+49 351 564-22222',
        email: 'anna.exempel@smb.sachsen.example',
      }),
    ])
    expect(draft.releaseDate).toBe('2025-11-23T23:00:00.000Z')
    expect(draft.title).toBe('Förderung erreicht alle vier Landkreise')
    expect(draft.subtitle).toBe('Zwischenbericht zum Beispielprogramm vorgelegt')
    expect(draft.lead).toBe('Das Beispielprogramm hat im ersten Jahr 41 Vorhaben in allen vier Landkreisen gefördert.')
  })

  it('reads "Dazu sagt X: „…“" and "„…“, erklärt X, office.", and the table row by row', () => {
    expect(outline(draft.body)).toEqual([
      {
        quote: {
          text: 'Die Zahlen zeigen, dass die Förderung in der Fläche ankommt.',
          person: 'Erika Beispiel',
          office: 'Staatssekretärin',
        },
      },
      { paragraph: 'Die Auswertung liegt dem Landtag vor.' },
      { paragraph: 'Landkreis | Vorhaben' },
      { paragraph: 'Zwickau | 12' },
      { paragraph: 'Vogtlandkreis | 9' },
      {
        quote: {
          text: 'Wir bleiben dran',
          person: 'Max Mustermann',
          office: 'Landrat des Landkreises Beispielland',
        },
      },
    ])
  })

  it('puts the background section in its field and the footer with its line breaks in the notes only', () => {
    expect(outline(draft.background)).toEqual([
      { paragraph: 'Das Beispielprogramm läuft bis 2028 und ist mit 20 Millionen Euro ausgestattet.' },
    ])
    expect(JSON.stringify([draft.body, draft.background])).not.toMatch(/Hausanschrift|Kein Zugang|Beispielstraße/)
    expect(notices.map((n) => n.kind).sort()).toEqual(['footer', 'table'])
    expect(notices.find((n) => n.kind === 'footer')!.message).toContain(LEGAL_NOTE.slice(0, 60))
  })
})

describe('a release of a ministry without a partner profile, with a footnote on the e-mail, an embargo and a picture', () => {
  let draft: Draft
  beforeAll(async () => {
    ;({ draft } = await importFile(await visitRelease(), 'besuch.docx'))
  })

  it('reads the contact from the label line and the e-mail with its footnote mark; names the unknown issuer', () => {
    expect(draft.contacts).toEqual([
      expect.objectContaining({
        name: 'Paul Probe',
        phone: '+49 351 564-33333',
        email: 'presse@fantasie.sachsen.example',
      }),
    ])
    expect(draft.issuers).toEqual([])
    expect(notesOf(draft)).toContain(`Herausgeber „${UNKNOWN_MINISTRY}“ im Briefkopf hat kein Partnerprofil`)
    expect(notesOf(draft)).not.toContain('Nicht zugeordnet')
  })

  it('reads date, embargo, title, subtitle and lead', () => {
    expect(draft.releaseDate).toBe('2026-02-01T23:00:00.000Z')
    expect(draft.embargoUntil).toBe('2026-02-03T09:00:00.000Z')
    expect(draft.title).toBe('Staatsministerin besucht das Erzgebirge')
    expect(draft.subtitle).toBe('Gespräche über Tourismus und Verkehr')
    expect(draft.lead).toBe('Staatsministerin Erika Beispiel hat am Montag drei Gemeinden im Erzgebirge besucht.')
  })

  it('gives "sie" the speaker before, continues a quote after its attribution, keeps the picture and its caption', () => {
    const beispiel = { person: 'Erika Beispiel', office: 'Staatsministerin' }
    expect(outline(draft.body)).toEqual([
      { quote: { text: 'Das Erzgebirge hat viel zu bieten.', ...beispiel } },
      { paragraph: 'Am Abend ging es weiter nach Annaberg.' },
      { quote: { text: 'Der Verkehr muss besser werden.', ...beispiel } },
      { quote: { text: 'Wir kommen wieder Das ist versprochen.', ...beispiel } },
    ])
    expect(draft.images).toHaveLength(1)
    expect(draft.images[0].caption).toBe('Staatsministerin Erika Beispiel in Annaberg')
  })

  it('leaves the footnote with the legal note and the footer out of the body', () => {
    expect(JSON.stringify(draft.body)).not.toMatch(/Kein Zugang|Hausanschrift|\[1\]|↑/)
    expect(notesOf(draft)).toMatch(/Fußzeile des Herausgebers.*Kein Zugang für verschlüsselte/)
  })
})

describe('a compact letterhead in one paragraph with line breaks', () => {
  it('reads every letterhead line, heading title and subtitle, and "hebt hervor:"', async () => {
    const { draft, reply } = await importFile(await compactRelease(), 'radwege.docx')
    expect(draft.issuers).toEqual([ministry])
    expect(draft.contacts).toEqual([
      expect.objectContaining({
        name: 'Anna Exempel',
        phone: '+49 351 564-55555',
        email: 'anna.exempel@smb.sachsen.example',
      }),
    ])
    expect(draft.releaseDate).toBe('2026-05-14T22:00:00.000Z')
    expect([draft.title, draft.subtitle, draft.lead]).toEqual([
      'Neue Radwege zwischen Plauen und Zwickau',
      'Baustart für drei Abschnitte',
      'Zwischen Plauen und Zwickau entstehen bis 2027 drei neue Radwege.',
    ])
    expect(outline(draft.body)).toEqual([
      { paragraph: 'Der Freistaat trägt 80 Prozent der Kosten.' },
      {
        quote: {
          text: 'Der Radweg verbindet Schulen, Betriebe und Bahnhöfe.',
          person: 'Erika Beispiel',
          office: 'Landrätin',
        },
      },
    ])
    expect(reply.body.notices.map((n: { kind: string }) => n.kind)).toEqual(['footer'])
  })
})

describe('a release whose title and subtitle are plain paragraphs', () => {
  it('takes the short lines after the date as title and subtitle, the first sentence as lead', async () => {
    const { draft, reply } = await importFile(await plainRelease(), 'ferien.docx')
    expect([draft.title, draft.subtitle, draft.lead]).toEqual([
      'Sommerferien: Beispielzentrum öffnet für Schulklassen',
      'Anmeldung ab sofort möglich',
      'Das Beispielzentrum in Zwickau lädt in den Sommerferien Schulklassen ein.',
    ])
    expect(draft.releaseDate).toBe('2026-05-31T22:00:00.000Z')
    expect(draft.issuers).toEqual([ministry])
    expect(draft.contacts).toEqual([
      expect.objectContaining({ name: 'Paul Probe', phone: '+49 351 564-66666', email: 'presse@smb.sachsen.example' }),
    ])
    expect(outline(draft.body)).toEqual([
      {
        quote: {
          text: 'Wir wollen früh für Technik begeistern',
          person: 'Erika Beispiel',
          office: 'Leiterin des Zentrums',
        },
      },
    ])
    expect(reply.body.notices).toEqual([])
  })
})

describe('importing the same file twice', () => {
  it('gives a second draft whose slug differs and fits 120 characters, and names the first draft in German', async () => {
    const file = await longTitleRelease()
    const first = await importFile(file, 'programm.docx')
    expect(first.draft.title).toBe(LONG_TITLE)
    expect(LONG_TITLE).toHaveLength(122)
    expect(first.draft.slug.length).toBeLessThanOrEqual(120)
    expect(first.draft.contacts).toEqual([
      expect.objectContaining({ name: 'Paul Probe', phone: '+49 351 564-44444', email: 'presse@smb.sachsen.example' }),
    ])
    expect(first.draft.releaseDate).toBe('2026-02-02T23:00:00.000Z')
    expect(outline(first.draft.body)).toEqual([
      {
        paragraph:
          'Max Mustermann, Staatsminister für Beispielwesen, hat das Programm am Dienstag in Dresden vorgestellt. Es richtet sich an alle vier Landkreise.',
      },
      {
        quote: {
          text: 'Wir setzen auf die Stärken der Region',
          person: 'Max Mustermann',
          office: 'Staatsminister für Beispielwesen',
        },
      },
    ])

    const second = await importFile(file, 'programm.docx')
    expect(second.draft.id).not.toBe(first.draft.id)
    expect(second.draft.slug).not.toBe(first.draft.slug)
    expect(second.draft.slug.length).toBeLessThanOrEqual(120)
    expect(second.draft.slug).toMatch(/-2$/)
    const duplicate = second.reply.body.notices[0]
    expect(duplicate.kind).toBe('duplicate')
    expect(duplicate.message).toContain(
      `Diese Datei wurde schon einmal importiert: „${LONG_TITLE}“ (Nr. ${first.draft.id}, Entwurf)`,
    )
    expect(second.draft.importNotes).toContain(duplicate.message)
  })

  it('explains a draft that cannot be saved by the fields’ labels, never by a bare field name', async () => {
    const req = await createLocalReq({}, payload)
    const error = (errors: { path: string; message: string }[]) =>
      explainSaveError(new ValidationError({ collection: 'press-releases', errors }), req) as Error
    const slug = error([{ path: 'slug', message: 'Wert muss eindeutig sein' }])
    expect(slug.message).toMatch(/^Der Kurzname in der URL war beim Speichern schon vergeben.* \/ the URL slug/)
    const contact = error([{ path: 'contacts.0.email', message: 'Bitte eine gültige E-Mail-Adresse eingeben' }])
    expect(contact.message).toBe(
      'Der Entwurf ließ sich nicht speichern: „Pressekontakt › E-Mail“: Bitte eine gültige E-Mail-Adresse eingeben / the draft could not be saved: "Press contact › E-mail": Bitte eine gültige E-Mail-Adresse eingeben',
    )
    const picture = explainSaveError(
      new ValidationError({ collection: 'media', errors: [{ path: 'alt', message: 'Pflichtfeld' }] }),
      req,
      'media',
    ) as Error
    expect(picture.message).toBe(
      'Ein Bild ließ sich nicht speichern: „Alternativtext“: Pflichtfeld / a picture could not be saved: "Alt text": Pflichtfeld',
    )
  })
})
