import { findUnrenderable } from '@masterplan/shared/rich-text'
import { readBlocks } from './blocks.ts'
import { checkDocumentShape } from './documentShape.ts'
import { inspectPackage } from './inspectPackage.ts'
import type { KnownPartner } from './issuers.ts'
import { type EditorState, toLexical } from './lexical.ts'
import { excerpt, type Notice, notice } from './notices.ts'
import { pageMarginLines } from './pageMargins.ts'
import { Refusal } from './refusal.ts'
import type { Contact } from './contacts.ts'
import { readStructure } from './structure.ts'
import { type WordImage, wordToHtml } from './toHtml.ts'

/** Everything the draft needs from the Word file, as plain data a worker thread can hand back. */
export type WordReading = {
  title: string
  subtitle?: string
  lead?: string
  releaseDate?: string
  embargoUntil?: string
  issuers: number[]
  contacts: Contact[]
  body: EditorState | null
  background: EditorState | null
  images: WordImage[]
  /** The pictures placed in the release, by index into `images`, with their captions. */
  placed: { index: number; caption?: string }[]
  notices: Notice[]
}

async function convert(bytes: Uint8Array) {
  try {
    return await wordToHtml(bytes)
  } catch {
    throw new Refusal(
      'Die Word-Datei ist beschädigt oder unvollständig und lässt sich nicht lesen',
      'the Word file is corrupt or incomplete and cannot be read',
    )
  }
}

/**
 * Reads a Word file into the parts of a draft without touching the database. Runs in a worker
 * thread (worker.ts): it is the CPU-heavy part of the import and works on the sender's bytes.
 */
export async function readWordFile(
  bytes: Uint8Array,
  filename: string,
  partners: KnownPartner[],
): Promise<WordReading> {
  const zip = await inspectPackage(bytes, filename)
  checkDocumentShape(await zip.file('word/document.xml')!.async('string'))
  const notices: Notice[] = []
  const margins = await pageMarginLines(zip)
  if (margins.length > 0) {
    notices.push(
      notice(
        'page-margins',
        `Kopf- und Fußzeilen werden nicht übernommen: „${excerpt(margins.join(' · '), 160)}“`,
        'page headers and footers are not imported',
      ),
    )
  }
  const { html, images } = await convert(bytes)
  const blocks = readBlocks(html, notices)
  if (blocks.every((block) => block.text === '') && images.length === 0) {
    throw new Refusal('Das Word-Dokument ist leer', 'the Word document is empty')
  }
  const parts = readStructure(blocks, partners, notices, filename)
  const body = toLexical(parts.body, notices, parts.quotes)
  const background = toLexical(parts.background, notices)
  for (const [field, label, value] of [
    ['body', 'Text', body],
    ['background', 'Hintergrund', background],
  ] as const) {
    const problem = findUnrenderable(value)
    if (problem) {
      throw new Refusal(
        `Das Feld „${label}“ enthält ein Element, das die Website nicht darstellen kann: ${problem.node}`,
        `the field "${field}" contains a node the site cannot render: ${problem.node}`,
        422,
      )
    }
  }
  return {
    title: parts.title!,
    subtitle: parts.subtitle,
    lead: parts.lead,
    releaseDate: parts.releaseDate?.toISOString(),
    embargoUntil: parts.embargoUntil?.toISOString(),
    issuers: parts.issuers.map(({ id }) => id),
    contacts: parts.contacts,
    body,
    background,
    images,
    placed: parts.images,
    notices,
  }
}
