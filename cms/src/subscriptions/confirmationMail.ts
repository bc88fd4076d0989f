import type { Locale, SubscriptionTopic } from '@masterplan/shared'
import { escapeHtml, mailDocument } from '../mail/html.ts'
import { type Imprint, imprintHtml, imprintText } from '../mail/imprint.ts'

const topicNames = {
  de: { 'press-releases': 'Medieninformationen', milestones: 'Änderungen im Zeitplan (Meilensteine)' },
  en: { 'press-releases': 'press releases', milestones: 'changes to the timeline (milestones)' },
} as const

const words = {
  de: {
    subject: (site: string) => `Bitte bestätigen Sie Ihr Abonnement – ${site}`,
    intro: (site: string) =>
      `Sie (oder jemand mit Ihrer Adresse) möchten E-Mail-Benachrichtigungen von ${site} erhalten:`,
    action: 'Bitte bestätigen Sie das Abonnement mit diesem Link (gültig 48 Stunden):',
    button: 'Abonnement bestätigen',
    ignore: 'Wenn Sie das nicht waren, ignorieren Sie diese E-Mail. Ohne Bestätigung wird nichts gespeichert.',
  },
  en: {
    subject: (site: string) => `Please confirm your subscription – ${site}`,
    intro: (site: string) => `You (or someone using your address) asked for e-mail alerts from ${site}:`,
    action: 'Please confirm the subscription with this link (valid for 48 hours):',
    button: 'Confirm subscription',
    ignore: 'If this was not you, ignore this e-mail. Without confirmation nothing is stored.',
  },
} as const

export function confirmationMail(language: Locale, topics: SubscriptionTopic[], link: string, imprint: Imprint) {
  const w = words[language]
  const chosen = topics.map((topic) => topicNames[language][topic])
  const subject = w.subject(imprint.siteName)
  const text = [
    w.intro(imprint.siteName),
    ...chosen.map((name) => `– ${name}`),
    '',
    w.action,
    link,
    '',
    w.ignore,
    '',
    '-- ',
    imprintText(imprint),
  ].join('\n')
  const html = mailDocument(
    language,
    subject,
    [
      `<p>${escapeHtml(w.intro(imprint.siteName))}</p>`,
      `<ul>${chosen.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}</ul>`,
      `<p>${escapeHtml(w.action)}</p>`,
      `<p><a href="${escapeHtml(link)}" style="color:#00508c;font-weight:bold">${escapeHtml(w.button)}</a></p>`,
      `<p>${escapeHtml(w.ignore)}</p>`,
      imprintHtml(imprint),
    ].join('\n'),
  )
  return { subject, text, html }
}
