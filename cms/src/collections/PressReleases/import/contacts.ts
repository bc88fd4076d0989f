export type Contact = { name?: string; office?: string; phone?: string; email?: string }

// "Pressesprecherin" alone is an office, so such words open a contact only with a colon; "Ihr
// Ansprechpartner" opens one with the name after it on the same line or on the next.
const LABEL =
  /^(?:(?:Pressekontakt|Medienkontakt|Kontakt)(?:\s*:\s*|\s*$)|(?:Ihre?\s+)?Ansprechpartner(?:in)?(?:\s*:\s*|\s+|$)|(?:Pressesprecher(?:in)?|Pressestelle)\s*:\s*)/i
// The whole line is the address, after an optional label and before an optional footnote mark
// ("presse@sk.sachsen.de*"). Anchored, so a long line costs one pass, not one per position.
const EMAIL = /^(?:E-?Mail\s*:?\s*)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:\*+|[¹²³]|\[\d{1,3}\]|\(\d{1,3}\))?$/i
const EXTENSION_LABEL = /^Durchwahl\s*:?$/i
const PHONE_LABEL = /^(?:Durchwahl\s*:?\s*)?(?:(?:Telefon|Tel\.?|Fon|Mobil)\s*:?\s*)?/i
const FAX = /^(?:Tele)?fax\s*:?\s*\+?[0-9][0-9 ()/-]{4,}[0-9]$/i
const PHONE_NUMBER = /^\+?[0-9][0-9 ()/-]{4,}[0-9]$/
// Two to four words of a name; particles and academic titles may stand among them.
const NAME =
  /^(?:(?:Prof\.|Dr\.|von|van|de|zu)\s+)*\p{Lu}[\p{L}'-]+(?:\s+(?:(?:von|van|de|zu)\s+)?\p{Lu}[\p{L}'-]+){1,3}$/u

/** A label such as "Pressekontakt:" opens a contact block; what follows it on the line is the name. */
export const contactLabel = (line: string) => LABEL.test(line)

/**
 * Reads contact lines (label, name and office, phone, fax, e-mail) one at a time, as they come in
 * a letterhead or at the end of a release. `read` says whether the line belonged to a contact.
 */
export class ContactReader {
  private readonly found: Contact[] = []
  private open = false

  private get current(): Contact {
    if (!this.open || this.found.length === 0) {
      this.found.push({})
      this.open = true
    }
    return this.found.at(-1)!
  }

  /** The contacts read, without the empty one a label with nothing after it leaves. */
  get contacts(): Contact[] {
    return this.found.filter((contact) => Object.keys(contact).length > 0)
  }

  read(raw: string): boolean {
    const line = raw.trim()
    if (LABEL.test(line)) {
      const rest = line.replace(LABEL, '')
      if (rest !== '' && !NAME.test(rest.split(',')[0]!.trim())) return false
      this.open = false
      const contact = this.current
      return rest === '' || this.nameAndOffice(contact, rest)
    }
    const email = EMAIL.exec(line)
    if (email) {
      if (this.open && this.current.email) this.open = false
      this.current.email = email[1]
      return true
    }
    // "Durchwahl" heads the numbers below it; the fax number has no field of its own.
    if (EXTENSION_LABEL.test(line) || FAX.test(line)) return true
    const number = line.replace(PHONE_LABEL, '')
    if (number !== line || PHONE_NUMBER.test(line)) {
      if (!PHONE_NUMBER.test(number)) return false
      this.current.phone = number
      return true
    }
    if (!this.open) return false
    const contact = this.found.at(-1)!
    if (!contact.name) return this.nameAndOffice(contact, line)
    if (!contact.office && !contact.email && !contact.phone && !/\d/.test(line) && line.length <= 80) {
      contact.office = line
      return true
    }
    return false
  }

  private nameAndOffice(contact: Contact, text: string): boolean {
    const [name, ...office] = text.split(',')
    if (!NAME.test(name!.trim())) return false
    contact.name = name!.trim()
    if (office.length) contact.office = office.join(',').trim()
    return true
  }
}
