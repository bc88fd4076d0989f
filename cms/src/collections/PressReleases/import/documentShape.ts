import { IMPORT_LIMITS } from './limits.ts'
import { Refusal } from './refusal.ts'

export type DocumentShape = {
  textCharacters: number
  paragraphs: number
  runs: number
  tableDepth: number
  elementDepth: number
}

/** Index of the `>` ending the tag that starts at `from`, skipping quoted attribute values; -1 when unended. */
function tagEnd(xml: string, from: number): number {
  let quote = ''
  for (let i = from; i < xml.length; i++) {
    const c = xml[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return i
  }
  return -1
}

/**
 * Counts text, paragraphs and nesting of word/document.xml in one pass over its characters, so a
 * file that would take the converter long is refused before the converter starts.
 */
export function measureDocument(xml: string): DocumentShape {
  const shape: DocumentShape = { textCharacters: 0, paragraphs: 0, runs: 0, tableDepth: 0, elementDepth: 0 }
  let depth = 0
  let tables = 0
  let at = xml.indexOf('<')
  while (at >= 0) {
    let end: number
    if (xml.startsWith('<!--', at)) end = xml.indexOf('-->', at) + 2
    else if (xml.startsWith('<![CDATA[', at)) end = xml.indexOf(']]>', at) + 2
    else end = tagEnd(xml, at + 1)
    if (end < at) break
    const closing = xml[at + 1] === '/'
    const special = xml[at + 1] === '?' || xml[at + 1] === '!'
    let name = ''
    if (!special) {
      let i = at + (closing ? 2 : 1)
      while (i < end && !/[\s/>]/.test(xml[i]!)) i++
      name = xml.slice(at + (closing ? 2 : 1), i)
    }
    const selfClosing = xml[end - 1] === '/'
    if (closing) {
      depth--
      if (name === 'w:tbl') tables--
    } else if (!special) {
      if (name === 'w:p') shape.paragraphs++
      if (name === 'w:r') shape.runs++
      if (!selfClosing) {
        depth++
        shape.elementDepth = Math.max(shape.elementDepth, depth)
        if (name === 'w:tbl') shape.tableDepth = Math.max(shape.tableDepth, ++tables)
      }
    }
    const next = xml.indexOf('<', end + 1)
    if (name === 'w:t' && !closing && !selfClosing) shape.textCharacters += (next < 0 ? xml.length : next) - end - 1
    at = next
  }
  return shape
}

/** Refuses a document beyond the import's limits, naming the limit in German and English. */
export function checkDocumentShape(xml: string): DocumentShape {
  const shape = measureDocument(xml)
  const limits = IMPORT_LIMITS
  const number = (n: number) => n.toLocaleString('de-DE')
  if (shape.tableDepth > limits.tableDepth) {
    throw new Refusal(
      `Das Dokument enthält Tabellen in ${shape.tableDepth} Ebenen ineinander; der Import liest höchstens ${limits.tableDepth} Ebenen. Bitte die inneren Tabellen auflösen`,
      `the document nests tables ${shape.tableDepth} levels deep; the import reads at most ${limits.tableDepth}`,
    )
  }
  if (shape.elementDepth > limits.elementDepth) {
    throw new Refusal(
      `Das Dokument ist zu tief verschachtelt (${number(shape.elementDepth)} Ebenen, höchstens ${limits.elementDepth})`,
      `the document is nested too deeply (${shape.elementDepth} levels, at most ${limits.elementDepth})`,
    )
  }
  if (shape.textCharacters > limits.textCharacters) {
    throw new Refusal(
      `Der Text ist mit ${number(shape.textCharacters)} Zeichen zu lang für eine Medieninformation (höchstens ${number(limits.textCharacters)}); bitte kürzen oder aufteilen`,
      `the text has ${shape.textCharacters} characters, too long for a press release (at most ${limits.textCharacters})`,
    )
  }
  if (shape.paragraphs > limits.paragraphs) {
    throw new Refusal(
      `Das Dokument hat ${number(shape.paragraphs)} Absätze, der Import liest höchstens ${number(limits.paragraphs)}; bitte kürzen oder aufteilen`,
      `the document has ${shape.paragraphs} paragraphs; the import reads at most ${limits.paragraphs}`,
    )
  }
  if (shape.runs > limits.runs) {
    throw new Refusal(
      `Das Dokument hat ${number(shape.runs)} unterschiedlich formatierte Textstücke, der Import liest höchstens ${number(limits.runs)}; bitte die Formatierung vereinfachen (z. B. alles markieren und „Formatierung löschen“)`,
      `the document has ${shape.runs} separately formatted runs of text; the import reads at most ${limits.runs}`,
    )
  }
  return shape
}
