import type { KnownPartner } from './issuers.ts'
import { type PersonIndex, speaker } from './speakers.ts'

export type Quote = { text: string; person: string; office: string }

/** A quote found in a paragraph: the stretch [start, end) it takes with its attribution. */
export type FoundQuote = { start: number; end: number; quote: Quote; complete: boolean }

export type QuoteReading = {
  quotes: FoundQuote[]
  /** The paragraph is nothing but a quotation, and nobody is named as its speaker. */
  unattributed: boolean
}

/** Opening marks and the marks that close them: »…«, „…“, “…” and "…". */
const CLOSERS: Record<string, string> = { '»': '«', '„': '“”', '“': '”', '"': '"' }

const VERBS =
  'sagt|sagte|sagt dazu|ergänzt|ergänzte|betont|betonte|erklärt|erklärte|unterstreicht|unterstrich|bekräftigt|bekräftigte|erläutert|erläuterte|meint|meinte|hebt hervor|hob hervor|fügt hinzu|fügte hinzu|führt aus|führte aus|resümiert|resümierte|freut sich|freute sich'
const ADVERBS = 'weiter|dazu|hierzu|außerdem|zudem|auch|abschließend|ergänzend'
const LEADERS = 'Dazu|Hierzu|Weiter|Außerdem|Zudem|Abschließend|Ergänzend|Darüber hinaus|Auch'
// A clause is at most this long; anything longer is running text, not an attribution.
const CLAUSE_MAX = 300
// Subject before the verb ("Staatsminister Max Mustermann betont:"), or after it ("Dazu sagt …:").
const BEFORE_SUBJECT_FIRST = new RegExp(`^(.+?)\\s+(?:${VERBS})(?:\\s+(?:${ADVERBS}))*\\s*:$`, 'u')
const BEFORE_VERB_FIRST = new RegExp(`^(?:(?:${LEADERS})\\s+)?(?:${VERBS})\\s+(.+?)\\s*:$`, 'u')
// After the quote: "…«, so Mustermann weiter." / "…“, sagt Erika Beispiel, Landrätin."
const AFTER = new RegExp(`^\\s*[,–—-]?\\s*(?:so|${VERBS})\\s+(.+?)(?:\\s+(?:${ADVERBS}))*\\s*[.!?]?$`, 'u')

// Words ending in a period that do not end a sentence.
const ABBREVIATIONS = new Set([
  'Dr',
  'Prof',
  'St',
  'Nr',
  'bzw',
  'ca',
  'vgl',
  'z',
  'B',
  'u',
  'a',
  'd',
  'h',
  'Hr',
  'Fr',
  'Dipl',
  'Ing',
  'med',
  'rer',
  'nat',
  'jur',
  'phil',
  'habil',
])

const isSentenceEnd = (text: string, at: number) => {
  if (!'.!?'.includes(text[at]!)) return false
  if (text[at] !== '.') return true
  // Abbreviations are short: the look back stops after a few letters, however long the word.
  let from = at
  while (from > 0 && at - from < 8 && text[from - 1] !== ' ') from--
  const word = text.slice(from, at)
  return !(ABBREVIATIONS.has(word) || /^\d+$/.test(word) || /^\p{Lu}$/u.test(word))
}

/** Where the sentence that ends at `to` begins, looking no further back than `from`. */
function sentenceStart(text: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    if (text[i] === ' ' && isSentenceEnd(text, i - 1)) return i + 1
  }
  return from
}

/** Where the sentence that starts at `from` ends (after its closing mark), at the latest at `to`. */
function sentenceEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (isSentenceEnd(text, i) && (i + 1 === text.length || text[i + 1] === ' ')) return i + 1
  }
  return to
}

type Span = { open: number; close: number }

/** The outermost quotations, in one pass; a quotation still open at the end runs to the end. */
function quotations(text: string): Span[] {
  const spans: Span[] = []
  let i = 0
  while (i < text.length) {
    const mark = text[i]!
    const closers = CLOSERS[mark]
    if (!closers) {
      i++
      continue
    }
    let depth = 1
    let j = i + 1
    for (; j < text.length; j++) {
      if (closers.includes(text[j]!)) depth--
      else if (text[j] === mark) depth++
      if (depth === 0) break
    }
    spans.push({ open: i, close: j < text.length ? j : -1 })
    if (j >= text.length) break
    i = j + 1
  }
  return spans
}

const inner = (text: string, span: Span) => text.slice(span.open + 1, span.close < 0 ? text.length : span.close).trim()

/**
 * The attributed quotes in a paragraph of running text: "X betont: »…«.", "»…«, so X weiter.",
 * "Dazu sagt X: „…“" and a quote still open at the paragraph's end. A quotation directly after an
 * attributed one continues it. Every step looks at each character a bounded number of times.
 */
export function readQuotes(
  text: string,
  people: PersonIndex,
  partners: KnownPartner[],
  previous?: Quote,
): QuoteReading {
  const spans = quotations(text)
  const found: FoundQuote[] = []
  let free = 0
  let last = previous
  let justFound = false
  for (const [index, span] of spans.entries()) {
    if (span.open < free) continue
    const after = span.close < 0 ? text.length : span.close + 1
    const withPoint = after < text.length && '.!?'.includes(text[after]!) ? after + 1 : after
    // The clause before the quotation, looked for no further back than an attribution can be long.
    const floor = Math.max(free, span.open - CLAUSE_MAX - 2)
    const clauseStart = sentenceStart(text, floor, span.open)
    const before = clauseStart === floor && floor > free ? '' : text.slice(clauseStart, span.open).trim()
    let who: string | undefined
    let start = span.open
    let end = withPoint
    if (before.endsWith(':')) {
      who = (BEFORE_SUBJECT_FIRST.exec(before) ?? BEFORE_VERB_FIRST.exec(before))?.[1]
      if (who) start = clauseStart
    }
    if (!who && span.close >= 0) {
      const next = spans[index + 1]
      const limit = Math.min(next ? next.open : text.length, after + CLAUSE_MAX)
      const clauseEnd = sentenceEnd(text, after, limit)
      const match = AFTER.exec(text.slice(after, clauseEnd))
      if (match) {
        who = match[1]
        end = clauseEnd
      }
    }
    const previousQuote = found.at(-1)
    if (!who && justFound && previousQuote && text.slice(previousQuote.end, span.open).trim() === '') {
      // »…«, sagt X. »…« – the second quotation is X's too.
      previousQuote.quote.text += ` ${inner(text, span)}`
      previousQuote.end = withPoint
      free = withPoint
      continue
    }
    justFound = false
    if (!who) continue
    const reading = speaker(who, people, partners, last)
    const quote = { text: inner(text, span), person: reading.person, office: reading.office }
    found.push({ start, end, quote, complete: reading.complete })
    last = quote
    free = end
    justFound = true
  }
  const only = spans.length === 1 ? spans[0]! : undefined
  const unattributed =
    found.length === 0 &&
    only !== undefined &&
    only.open === 0 &&
    (only.close < 0 ||
      text
        .slice(only.close + 1)
        .replace(/[.!?]/g, '')
        .trim() === '')
  return { quotes: found, unattributed }
}
