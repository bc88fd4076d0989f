import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Locale, SubscriptionTopic } from '@masterplan/shared'

/** A confirmation link is valid this long; afterwards the reader subscribes again. */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000

/** What a confirmation link carries: the whole request, since nothing is stored before the click. */
export type ConfirmClaims = {
  purpose: 'confirm'
  email: string
  topics: SubscriptionTopic[]
  language: Locale
  consentVersion: string
  requestedAt: string
  expiresAt: string
}

/** An unsubscribe link names the subscription and the address it was made for; it does not expire. */
export type UnsubscribeClaims = { purpose: 'unsubscribe'; id: number; email: string; language: Locale }

type Claims = ConfirmClaims | UnsubscribeClaims

/** A key of its own, derived from the server's secret, so a token can never pass for a session. */
const key = (secret: string) => createHmac('sha256', secret).update('masterplan subscription links').digest()
const mac = (secret: string, body: string) => createHmac('sha256', key(secret)).update(body).digest('base64url')

/** `<claims as base64url JSON>.<HMAC>`: readable by nobody but verifiable without a database. */
export function signToken(secret: string, claims: Claims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${body}.${mac(secret, body)}`
}

export type Verified<P extends Claims['purpose']> =
  | { ok: true; claims: Extract<Claims, { purpose: P }> }
  | { ok: false; reason: 'invalid' | 'expired' }

export function verifyToken<P extends Claims['purpose']>(
  secret: string,
  token: unknown,
  purpose: P,
  now = Date.now(),
): Verified<P> {
  if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'invalid' }
  const [body, signature, rest] = token.split('.')
  if (!body || !signature || rest !== undefined) return { ok: false, reason: 'invalid' }
  const expected = Buffer.from(mac(secret, body))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' }
  let claims: Claims
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (claims?.purpose !== purpose) return { ok: false, reason: 'invalid' }
  if (claims.purpose === 'confirm' && !(Date.parse(claims.expiresAt) > now)) return { ok: false, reason: 'expired' }
  return { ok: true, claims: claims as Extract<Claims, { purpose: P }> }
}
