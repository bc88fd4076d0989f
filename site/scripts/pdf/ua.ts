import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHeader, PDFName, PDFRawStream } from 'pdf-lib'
import { markArtifacts } from './artifacts.ts'
import { describeLinks } from './links.ts'
import type { PageFacts } from './page.ts'
import { groupFigures, mapRoles } from './structure.ts'
import { xmpPacket } from './xmp.ts'

/**
 * Chromium's tagged PDF of a release page, completed to what can be checked by machine of
 * PDF/UA-1 (ISO 14289-1): XMP metadata claiming it, the title shown by viewers, the language, only
 * standard structure types, nothing untagged outside artifacts, links described, tab order by
 * structure. pdf-lib rewrites the file; what Chromium tagged is left as it was.
 */

/** The page's content as one decoded stream (Chromium writes one, the format allows an array). */
function contentOf(pdf: PDFDocument, page: PDFDict): Uint8Array {
  const contents = pdf.context.lookup(page.get(PDFName.of('Contents')))
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents]
  const parts = streams.map((stream) => {
    if (!(stream instanceof PDFRawStream)) throw new Error('PDF: a page content that is not a stream')
    return decodePDFRawStream(stream).decode()
  })
  // Streams of one page are read as one, with white space between (ISO 32000-1 §7.8.2).
  return Buffer.concat(parts.flatMap((part) => [part, Buffer.from('\n')]))
}

/** Marks each page's untagged content as artifacts; returns how many objects were marked. */
function markUntagged(pdf: PDFDocument): number {
  let marked = 0
  for (const page of pdf.getPages()) {
    const result = markArtifacts(contentOf(pdf, page.node))
    if (result.marked === 0) continue
    marked += result.marked
    page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(result.bytes)))
  }
  return marked
}

export type PdfUaOptions = PageFacts & { date: Date }

export async function toPdfUa(printed: Uint8Array, { title, lang, links, date }: PdfUaOptions): Promise<Uint8Array> {
  if (!title.trim()) throw new Error('PDF/UA: the page has no title')
  if (!lang.trim()) throw new Error('PDF/UA: the page declares no language')
  const pdf = await PDFDocument.load(printed, { updateMetadata: false })
  const { catalog, context } = pdf
  const structure = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!structure) throw new Error('PDF/UA: Chromium wrote no structure tree (printed without tagged: true?)')

  // The file's features are PDF 1.7's (RoleMap semantics, the structure types it names).
  context.header = PDFHeader.forVersion(1, 7)
  pdf.setTitle(title, { showInWindowTitleBar: true })
  pdf.setLanguage(lang)
  pdf.setCreationDate(date)
  pdf.setModificationDate(date)
  catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }))
  const xmp = xmpPacket({
    title,
    language: lang,
    date,
    producer: pdf.getProducer() ?? '',
    creatorTool: pdf.getCreator() ?? '',
  })
  // Uncompressed, as XMP readers that scan files for packets expect.
  const metadata = context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })
  catalog.set(PDFName.of('Metadata'), context.register(metadata))

  groupFigures(context, structure)
  mapRoles(context, structure)
  markUntagged(pdf)
  describeLinks(pdf, links)
  // Keyboard focus moves through links and annotations in the order of the structure tree.
  for (const page of pdf.getPages()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'))

  // A plain cross-reference table, which every reader (and poppler's and qpdf's repair) knows.
  return pdf.save({ useObjectStreams: false, addDefaultPage: false })
}
