// Lines a ministry's footer starts with; the line is the footer's whatever follows the label.
const LABEL =
  /^(?:Hausanschrift|Postanschrift|Besucheranschrift|Lieferanschrift|Paketanschrift|Anschrift|Verkehrsverbindung(?:en)?|Besucherparkplätze)\s*(?::|$)/i
// The legal note on encrypted and signed mail, and the note for visitors with disabilities.
const NOTE =
  /^\*?\s*(?:Kein Zugang für (?:elektronisch |verschlüsselte|signierte)|Zugang für (?:qualifiziert )?elektronisch signierte|Für Besucher mit Behinderungen?\b)/i
const WEBSITE = /^(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/\S*)?$/i
const STREET = /^\p{Lu}[\p{L}.\- ]{0,60}\s\d{1,4}\s?[a-z]?(?:\s?[-–]\s?\d{1,4}[a-z]?)?$/u
const POSTCODE = /^(?:D-)?\d{5}\s+\p{Lu}[\p{L}. -]{0,60}$/u
const POSTBOX = /^Postfach\s+[\d ]{2,12}$/i
const PHONE = /^(?:Telefon|Tel\.?|Telefax|Fax)\s*:?\s*\+?[0-9][0-9 ()/-]{4,}[0-9]$/i
const AUTHORITY =
  /(?:Staatsministerium|Staatskanzlei|Ministerium|Landesamt|Landesdirektion|Landratsamt|Stadtverwaltung)\b/

/**
 * Recognises the issuer's footer that Word's export mixes into the text ("Hausanschrift: …", the
 * postal address, the website, the note on encrypted mail), line by line and in order: a label
 * or the note opens it, address lines continue it, and the first other line ends it.
 */
export class FooterReader {
  readonly lines: string[] = []
  private open = false
  /** A label alone on its line ("Verkehrsverbindung:") takes the next line, whatever it says. */
  private labelAlone = false

  read(raw: string): boolean {
    // mammoth ends a footnote with a link back to its mark ("↑").
    let line = raw.trim()
    if (line.endsWith('↑')) line = line.slice(0, -1).trim()
    if (line.length > 400) {
      this.open = this.labelAlone = false
      return false
    }
    const label = LABEL.exec(line)
    const opens = Boolean(label) || NOTE.test(line)
    const continues =
      this.open &&
      line.length <= 150 &&
      (this.labelAlone || [WEBSITE, STREET, POSTCODE, POSTBOX, PHONE, AUTHORITY].some((pattern) => pattern.test(line)))
    this.open = opens || continues
    this.labelAlone = Boolean(label) && line.slice(label![0].length).trim() === ''
    if (this.open) this.lines.push(line)
    return this.open
  }
}
