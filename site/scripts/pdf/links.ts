import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib'

/**
 * Link annotations get the text of their link as `/Contents` (PDF/UA-1, ISO 14289-1 §7.18.5): a
 * screen reader announces it when it moves to the link. Chromium writes none.
 */

/** A link of the printed page: its address as the PDF carries it (absolute) and what it says. */
export type PageLink = { href: string; text: string }

const stringOf = (value: unknown) =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined

/** Sets `/Contents` on every link annotation: its link's text, else its address. */
export function describeLinks(pdf: PDFDocument, links: PageLink[]): void {
  const textOf = new Map<string, string>()
  // A link broken over two lines is two annotations; the first text for an address names both.
  for (const { href, text } of links) if (text && !textOf.has(href)) textOf.set(href, text)
  for (const page of pdf.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    for (const item of annotations?.asArray() ?? []) {
      const annotation = pdf.context.lookup(item)
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue
      const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = stringOf(action?.lookup(PDFName.of('URI')))
      const destination = annotation.lookup(PDFName.of('Dest'))
      const target = uri ?? (destination instanceof PDFName ? `#${destination.decodeText()}` : stringOf(destination))
      const described = target ? textOf.get(target) : undefined
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(described ?? target ?? 'Link'))
    }
  }
}
