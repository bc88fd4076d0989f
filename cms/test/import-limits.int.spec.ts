import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editorConfigFactory } from '@payloadcms/richtext-lexical'
import { createLocalReq, type Payload } from 'payload'
import { Document, Packer, Paragraph, type Table, TextRun } from 'docx'
import { importDocx } from '../src/collections/PressReleases/import/importDocx.ts'
import type { User } from '../src/payload-types.ts'
import { readBlocks } from '../src/collections/PressReleases/import/blocks.ts'
import { toLexical } from '../src/collections/PressReleases/import/lexical.ts'
import { wordToHtml } from '../src/collections/PressReleases/import/toHtml.ts'
import { bootPayload } from './helpers/payload.ts'
import { signInEveryRole } from './helpers/users.ts'
import { cabinetRelease } from './import-docx.fixtures.ts'
import { nestedTables, pixelBombRelease, worstCase } from './import-hostile.fixtures.ts'

/** The import's limits, each refused with its message and nothing written; the worker's conversion. */
let payload: Payload
let pressUser: User
/** A request of its own for each import: each runs its own transaction. */
const press = () => createLocalReq({ user: { ...pressUser, collection: 'users' } as never }, payload)

beforeAll(async () => {
  payload = await bootPayload()
  await signInEveryRole(payload, 'import-limits')
  const user = await payload.find({
    collection: 'users',
    where: { email: { equals: 'press-import-limits@test.example' } },
    overrideAccess: true,
  })
  pressUser = user.docs[0]!
})
afterAll(async () => {
  await payload.destroy()
})

const counts = async () => ({
  releases: (await payload.count({ collection: 'press-releases', overrideAccess: true })).totalDocs,
  media: (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs,
})

const pack = (children: (Paragraph | Table)[]) => Packer.toBuffer(new Document({ sections: [{ children }] }))
const title = () => new Paragraph({ children: [new TextRun({ text: 'Titel', bold: true })] })

async function refused(bytes: Buffer, message: RegExp, limits?: { timeMs: number; heapMb: number }) {
  const before = await counts()
  const error = await importDocx(await press(), { name: 'grenze.docx', bytes }, limits).then(
    () => null,
    (e: Error & { status?: number }) => e,
  )
  expect(error?.message).toMatch(message)
  expect(error?.message).toMatch(/ \/ [a-z]/)
  expect(await counts()).toEqual(before)
  return error!
}

describe('limits of the import', () => {
  it('refuses more than 100,000 characters of text', async () => {
    const bytes = await pack([title(), new Paragraph({ children: [new TextRun('a'.repeat(100_001))] })])
    await refused(
      bytes,
      /^Der Text ist mit 100\.00\d Zeichen zu lang für eine Medieninformation \(höchstens 100\.000\)/,
    )
  })

  it('refuses more than 1,000 paragraphs', async () => {
    const bytes = await pack([title(), ...Array.from({ length: 1_000 }, () => new Paragraph('Absatz.'))])
    await refused(bytes, /^Das Dokument hat 1\.001 Absätze, der Import liest höchstens 1\.000/)
  })

  it('refuses more than 10,000 separately formatted runs', async () => {
    const runs = Array.from({ length: 10_001 }, (_, i) => new TextRun({ text: 'a', bold: i % 2 === 0 }))
    const bytes = await pack([title(), new Paragraph({ children: runs })])
    await refused(
      bytes,
      /^Das Dokument hat 10\.002 unterschiedlich formatierte Textstücke, der Import liest höchstens 10\.000/,
    )
  })

  it('refuses tables nested six deep and reads five, the inner cells with the outer row', async () => {
    await refused(
      await nestedTables(6),
      /^Das Dokument enthält Tabellen in 6 Ebenen ineinander; der Import liest höchstens 5/,
    )
    const result = await importDocx(await press(), { name: 'tabellen.docx', bytes: await nestedTables(5) })
    const draft = await payload.findByID({
      collection: 'press-releases',
      id: result.id,
      draft: true,
      overrideAccess: true,
    })
    expect(JSON.stringify(draft.body)).toContain('"text":"innen"')
    expect(result.notices.filter((n) => n.kind === 'table')).toHaveLength(1)
  })

  it('stops the worker at its time limit and refuses the file', async () => {
    const error = await refused(await worstCase(), /^Das Lesen der Word-Datei wurde nach 0\.5 Sekunden abgebrochen/, {
      timeMs: 500,
      heapMb: 768,
    })
    expect(error.status).toBe(422)
  })

  it('refuses a file that needs more memory than the worker may have', async () => {
    await refused(await worstCase(), /^Die Word-Datei braucht zum Lesen mehr als 16 MB Arbeitsspeicher/, {
      timeMs: 60_000,
      heapMb: 16,
    })
  })
})

describe('pictures and parallel imports', () => {
  it('leaves out a picture whose header claims more pixels than media may have, and says so', async () => {
    const before = await counts()
    const result = await importDocx(await press(), { name: 'riesenbild.docx', bytes: await pixelBombRelease() })
    const draft = await payload.findByID({
      collection: 'press-releases',
      id: result.id,
      draft: true,
      overrideAccess: true,
    })
    expect(draft.images).toEqual([])
    expect(result.notices.find((n) => n.kind === 'image')?.message).toMatch(
      /^Bild 1 nicht übernommen: Das Bild hat 20000 × 20000 Pixel \(400 Megapixel\)/,
    )
    expect((await counts()).media).toBe(before.media)
  })

  it('reads at most two files at once and refuses a third with a German message; the two get slugs of their own', async () => {
    const file = await cabinetRelease()
    const reqs = await Promise.all([press(), press(), press()])
    const results = await Promise.allSettled(
      reqs.map((req, n) => importDocx(req, { name: `parallel-${n}.docx`, bytes: file })),
    )
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error & { status: number }] : []))
    expect(refusals.map((e) => [e.status, e.message.split(' / ')[0]])).toEqual([
      [503, 'Es werden gerade schon 2 Word-Dateien gelesen; bitte in einigen Sekunden noch einmal versuchen'],
    ])
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []))
    const slugs = await Promise.all(
      ids.map(
        async (id) =>
          (await payload.findByID({ collection: 'press-releases', id, draft: true, overrideAccess: true })).slug,
      ),
    )
    expect(new Set(slugs).size).toBe(2)
  }, 120_000)
})

describe("the worker's conversion to rich text", () => {
  it('gives a release with heading, lists, link, bold and italic the same nodes as the body field’s own editor', async () => {
    const { html } = await wordToHtml(await cabinetRelease())
    const parts = readBlocks(html, []).map((block) => block.html)
    const field = payload.collections['press-releases'].config.flattenedFields.find((f) => f.name === 'body')
    if (field?.type !== 'richText') throw new Error('no body field')
    const own = await editorConfigFactory.fromField({ field })
    // Links get a fresh random id on each conversion.
    const withoutIds = (value: unknown) => JSON.stringify(value).replace(/"id":"[0-9a-f]{24}"/g, '"id":"…"')
    expect(withoutIds(toLexical(parts, []))).toBe(withoutIds(toLexical(parts, [], [], own)))
    expect(withoutIds(toLexical(parts, []))).toContain('"type":"link"')
  })
})
