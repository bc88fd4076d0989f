export type Contact = { name?: string; office?: string; phone?: string; email?: string }

// "Pressesprecherin" alone is an office, so such words open a contact only with a colon.
const LABEL =
  /^(?:(?:Pressekontakt|Medienkontakt|Kontakt|Ihre? Ansprechpartner(?:in)?|Ansprechpartner(?:in)?)(?:\s*:\s*|\s*$)|(?:Pressesprecher(?:in)?|Pressestelle)\s*:\s*)/i
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/
const PHONE_LABEL = /^(?:Telefon|Tel\.?|Fon|Mobil|Durchwahl)\s*:?\s*/i
const PHONE_NUMBER = /^\+?[0-9][0-9 ()/-]{4,}[0-9]$/
// Two to four words of a name; particles and academic titles may stand among them.
const NAME =
  /^(?:(?:Prof\.|Dr\.|von|van|de|zu)\s+)*\p{Lu}[\p{L}'-]+(?:\s+(?:(?:von|van|de|zu)\s+)?\p{Lu}[\p{L}'-]+){1,3}$/u

/** A label such as "Pressekontakt:" opens a contact block; what follows it on the line is the name. */
export const contactLabel = (line: string) => LABEL.test(line)

/**
 * Reads contact lines (label, name and office, phone, e-mail) one at a time, as they come in a
 * letterhead or at the end of a release. `read` says whether the line belonged to a contact.
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
      this.open = false
      const rest = line.replace(LABEL, '')
      const contact = this.current
      return rest === '' || this.nameAndOffice(contact, rest)
    }
    const email = EMAIL.exec(line)
    if (email && line.replace(/^E-?Mail\s*:?\s*/i, '') === email[0]) {
      if (this.open && this.current.email) this.open = false
      this.current.email = email[0]
      return true
    }
    if (PHONE_LABEL.test(line) || PHONE_NUMBER.test(line)) {
      const number = line.replace(PHONE_LABEL, '')
      if (!PHONE_NUMBER.test(number)) return false
      this.current.phone = number
      return true
    }
    if (!this.open) return false
    const contact = this.found.at(-1)!
    if (!contact.name) return this.nameAndOffice(contact, line)
    if (!contact.office && !contact.email && !/\d/.test(line) && line.length <= 80) {
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
