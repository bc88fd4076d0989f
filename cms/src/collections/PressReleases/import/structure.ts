import type { Block } from './blocks.ts'
import { type Contact, ContactReader, contactLabel } from './contacts.ts'
import { germanDate } from './dates.ts'
import { FooterReader } from './footer.ts'
import { isIssuerFooter, type KnownPartner, partnersNamedIn } from './issuers.ts'
import { excerpt, type Notice, notice } from './notices.ts'
import { type Quote, type QuoteReading, readQuotes } from './quotes.ts'
import { PersonIndex } from './speakers.ts'

/** The parts of a Medieninformation as the release's fields hold them; rich text still as HTML. */
export type Structure = {
  title?: string
  subtitle?: string
  lead?: string
  releaseDate?: Date
  embargoUntil?: Date
  issuers: KnownPartner[]
  contacts: Contact[]
  /** Body HTML; a quote stands as a paragraph holding only `quoteMarker(n)`. */
  body: string[]
  quotes: Quote[]
  background: string[]
  images: { index: number; caption?: string }[]
}

export const quoteMarker = (index: number) => `\u2063quote:${index}\u2063`

const MARKER = /^(?:Medieninformation|Pressemitteilung|Presseinformation)$/i
const BACKGROUND = /^Hintergrund(?:informationen)?\s*(?::\s*|$)/i
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`
const WORDS = /[\p{L}\p{N}]/u
const isHeading = (block: Block) => /^h[1-4]$/.test(block.tag)
// A letterhead line naming an authority that has no partner profile: its issuer, not body text.
const AUTHORITY =
  /^(?:Sächsische[s]?\s+)?(?:Staatsministerium|Staatskanzlei|Ministerium|Landesamt|Landesdirektion|Landratsamt|Stadtverwaltung)\b/

type Section = 'body' | 'background'

class Reader {
  readonly result: Structure = { issuers: [], contacts: [], body: [], quotes: [], background: [], images: [] }
  private readonly contacts = new ContactReader()
  private readonly footer = new FooterReader()
  private readonly people: PersonIndex
  private unknownIssuers: string[] = []
  private readonly blocks: Block[]
  private readonly partners: KnownPartner[]
  private readonly notices: Notice[]

  constructor(blocks: Block[], partners: KnownPartner[], notices: Notice[]) {
    this.blocks = blocks
    this.partners = partners
    this.notices = notices
    this.people = new PersonIndex(blocks.map((block) => block.text).join('\n'))
  }

  /** A letterhead line: the word "Medieninformation", the date, the embargo, an issuer or a contact. */
  private letterhead(line: string): boolean {
    const result = this.result
    if (MARKER.test(line)) return true
    if (/^Sperrfrist\b/i.test(line)) {
      const embargo = germanDate(line)
      if (embargo) result.embargoUntil = embargo
      return Boolean(embargo)
    }
    const date = line.length <= 60 ? germanDate(line) : null
    if (date && !result.releaseDate) {
      result.releaseDate = date
      return true
    }
    const named = partnersNamedIn(line, this.partners)
    if (named.length > 0) {
      for (const partner of named) if (!result.issuers.includes(partner)) result.issuers.push(partner)
      return true
    }
    if (this.contacts.read(line)) return true
    if (line.length <= 150 && AUTHORITY.test(line)) {
      if (!this.unknownIssuers.includes(line)) this.unknownIssuers.push(line)
      return true
    }
    return false
  }

  private isLetterhead(block: Block): boolean {
    return block.lines.length > 0 && block.lines.every((line) => this.letterhead(line))
  }

  /** The title: Word's Title style, else the first heading or bold line that is not letterhead. */
  private titleIndex(): number {
    const styled = this.blocks.findIndex((block) => block.className === 'title')
    if (styled >= 0) return styled
    const probe = new Reader(this.blocks, this.partners, [])
    return this.blocks.findIndex(
      (block) => block.text !== '' && (isHeading(block) || block.bold) && !probe.isLetterhead(block),
    )
  }

  private unplaced(lines: string[], section: Section) {
    for (const line of lines) {
      this.result[section].push(paragraph(line))
      this.notices.push(
        notice(
          'unplaced',
          `Nicht zugeordnet, als Text übernommen: „${excerpt(line)}“`,
          'not placed, kept as text in the release',
        ),
      )
    }
  }

  read(filename: string): Structure {
    const at = this.titleIndex()
    let start = at + 1
    if (at >= 0) {
      for (const block of this.blocks.slice(0, at)) {
        this.unplaced(
          block.lines.filter((line) => !this.letterhead(line)),
          'body',
        )
      }
      this.result.title = this.blocks[at]!.text
    } else {
      start = 0
      while (start < this.blocks.length && this.isLetterhead(this.blocks[start]!)) start++
    }
    // After a letterhead, a title and subtitle written without style or bold: short lines that end no sentence.
    const plain = (block: Block | undefined) =>
      block !== undefined &&
      block.tag === 'p' &&
      block.text !== '' &&
      block.text.length <= 250 &&
      !/[.!?:]$/.test(block.text)
    let plainTitle = false
    if (at < 0 && start > 0 && plain(this.blocks[start]) && this.blocks[start]!.text.length <= 200) {
      this.result.title = this.blocks[start]!.text
      start++
      plainTitle = true
    }
    for (const block of this.blocks.slice(0, start)) {
      for (const index of block.images) {
        this.notices.push(
          notice(
            'image',
            `Bild ${index + 1} steht im Briefkopf (vor dem Titel, wohl ein Logo) und wurde nicht übernommen`,
            `image ${index + 1} stands in the letterhead (before the title, likely a logo) and was not imported`,
          ),
        )
      }
    }
    const next = this.blocks[start]
    const boldLine = next?.bold && next.tag === 'p' && next.text.length <= 250 && !BACKGROUND.test(next.text)
    const subtitled = next && (next.className === 'subtitle' || isHeading(next) || boldLine)
    if ((at >= 0 && subtitled) || (plainTitle && (subtitled || plain(next)))) {
      this.result.subtitle = next.text
      start++
    }
    this.readRest(this.blocks.slice(start))
    this.result.contacts = this.contacts.contacts
    this.reportGaps(filename)
    return this.result
  }

  private readRest(blocks: Block[]) {
    const result = this.result
    let section: Section = 'body'
    let inContact = false
    for (const block of blocks) {
      if (block.images.length > 0) for (const index of block.images) result.images.push({ index })
      if (block.text === '') continue
      const last = result.images.at(-1)
      if (block.className === 'caption' && last && last.caption === undefined && block.images.length === 0) {
        last.caption = block.text
        continue
      }
      if (BACKGROUND.test(block.text) && (isHeading(block) || block.bold || /^Hintergrund\w*\s*:/i.test(block.text))) {
        section = 'background'
        inContact = false
        const rest = block.text.replace(BACKGROUND, '')
        if (rest) result.background.push(paragraph(rest))
        continue
      }
      if (this.skipFooter(block, section)) continue
      if (contactLabel(block.lines[0] ?? '')) inContact = true
      if (inContact) {
        const unread = block.lines.filter((line) => !this.contacts.read(line))
        if (unread.length < block.lines.length) {
          this.unplaced(unread, section)
          continue
        }
        inContact = false
      }
      if (result.issuers.length > 0 && block.lines.every((line) => isIssuerFooter(line, result.issuers))) continue
      const quotes: QuoteReading =
        section === 'body' && block.tag === 'p'
          ? readQuotes(block.text, this.people, this.partners, result.quotes.at(-1))
          : { quotes: [], unattributed: false }
      if (result.lead === undefined && section === 'body' && block.tag === 'p') {
        if (quotes.quotes.length === 0 && !quotes.unattributed) {
          result.lead = block.text
          continue
        }
      }
      if (quotes.unattributed) {
        this.notices.push(
          notice(
            'quote',
            `Zitat ohne erkennbare Zuordnung (wer spricht?), als Text übernommen: „${excerpt(block.text)}“`,
            'quote without a recognisable attribution, kept as text',
          ),
        )
      }
      if (quotes.quotes.length > 0) this.placeQuotes(block, quotes)
      else result[section].push(block.html)
    }
  }

  /**
   * Lines of the issuer's footer (address, website, the note on encrypted mail) are left out of
   * the text; true when the whole block was footer. A footer naming a partner makes it the issuer.
   */
  private skipFooter(block: Block, section: Section): boolean {
    const kept = block.lines.filter((line) => !this.footer.read(line))
    if (kept.length === block.lines.length) return false
    for (const line of block.lines) {
      for (const partner of partnersNamedIn(line, this.partners)) {
        if (!this.result.issuers.includes(partner)) this.result.issuers.push(partner)
      }
    }
    for (const line of kept) this.result[section].push(paragraph(line))
    return true
  }

  /** The paragraph around its quotes stays text, each quote becomes a quote block in its place. */
  private placeQuotes(block: Block, reading: QuoteReading) {
    let at = 0
    for (const { start, end, quote, complete } of reading.quotes) {
      const before = block.slice(at, start)
      if (before && WORDS.test(block.text.slice(at, start))) this.result.body.push(before)
      if (!complete) {
        this.notices.push(
          notice(
            'quote',
            `Zitat von „${quote.person}“: vollständiger Name und Funktion nicht gefunden, bitte ergänzen`,
            `quote by "${quote.person}": full name and office not found, please complete`,
          ),
        )
      }
      this.result.body.push(paragraph(quoteMarker(this.result.quotes.length)))
      this.result.quotes.push(quote)
      at = end
    }
    const after = block.slice(at, block.text.length)
    if (after && WORDS.test(block.text.slice(at))) this.result.body.push(after)
  }

  private reportGaps(filename: string) {
    const { result, notices } = this
    if (this.footer.lines.length > 0) {
      notices.push(
        notice(
          'footer',
          `Fußzeile des Herausgebers (Anschrift, Website, Hinweise) erkannt und nicht in den Text übernommen: „${excerpt(this.footer.lines.join(' · '), 400)}“`,
          "the issuer's footer (address, website, notes) was recognised and left out of the text",
        ),
      )
    }
    for (const line of this.unknownIssuers) {
      notices.push(
        notice(
          'issuer',
          `Herausgeber „${excerpt(line)}“ im Briefkopf hat kein Partnerprofil; bitte anlegen oder zuordnen`,
          `issuing body in the letterhead has no partner profile; create or choose one`,
        ),
      )
    }
    if (!result.title) {
      result.title = filename.replace(/\.docx$/i, '')
      notices.push(
        notice(
          'title',
          'Kein Titel erkannt (Formatvorlage „Titel“ oder fette erste Zeile); der Dateiname steht als Titel',
          'no title found; the file name stands in as the title',
        ),
      )
    }
    if (!result.lead) notices.push(notice('lead', 'Kein Vorspann erkannt', 'no lead found'))
    if (!result.releaseDate) {
      notices.push(
        notice('date', 'Kein Datum erkannt; das heutige Datum ist eingesetzt', "no date found; today's date is set"),
      )
    }
    if (result.issuers.length === 0 && this.unknownIssuers.length === 0) {
      notices.push(
        notice(
          'issuer',
          'Kein Herausgeber erkannt: keine Zeile nennt den Namen eines Partnerprofils',
          'no issuing body found: no line names a partner profile',
        ),
      )
    }
    if (result.contacts.length === 0)
      notices.push(notice('contact', 'Kein Pressekontakt erkannt', 'no press contact found'))
    for (const contact of result.contacts) {
      const missing = [!contact.name && 'Name', !contact.email && 'E-Mail'].filter(Boolean)
      if (missing.length) {
        notices.push(
          notice(
            'contact',
            `Pressekontakt unvollständig (${missing.join(', ')} fehlt): ${excerpt(Object.values(contact).join(', '))}`,
            `press contact incomplete (${missing.join(', ')} missing)`,
          ),
        )
      }
    }
  }
}

/** Reads the anatomy of a Medieninformation from the document's blocks; gaps go to `notices`. */
export const readStructure = (blocks: Block[], partners: KnownPartner[], notices: Notice[], filename: string) =>
  new Reader(blocks, partners, notices).read(filename)
