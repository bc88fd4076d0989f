import { PDFArray, type PDFContext, PDFDict, PDFName, PDFRef } from 'pdf-lib'

/**
 * Chromium's structure tree in terms PDF/UA-1 accepts (ISO 14289-1 §7.1, ISO 32000-1 §14.8.4).
 * Chromium names some elements after PDF 2.0 (`Strong`, `Em`), which PDF 1.7 readers do not know:
 * poppler drops such an element with its text ("StructElem object is wrong type (Strong)"), so a
 * release's bold lead paragraph vanished from a reading of the tags. The RoleMap maps each to a
 * standard type; the elements keep their own names for readers that know them.
 */

/** The standard structure types of ISO 32000-1, Tables 333 to 340. */
const STANDARD = new Set(
  [
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private',
    'P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot',
    'Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form',
  ]
    .join(' ')
    .split(' '),
)

/** PDF 2.0's types Chromium may write, each as the nearest PDF 1.7 type; anything else carries no meaning of its own. */
const NEAREST: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Title: 'P',
  FENote: 'Note',
  Aside: 'Div',
  DocumentFragment: 'Div',
}
const NEUTRAL = 'NonStruct'

const S = PDFName.of('S')
const K = PDFName.of('K')

/** Every structure element below `node` (the root or an element), each once, in document order. */
function elements(context: PDFContext, node: PDFDict): PDFDict[] {
  const found: PDFDict[] = []
  const seen = new Set<PDFDict>()
  const visit = (kid: unknown): void => {
    const item = kid instanceof PDFRef ? context.lookup(kid) : kid
    if (item instanceof PDFArray) {
      for (const each of item.asArray()) visit(each)
    } else if (item instanceof PDFDict && !seen.has(item)) {
      seen.add(item)
      if (item.get(S) instanceof PDFName) found.push(item)
      visit(item.get(K))
    }
  }
  visit(node.get(K))
  return found
}

const typeOf = (element: PDFDict) => (element.get(S) as PDFName).decodeText()

/**
 * Adds a RoleMap entry for each non-standard type in the tree (keeping entries already there) and
 * returns the types it mapped.
 */
export function mapRoles(context: PDFContext, root: PDFDict): string[] {
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? context.obj({})
  const mapped = new Set<string>()
  for (const element of elements(context, root)) {
    const type = typeOf(element)
    if (STANDARD.has(type) || roleMap.has(PDFName.of(type))) continue
    roleMap.set(PDFName.of(type), PDFName.of(NEAREST[type] ?? NEUTRAL))
    mapped.add(type)
  }
  root.set(PDFName.of('RoleMap'), roleMap)
  return [...mapped].sort()
}

/** Whether an element holds content of its own (marked content or an annotation), not only elements. */
function holdsContent(context: PDFContext, element: PDFDict): boolean {
  const kids = context.lookup(element.get(K))
  const list = kids instanceof PDFArray ? kids.asArray().map((kid) => context.lookup(kid)) : [kids]
  return list.some((kid) => !(kid instanceof PDFDict && kid.get(S) instanceof PDFName))
}

/**
 * Chromium makes an HTML `<figure>` a `Figure`, whatever it holds: an image (itself a `Figure`,
 * with the image's alternative text) or a quote with its caption. PDF/UA wants a text alternative
 * on every Figure, and a screen reader would read it instead of what the figure holds. A Figure
 * without one that holds only other elements is a group: a `Div`. Returns how many were regrouped.
 */
export function groupFigures(context: PDFContext, root: PDFDict): number {
  let regrouped = 0
  for (const element of elements(context, root)) {
    if (typeOf(element) !== 'Figure' || element.has(PDFName.of('Alt')) || holdsContent(context, element)) continue
    element.set(S, PDFName.of('Div'))
    regrouped++
  }
  return regrouped
}
