import type { SendEmailOptions } from 'payload'
import type { Locale } from '@masterplan/shared'
import { escapeHtml, mailDocument } from '../mail/html.ts'
import { type Imprint, imprintHtml, imprintText } from '../mail/imprint.ts'
import { readEnv } from '../lib/env.ts'
import type { AlertContent } from './content.ts'
import type { Recipient } from './deliveries.ts'

type Kind = 'release' | 'correction' | 'milestone' | 'archive'

const words = {
  de: {
    subject: {
      release: 'Medieninformation',
      correction: 'Korrektur',
      milestone: 'Zeitplan geändert',
      archive: 'Letzte Nachricht',
    },
    more: 'Weiterlesen',
    germanOnly: 'Diese Medieninformation gibt es nur auf Deutsch.',
    correction: 'Korrektur',
    why: {
      release: 'Medieninformationen',
      correction: 'Medieninformationen',
      milestone: 'Änderungen im Zeitplan',
      archive: 'Benachrichtigungen',
    },
    because: (topic: string, site: string) =>
      `Sie erhalten diese E-Mail, weil Sie ${topic} von ${site} abonniert haben.`,
    unsubscribe: 'Abmelden',
  },
  en: {
    subject: {
      release: 'Press release',
      correction: 'Correction',
      milestone: 'Timeline changed',
      archive: 'Last message',
    },
    more: 'Read more',
    germanOnly: 'This press release is available in German only.',
    correction: 'Correction',
    why: { release: 'press releases', correction: 'press releases', milestone: 'timeline changes', archive: 'alerts' },
    because: (topic: string, site: string) =>
      `You receive this e-mail because you subscribed to ${topic} from ${site}.`,
    unsubscribe: 'Unsubscribe',
  },
} as const

/**
 * One alert mail: plain text and HTML in the subscriber's language, an unsubscribe link in the text
 * and in the RFC 2369 / RFC 8058 headers (one click in the mail client, no login), and a Message-ID
 * of its own per alert and subscriber, so a receiving system can recognise a repeat.
 */
export function alertMail(
  kind: Kind,
  alertId: number,
  content: AlertContent,
  to: Recipient,
  unsubscribe: string,
  imprint: Imprint,
): SendEmailOptions {
  const language: Locale = to.language
  const w = words[language]
  const c = content[language]
  const subject = `${w.subject[kind]}: ${c.title}`
  const footer = w.because(w.why[kind], imprint.siteName)
  const text = [
    c.title,
    c.subtitle,
    '',
    kind === 'milestone' ? c.summary : `${c.date} – ${c.summary}`,
    c.note ? `\n${w.correction}: ${c.note}` : null,
    '',
    c.germanOnly ? w.germanOnly : null,
    `${w.more}: ${c.url}`,
    '',
    '-- ',
    footer,
    `${w.unsubscribe}: ${unsubscribe}`,
    '',
    imprintText(imprint),
  ]
    .filter((line) => line !== null && line !== undefined)
    .join('\n')
  const html = mailDocument(
    language,
    subject,
    [
      `<h1 style="font-size:22px;line-height:1.3">${escapeHtml(c.title)}</h1>`,
      c.subtitle ? `<p style="font-size:18px">${escapeHtml(c.subtitle)}</p>` : '',
      `<p>${kind === 'milestone' ? '' : `<strong>${escapeHtml(c.date)}</strong> – `}${escapeHtml(c.summary)}</p>`,
      c.note ? `<p><strong>${escapeHtml(w.correction)}:</strong> ${escapeHtml(c.note)}</p>` : '',
      c.germanOnly ? `<p>${escapeHtml(w.germanOnly)}</p>` : '',
      `<p><a href="${escapeHtml(c.url)}" hreflang="${c.germanOnly ? 'de' : language}" style="color:#00508c;font-weight:bold">${escapeHtml(w.more)}</a></p>`,
      `<hr style="border:0;border-top:1px solid #ccc">`,
      `<p style="font-size:14px;color:#4a4a4a">${escapeHtml(footer)} <a href="${escapeHtml(unsubscribe)}" style="color:#00508c">${escapeHtml(w.unsubscribe)}</a></p>`,
      imprintHtml(imprint),
    ]
      .filter(Boolean)
      .join('\n'),
  )
  // The site's own host, whatever the mail links to (the last message may link elsewhere).
  const host = new URL(readEnv().SITE_URL).hostname
  return {
    from: imprint.from,
    to: to.email,
    replyTo: imprint.replyTo || undefined,
    subject,
    text,
    html,
    messageId: `<alert-${alertId}-${to.id}@${host}>`,
    list: {
      id: { url: `${kind === 'milestone' ? 'zeitplan' : 'medieninformationen'}.${host}`, comment: imprint.siteName },
      unsubscribe: { url: unsubscribe, comment: w.unsubscribe },
    },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
