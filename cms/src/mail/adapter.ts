import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter } from 'payload'
import type { Env } from '../lib/env.ts'

/**
 * One pooled SMTP transport for every mail the CMS sends (alerts, confirmations, Payload's own
 * password resets). Nodemailer's pool keeps MAIL_CONNECTIONS connections open and holds the pace
 * at MAIL_RATE_PER_SECOND, so a batch of thousands cannot flood the mail server.
 *
 * Without SMTP_URL there is no adapter, and Payload writes mails to its log. Never the adapter's own
 * fallback: it would create an account at a third party (ethereal.email) and send mail there.
 */
export function emailAdapter(env: Env): Promise<EmailAdapter> | undefined {
  if (!env.SMTP_URL) return undefined
  const url = new URL(env.SMTP_URL)
  const pool = {
    pool: 'true',
    maxConnections: String(env.MAIL_CONNECTIONS),
    rateDelta: '1000',
    rateLimit: String(env.MAIL_RATE_PER_SECOND),
  }
  // Settings written into the URL by the operator win over ours.
  for (const [name, value] of Object.entries(pool)) if (!url.searchParams.has(name)) url.searchParams.set(name, value)
  return nodemailerAdapter({
    defaultFromAddress: env.MAIL_FROM,
    defaultFromName: 'Masterplan Südwestsachsen',
    // nodemailer reads a connection URL with its options in the query (pool, rateLimit, …).
    transportOptions: url.toString() as never,
    // Checking the server at start-up would hold the CMS's boot on a slow or absent mail server.
    skipVerify: true,
  })
}
