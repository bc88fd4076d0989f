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

/**
 * Chromium makes both an HTML `<figure>` and the image inside it a `Figure`; only the image has a
 * text alternative. PDF/UA wants one on every Figure, and a screen reader would read the outer
 * one's instead of the image and its caption. A Figure holding another Figure is a group: a `Div`.
 * Returns how many were regrouped.
 */
export function groupFigures(context: PDFContext, root: PDFDict): number {
  const figures = elements(context, root).filter((element) => typeOf(element) === 'Figure')
  let regrouped = 0
  for (const figure of figures) {
    if (figure.has(PDFName.of('Alt'))) continue
    if (!elements(context, figure).some((inner) => typeOf(inner) === 'Figure')) continue
    figure.set(S, PDFName.of('Div'))
    regrouped++
  }
  return regrouped
}
