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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until the probe returns something other than false. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | false> | T | false,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
    await sleep(everyMs)
  }
}
