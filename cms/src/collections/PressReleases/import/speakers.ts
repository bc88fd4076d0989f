import type { KnownPartner } from './issuers.ts'
import type { Quote } from './quotes.ts'

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const NAME_WORD = /^\p{Lu}[\p{L}'-]*\p{L}$/u
const ACADEMIC = /^(?:Prof\.|Dr\.|Dr\.-Ing\.|Dipl\.-Ing\.)$/
const PARTICLES = new Set(['von', 'van', 'de', 'zu', 'der'])
// Capitalised words that stand before names without being part of them.
const NOT_NAMES = new Set([
  'Der',
  'Die',
  'Das',
  'Laut',
  'Auch',
  'Dazu',
  'So',
  'Wie',
  'Mit',
  'Für',
  'Von',
  'Bei',
  'Nach',
  'Herr',
  'Frau',
  'Und',
  'Sachsens',
  'Sächsische',
  'Sächsischer',
])
const PRONOUNS = new Set(['Er', 'Sie', 'er', 'sie'])
// Offices, also as compounds ("Kultusminister", "Regionalentwicklungsministerin").
const OFFICE =
  /^\p{L}*(?:[Mm]inister(?:in)?|[Mm]inisterpräsident(?:in)?|[Pp]räsident(?:in)?|[Bb]ürgermeister(?:in)?|[Ss]taatssekretär(?:in)?|[Ss]precher(?:in)?|[Gg]eschäftsführer(?:in)?|[Dd]irektor(?:in)?|[Vv]orsitzende[rn]?|[Rr]ektor(?:in)?|[Dd]ezernent(?:in)?|[Bb]eigeordnete[r]?|[Ll]eiter(?:in)?|Landrat|Landrätin)$/u

/** A word without the punctuation around it: "»Mustermann«," → "Mustermann" (Dr. keeps its point). */
function bare(word: string): string {
  let start = 0
  let end = word.length
  while (start < end && !LETTER_OR_DIGIT.test(word[start]!)) start++
  while (end > start && !LETTER_OR_DIGIT.test(word[end - 1]!) && word[end - 1] !== '.') end--
  const core = word.slice(start, end)
  return ACADEMIC.test(core) ? core : core.replace(/\.$/, '')
}

const isOffice = (word: string) => word.length <= 40 && OFFICE.test(word)
const isName = (word: string) => word.length <= 40 && NAME_WORD.test(word) && !isOffice(word) && !NOT_NAMES.has(word)

/**
 * Where the release introduces people: every capitalised word and where it stands, read once, so a
 * surname in an attribution ("so Mustermann") finds its first name and office in one lookup.
 */
export class PersonIndex {
  private readonly words: string[]
  private readonly positions = new Map<string, number[]>()

  constructor(text: string) {
    this.words = text.split(/\s+/).filter(Boolean)
    this.words.forEach((raw, index) => {
      const word = bare(raw)
      if (!isName(word)) return
      const list = this.positions.get(word)
      if (list) list.push(index)
      else this.positions.set(word, [index])
    })
  }

  /** Full name and office where the text first gives the surname with a first name, else null. */
  introduced(surname: string): { person: string; office: string } | null {
    const words = this.words
    for (const at of this.positions.get(surname) ?? []) {
      const names: string[] = []
      let i = at - 1
      while (i >= 0 && names.length < 4 && !/[,.:;!?«»„“”]$/.test(words[i]!)) {
        const word = bare(words[i]!)
        if (!(isName(word) || ACADEMIC.test(word))) break
        names.unshift(word)
        i--
      }
      if (!names.some((word) => isName(word))) continue
      const office: string[] = []
      while (i >= 0 && office.length < 2 && isOffice(bare(words[i]!))) office.unshift(bare(words[i--]!))
      let officeText = office.join(' ')
      // "Max Mustermann, Staatsminister für Kultus, eröffnete …"
      if (!officeText && words[at]!.endsWith(',') && isOffice(bare(words[at + 1] ?? ''))) {
        const phrase: string[] = []
        for (let k = at + 1; k < words.length && phrase.length < 12; k++) {
          phrase.push(words[k]!)
          if (/[,.;:]$/.test(words[k]!)) break
        }
        officeText = phrase.join(' ').replace(/[,.;:]$/, '')
      }
      return { person: [...names, surname].join(' '), office: officeText }
    }
    return null
  }
}

export type Speaker = { person: string; office: string; complete: boolean }

/**
 * Whoever an attribution names: "Erika Beispiel, Oberbürgermeisterin der Stadt X", "Staatsminister
 * Max Mustermann", a surname introduced earlier in the text ("Mustermann"), the representative of
 * a partner, or "er"/"sie" for the speaker of the quote before.
 */
export function speaker(attribution: string, people: PersonIndex, partners: KnownPartner[], previous?: Quote): Speaker {
  const [namePart = '', ...officeParts] = attribution.split(',')
  let office = officeParts.join(',').trim()
  const words = namePart.trim().split(/\s+/).map(bare).filter(Boolean)
  if (words.length === 1 && PRONOUNS.has(words[0]!) && previous) {
    return { person: previous.person, office: previous.office, complete: true }
  }
  let k = 0
  const leading: string[] = []
  while (k < words.length - 1 && !isName(words[k]!) && !ACADEMIC.test(words[k]!)) {
    if (isOffice(words[k]!)) leading.push(words[k]!)
    k++
  }
  const name: string[] = []
  while (k < words.length && (isName(words[k]!) || ACADEMIC.test(words[k]!) || PARTICLES.has(words[k]!))) {
    name.push(words[k++]!)
  }
  office ||= leading.join(' ')
  let person = name.length > 0 ? name.join(' ') : namePart.trim()
  let complete = name.filter((word) => isName(word)).length >= 2
  if (!complete && name.length > 0) {
    const surname = name.at(-1)!
    const found = people.introduced(surname)
    const representative = partners.find((partner) =>
      partner.representative?.name?.endsWith(` ${surname}`),
    )?.representative
    if (found) {
      person = found.person
      office ||= found.office
      complete = true
    } else if (representative?.name) {
      person = representative.name
      office ||= representative.office ?? ''
      complete = true
    }
  }
  return { person, office, complete }
}
