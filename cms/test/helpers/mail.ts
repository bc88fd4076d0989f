import { type ParsedMail, simpleParser } from 'mailparser'
import type { MailSink } from '../../scripts/mail-sink.ts'

export type Mail = ParsedMail & { to: string; raw: string }

/** The mails a sink received so far, parsed (headers, text and HTML parts, recipients). */
export async function receivedMails(sink: MailSink): Promise<Mail[]> {
  return Promise.all(
    sink.messages.map(async (raw) => {
      const mail = await simpleParser(raw)
      const to = Array.isArray(mail.to) ? mail.to[0]!.text : (mail.to?.text ?? '')
      return Object.assign(mail, { to, raw: raw.toString('utf8') })
    }),
  )
}

/** The first link in a mail's text that starts with the given URL. */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text?.split(/\s+/).find((word) => word.startsWith(prefix))
  if (!link) throw new Error(`no link to ${prefix} in the mail to ${mail.to}: ${mail.text}`)
  return link
}
