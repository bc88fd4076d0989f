import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editorConfigFactory } from '@payloadcms/richtext-lexical'
import { createLocalReq, type Payload } from 'payload'
import { Document, Packer, Paragraph, type Table, TextRun } from 'docx'
import { importDocx } from '../src/collections/PressReleases/import/importDocx.ts'
import { readBlocks } from '../src/collections/PressReleases/import/blocks.ts'
import { toLexical } from '../src/collections/PressReleases/import/lexical.ts'
import { wordToHtml } from '../src/collections/PressReleases/import/toHtml.ts'
import { bootPayload } from './helpers/payload.ts'
import { signInEveryRole } from './helpers/users.ts'
import { cabinetRelease } from './import-docx.fixtures.ts'
import { nestedTables, worstCase } from './import-hostile.fixtures.ts'

/** The import's limits, each refused with its message and nothing written; the worker's conversion. */
let payload: Payload
let press: Awaited<ReturnType<typeof createLocalReq>>

beforeAll(async () => {
  payload = await bootPayload()
  await signInEveryRole(payload, 'import-limits')
  const user = await payload.find({
    collection: 'users',
    where: { email: { equals: 'press-import-limits@test.example' } },
    overrideAccess: true,
  })
  press = await createLocalReq({ user: { ...user.docs[0]!, collection: 'users' } }, payload)
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
  const error = await importDocx(press, { name: 'grenze.docx', bytes }, limits).then(
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

  it('refuses more than 2,000 paragraphs', async () => {
    const bytes = await pack([title(), ...Array.from({ length: 2_000 }, () => new Paragraph('Absatz.'))])
    await refused(bytes, /^Das Dokument hat 2\.001 Absätze, der Import liest höchstens 2\.000/)
  })

  it('refuses tables nested six deep and reads five, the inner cells with the outer row', async () => {
    await refused(
      await nestedTables(6),
      /^Das Dokument enthält Tabellen in 6 Ebenen ineinander; der Import liest höchstens 5/,
    )
    const result = await importDocx(press, { name: 'tabellen.docx', bytes: await nestedTables(5) })
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
