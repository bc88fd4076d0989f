import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { editorConfigFactory } from '@payloadcms/richtext-lexical'
import { slugify } from '@masterplan/shared'
import { findUnrenderable } from '@masterplan/shared/rich-text'
import { readBlocks } from './blocks.ts'
import { createImages, removeWrittenFiles } from './images.ts'
import { inspectPackage } from './inspectPackage.ts'
import { loadPartners } from './issuers.ts'
import { toLexical } from './lexical.ts'
import { excerpt, type Notice, notice, noticeText } from './notices.ts'
import { pageMarginLines } from './pageMargins.ts'
import { ImportRefused } from './refusal.ts'
import type { Media } from '../../../payload-types.ts'
import { readStructure } from './structure.ts'
import { wordToHtml } from './toHtml.ts'

export type ImportResult = { id: number; title: string; notices: Notice[] }

function editorConfigOf(req: PayloadRequest, name: 'body' | 'background') {
  const field = req.payload.collections['press-releases'].config.flattenedFields.find((f) => f.name === name)
  if (field?.type !== 'richText') throw new Error(`press-releases has no rich-text field ${name}`)
  return editorConfigFactory.fromField({ field })
}

/** A slug no other release has, so importing the same file twice gives two drafts, not an error. */
async function freeSlug(req: PayloadRequest, title: string): Promise<string> {
  const base = slugify(title) || 'medieninformation'
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    const taken = await req.payload.count({
      collection: 'press-releases',
      where: { slug: { equals: slug } },
      overrideAccess: true,
      req,
    })
    if (taken.totalDocs === 0) return slug
  }
}

async function convert(bytes: Uint8Array) {
  try {
    return await wordToHtml(bytes)
  } catch {
    throw new ImportRefused(
      'Die Word-Datei ist beschädigt oder unvollständig und lässt sich nicht lesen',
      'the Word file is corrupt or incomplete and cannot be read',
    )
  }
}

/**
 * A draft press release from a Word file. Everything is read and checked before the first write;
 * the pictures and the draft are then written in one transaction, so a failure leaves nothing.
 */
export async function importDocx(
  req: PayloadRequest,
  file: { name: string; bytes: Uint8Array },
): Promise<ImportResult> {
  const zip = await inspectPackage(file.bytes, file.name)
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
  const { html, images } = await convert(file.bytes)
  const blocks = readBlocks(html, notices)
  if (blocks.every((block) => block.text === '') && images.length === 0) {
    throw new ImportRefused('Das Word-Dokument ist leer', 'the Word document is empty')
  }
  const parts = readStructure(blocks, await loadPartners(req), notices, file.name)
  const body = toLexical(parts.body, editorConfigOf(req, 'body'), notices, parts.quotes)
  const background = toLexical(parts.background, editorConfigOf(req, 'background'), notices)
  for (const [field, value] of [
    ['body', body],
    ['background', background],
  ] as const) {
    const problem = findUnrenderable(value)
    if (problem) {
      throw new ImportRefused(
        `Der Text (${field}) enthält ein Element, das die Website nicht darstellen kann: ${problem.node}`,
        `the text (${field}) contains a node the site cannot render: ${problem.node}`,
        422,
      )
    }
  }
  const title = parts.title!
  const shouldCommit = await initTransaction(req)
  const written: Media[] = []
  try {
    const slug = await freeSlug(req, title)
    const imageRows = await createImages(req, images, parts.images, slug, notices, written)
    const draft = await req.payload.create({
      collection: 'press-releases',
      draft: true,
      locale: 'de',
      data: {
        _status: 'draft',
        title,
        subtitle: parts.subtitle,
        slug,
        releaseDate: parts.releaseDate?.toISOString(),
        embargoUntil: parts.embargoUntil?.toISOString(),
        issuers: parts.issuers.map(({ id }) => id),
        contacts: parts.contacts.map(({ name, office, phone, email }) => ({
          name: name!,
          office,
          phone,
          email: email!,
        })),
        lead: parts.lead!,
        body: body as never,
        background: background as never,
        images: imageRows,
        importNotes: notices.length ? noticeText(notices) : null,
      },
      overrideAccess: false,
      user: req.user,
      req,
    })
    if (shouldCommit) await commitTransaction(req)
    return { id: draft.id, title, notices }
  } catch (error) {
    await killTransaction(req)
    // The import's own failure is what the caller must hear about, not a file that would not go.
    await removeWrittenFiles(req, written).catch((cleanup) =>
      req.payload.logger.error({ err: cleanup, msg: 'Word-Import: Bilddateien nicht entfernt' }),
    )
    throw error
  }
}
