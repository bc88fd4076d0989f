import type { KnownPartner } from './issuers.ts'

export type Quote = { text: string; person: string; office: string }

const PAIRS: Record<string, string> = { '»': '«', '„': '“”', '“': '”', '"': '"' }
const VERBS =
  'so|sagt|sagte|ergänzt|ergänzte|betont|betonte|erklärt|erklärte|unterstreicht|unterstrich|bekräftigt|bekräftigte|erläutert|erläuterte|meint|meinte|sagt dazu'
const ATTRIBUTED = new RegExp(`^([»„“"])(.+)([«“”"])\\s*[,–-]?\\s*(?:${VERBS})\\s+(.+?)\\.?$`, 'u')
const BARE = /^[»„“"].+[«“”"][.!?]?$/u

// Offices written before a name ("Staatsministerin Regina Kraushaar"); academic titles stay with the name.
const OFFICE_TITLES =
  'Staatsminister(?:in)?|Minister(?:in)?|Ministerpräsident(?:in)?|Staatssekretär(?:in)?|Landrätin|Landrat|Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Präsident(?:in)?|Vorsitzende[r]?|Geschäftsführer(?:in)?|Rektor(?:in)?|Sprecher(?:in)?'
const LEADING_OFFICE = new RegExp(`^((?:(?:${OFFICE_TITLES})\\s+)+)`, 'u')
const NAME_WORD = "\\p{Lu}[\\p{L}'-]+"

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A full name and office for a surname, from where the release first introduces the person. */
function introduced(surname: string, documentText: string): { person: string; office: string } | null {
  const mention = new RegExp(
    `(?:((?:${OFFICE_TITLES})(?:\\s+(?:${OFFICE_TITLES}))*)\\s+)?((?:(?:Prof\\.|Dr\\.)\\s+)*(?:${NAME_WORD}\\s+){1,2})${escapeRegExp(surname)}\\b`,
    'u',
  )
  const match = mention.exec(documentText)
  if (!match) return null
  return { person: `${match[2]!.trim()} ${surname}`, office: match[1]?.trim() ?? '' }
}

/** Whoever the attribution names: "Regina Kraushaar, Staatsministerin", "Landrat Carsten Michaelis", or just "Kraushaar". */
function speaker(attribution: string, documentText: string, partners: KnownPartner[]) {
  const [namePart, ...officeParts] = attribution.split(',')
  let office = officeParts.join(',').trim()
  let person = namePart!.trim()
  const leading = LEADING_OFFICE.exec(person)
  if (leading) {
    office ||= leading[1]!.trim()
    person = person.slice(leading[0].length).trim()
  }
  let complete = /\s/.test(person)
  if (!complete) {
    const found = introduced(person, documentText)
    const representative = partners.find(({ representative }) =>
      representative?.name?.endsWith(` ${person}`),
    )?.representative
    if (found) {
      person = found.person
      office ||= found.office
      complete = true
    } else if (representative?.name) {
      person = representative.name
      complete = true
    }
    office ||= representative?.name === person ? (representative.office ?? '') : ''
  }
  return { person, office, complete }
}

export type QuoteReading =
  | { kind: 'quote'; quote: Quote; complete: boolean }
  | { kind: 'unattributed' }
  | { kind: 'none' }

/**
 * A paragraph that is a quote with its attribution (»…«, so Kraushaar. / „…“, ergänzt …) becomes a
 * quote block; one in quotation marks without an attribution stays text and is reported.
 */
export function readQuote(paragraph: string, documentText: string, partners: KnownPartner[]): QuoteReading {
  const match = ATTRIBUTED.exec(paragraph)
  if (match && PAIRS[match[1]!]?.includes(match[3]!)) {
    const { person, office, complete } = speaker(match[4]!, documentText, partners)
    return { kind: 'quote', quote: { text: match[2]!.trim(), person, office }, complete }
  }
  return BARE.test(paragraph) ? { kind: 'unattributed' } : { kind: 'none' }
}
