import { JSDOM } from 'jsdom'
import { excerpt, type Notice, notice } from './notices.ts'
import { IMAGE_SRC } from './toHtml.ts'

/** One top-level element of the converted document, with what the structure needs to read from it. */
export type Block = {
  tag: string
  className: string
  html: string
  text: string
  /** The text split at Word's line breaks (Shift+Enter), as letterheads are often written. */
  lines: string[]
  /** Pictures that stood in this paragraph, by their index in the Word file. */
  images: number[]
  /** Set in bold throughout, the way a title or a "Hintergrund:" label is often written. */
  bold: boolean
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Tables have no place in the editor: each row becomes a line of text, so no cell is lost. */
function flattenTables(document: Document, notices: Notice[]) {
  for (const table of [...document.querySelectorAll('table')]) {
    const rows = [...table.querySelectorAll('tr')].map((row) =>
      [...row.querySelectorAll('td, th')].map((cell) => squash(cell.textContent ?? '')).join(' | '),
    )
    const paragraphs = rows.filter(Boolean).map((row) => {
      const paragraph = document.createElement('p')
      paragraph.textContent = row
      return paragraph
    })
    table.replaceWith(...paragraphs)
    notices.push(
      notice(
        'table',
        `Tabelle als Text übernommen, eine Zeile je Tabellenzeile: „${excerpt(rows[0] ?? '')}“`,
        'table kept as text, one line per row',
      ),
    )
  }
}

/** Bookmarks and footnote marks link to ids the site does not keep; their words stay. */
function unwrapLocalAnchors(document: Document) {
  for (const anchor of [...document.querySelectorAll('a')]) {
    const href = anchor.getAttribute('href')
    if (href && !href.startsWith('#')) continue
    anchor.replaceWith(...anchor.childNodes)
  }
}

function takeImages(element: Element): number[] {
  const found: number[] = []
  for (const image of [...element.querySelectorAll('img')]) {
    const src = image.getAttribute('src') ?? ''
    if (src.startsWith(IMAGE_SRC)) found.push(Number(src.slice(IMAGE_SRC.length)))
    image.remove()
  }
  return found
}

function linesOf(element: Element): string[] {
  const copy = element.cloneNode(true) as Element
  for (const lineBreak of [...copy.querySelectorAll('br')]) lineBreak.replaceWith('\n')
  return (copy.textContent ?? '').split('\n').map(squash).filter(Boolean)
}

function isBold(element: Element): boolean {
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */)
  let any = false
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue
    any = true
    if (!node.parentElement?.closest('strong, b')) return false
  }
  return any
}

/** The document's top-level blocks, cleaned of what the editor cannot hold. */
export function readBlocks(html: string, notices: Notice[]): Block[] {
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window
  flattenTables(document, notices)
  unwrapLocalAnchors(document)
  return [...document.body.children].map((element) => {
    const images = takeImages(element)
    return {
      tag: element.tagName.toLowerCase(),
      className: element.className,
      html: element.outerHTML,
      text: squash(element.textContent ?? ''),
      lines: linesOf(element),
      images,
      bold: isBold(element),
    }
  })
}
