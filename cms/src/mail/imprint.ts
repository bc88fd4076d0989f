import type { Payload } from 'payload'
import type { Locale } from '@masterplan/shared'
import { readEnv } from '../lib/env.ts'
import { escapeHtml } from './html.ts'

export type Imprint = {
  siteName: string
  publisher: string
  address: string
  email: string
  phone?: string | null
  replyTo: string
  from: { name: string; address: string }
}

/** Sender and Impressum of every mail, from the site settings (as the site's own imprint). */
export async function readImprint(payload: Payload, locale: Locale): Promise<Imprint> {
  const settings = await payload.findGlobal({ slug: 'site-settings', locale, depth: 0, overrideAccess: true })
  const legal = settings.legal
  return {
    siteName: settings.siteName,
    publisher: legal?.publisher ?? settings.siteName,
    address: legal?.address ?? '',
    email: legal?.email ?? '',
    phone: legal?.phone,
    replyTo: legal?.email ?? '',
    // The site's name as the sender's name, the configured address (its domain signs the mail).
    from: { name: settings.siteName, address: readEnv().MAIL_FROM },
  }
}

export const imprintText = (imprint: Imprint) =>
  [imprint.publisher, imprint.address, imprint.phone && `Tel. ${imprint.phone}`, imprint.email]
    .filter(Boolean)
    .join('\n')

export const imprintHtml = (imprint: Imprint) =>
  `<p style="font-size:14px;color:#4a4a4a">${imprintText(imprint).split('\n').map(escapeHtml).join('<br>')}</p>`
