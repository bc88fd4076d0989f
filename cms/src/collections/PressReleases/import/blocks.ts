import { JSDOM } from 'jsdom'
import { excerpt, type Notice, notice } from './notices.ts'
import { IMAGE_SRC } from './toHtml.ts'

/** One top-level element of the converted document, with what the structure needs to read from it. */
export type Block = {
  tag: string
  className: string
  html: string
  /** The words, whitespace and line breaks collapsed to single spaces. */
  text: string
  /** The text split at Word's line breaks (Shift+Enter), as letterheads are often written. */
  lines: string[]
  /** Pictures that stood in this paragraph, by their index in the Word file. */
  images: number[]
  /** Set in bold throughout, the way a title or a "Hintergrund:" label is often written. */
  bold: boolean
  /** mammoth's list of the document's footnotes or endnotes, which it appends at the end. */
  notes: boolean
  /** A stretch of `text` [start, end) as a paragraph of HTML, with its bold, italic and links. */
  slice: (start: number, end: number) => string
}

const SHOW_ELEMENT = 1
const SHOW_TEXT = 4
const WHITESPACE = /\s/
const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

// Elements whose text stands apart from its neighbours' when a table is read as one line.
const SEPARATE = new Set(['P', 'TABLE', 'TR', 'TD', 'TH', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BR'])

/** The tables not inside another table, found in one walk that does not enter a table. */
function outermostTables(document: Document): Element[] {
  const found: Element[] = []
  const walker = document.createTreeWalker(document.body, SHOW_ELEMENT, {
    acceptNode: (node) => {
      if ((node as Element).tagName !== 'TABLE') return 3 /* FILTER_SKIP: look inside */
      found.push(node as Element)
      return 2 /* FILTER_REJECT: not inside */
    },
  })
  while (walker.nextNode());
  return found
}

/** A cell's words, a nested table's included, each node read once. */
function cellText(cell: Element): string {
  const parts: string[] = []
  const walker = cell.ownerDocument.createTreeWalker(cell, SHOW_ELEMENT | SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) parts.push((node as Text).data)
    else if (SEPARATE.has((node as Element).tagName)) parts.push(' ')
  }
  return squash(parts.join(''))
}

/**
 * Tables have no place in the editor: each row becomes a line of text, so no cell is lost. A table
 * inside a cell is read with that cell; every node is visited once however deep tables nest.
 */
function flattenTables(document: Document, notices: Notice[]) {
  for (const table of outermostTables(document)) {
    const rows = [...(table as HTMLTableElement).rows].map((row) =>
      [...row.cells].map((cell) => cellText(cell)).join(' | '),
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
  const walker = element.ownerDocument.createTreeWalker(element, SHOW_TEXT)
  let any = false
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue
    any = true
    if (!node.parentElement?.closest('strong, b')) return false
  }
  return any
}

/**
 * The element's text with whitespace collapsed, and for each of its characters the text node and
 * offset it came from, so a stretch of the text can be cut out of the element with its formatting.
 */
function textMap(element: Element) {
  const chars: string[] = []
  const nodes: Text[] = []
  const offsets: number[] = []
  let space = false
  const walker = element.ownerDocument.createTreeWalker(element, SHOW_ELEMENT | SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== 3) {
      if ((node as Element).tagName === 'BR') space = chars.length > 0
      continue
    }
    const data = (node as Text).data
    for (let i = 0; i < data.length; i++) {
      if (WHITESPACE.test(data[i]!)) {
        space = chars.length > 0
        continue
      }
      if (space) {
        chars.push(' ')
        nodes.push(node as Text)
        offsets.push(i)
        space = false
      }
      chars.push(data[i]!)
      nodes.push(node as Text)
      offsets.push(i)
    }
  }
  const text = chars.join('')
  const slice = (from: number, to: number): string => {
    let start = from
    let end = to
    while (start < end && text[start] === ' ') start++
    while (end > start && text[end - 1] === ' ') end--
    if (start >= end) return ''
    const range = element.ownerDocument.createRange()
    range.setStart(nodes[start]!, offsets[start]!)
    range.setEnd(nodes[end - 1]!, offsets[end - 1]! + 1)
    const paragraph = element.ownerDocument.createElement('p')
    paragraph.append(range.cloneContents())
    return paragraph.outerHTML
  }
  return { text, slice }
}

const isNoteList = (element: Element) =>
  (element.tagName === 'OL' || element.tagName === 'UL') &&
  /^(?:footnote|endnote)-/.test(element.firstElementChild?.id ?? '')

/** The document's top-level blocks, cleaned of what the editor cannot hold. */
export function readBlocks(html: string, notices: Notice[]): Block[] {
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window
  flattenTables(document, notices)
  const notes = [...document.body.children].map(isNoteList)
  unwrapLocalAnchors(document)
  return [...document.body.children].map((element, index) => {
    const images = takeImages(element)
    const { text, slice } = textMap(element)
    return {
      tag: element.tagName.toLowerCase(),
      className: element.className,
      html: element.outerHTML,
      text,
      lines: linesOf(element),
      images,
      bold: isBold(element),
      notes: notes[index] ?? false,
      slice,
    }
  })
}
