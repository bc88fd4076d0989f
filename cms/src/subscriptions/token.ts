import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
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

/** Keys of their own, derived from the server's secret, so a token can never pass for a session. */
const derive = (secret: string, use: string) => createHmac('sha256', secret).update(use).digest()
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * The claims encrypted and authenticated (AES-256-GCM), as one base64url string: a link in a proxy
 * or access log shows random characters, not the address, and a changed character fails the check.
 * Still verifiable without a database, which a link must be, since nothing is stored before the click.
 */
export function sealToken(secret: string, claims: Claims): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', derive(secret, 'masterplan subscription links, sealed'), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
}

function openSealed(secret: string, token: string): unknown {
  const bytes = Buffer.from(token, 'base64url')
  // The decoder skips what is not base64url; only the exact encoding of the bytes counts as this token.
  if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64url') !== token) return null
  const decipher = createDecipheriv(
    'aes-256-gcm',
    derive(secret, 'masterplan subscription links, sealed'),
    bytes.subarray(0, IV_BYTES),
  )
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
  try {
    const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, -TAG_BYTES)), decipher.final()])
    return JSON.parse(text.toString('utf8'))
  } catch {
    return null
  }
}

/**
 * Links mailed before the tokens were sealed: `<claims as base64url JSON>.<HMAC>`. Unsubscribe
 * links in old alerts must keep working for good; confirmation links of this kind end with their
 * own 48 hours. Only read, never made any more.
 */
function openSigned(secret: string, token: string): unknown {
  const [body, signature, rest] = token.split('.')
  if (!body || !signature || rest !== undefined) return null
  const expected = Buffer.from(
    createHmac('sha256', derive(secret, 'masterplan subscription links')).update(body).digest('base64url'),
  )
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return null
  }
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
  const claims = (token.includes('.') ? openSigned(secret, token) : openSealed(secret, token)) as Claims | null
  if (claims?.purpose !== purpose) return { ok: false, reason: 'invalid' }
  if (claims.purpose === 'confirm' && !(Date.parse(claims.expiresAt) > now)) return { ok: false, reason: 'expired' }
  return { ok: true, claims: claims as Extract<Claims, { purpose: P }> }
}
