import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in to an account successfully gets a cookie, signed with a key derived from the server's
 * secret and bound to that account. A later login to the same account that shows it is not counted
 * against the per-client limit, so twenty wrong passwords typed by someone else on the same network
 * (a ministry behind one address, every client behind a proxy) do not lock out people who signed
 * in from their browser before. The account's own lock still applies to it.
 *
 * The cookie holds no address: its name carries a keyed digest of the account, so one browser can
 * hold one per account it signed in to; its value is when it was issued, a random nonce and the
 * signature over both and the account. Changing PAYLOAD_SECRET revokes every device cookie.
 */
const PREFIX = 'masterplan-device-'
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60

const key = (secret: string) => createHmac('sha256', secret).update('masterplan device cookies').digest()
const account = (secret: string, email: string) =>
  createHmac('sha256', key(secret)).update(`account:${email.toLowerCase().trim()}`).digest('base64url')
const signature = (secret: string, email: string, issued: string, nonce: string) =>
  createHmac('sha256', key(secret))
    .update(`${account(secret, email)}.${issued}.${nonce}`)
    .digest('base64url')

/** One cookie per account: the name tells which account it is for, to this server only. */
const cookieName = (secret: string, email: string) => `${PREFIX}${account(secret, email).slice(0, 16)}`

/** The Set-Cookie header for a browser that just signed in (a fresh nonce, issued now). */
export function issueDeviceCookie(secret: string, email: string, secure: boolean, now = Date.now()): string {
  const issued = Math.floor(now / 1000).toString(36)
  const nonce = randomBytes(12).toString('base64url')
  const value = `${issued}.${nonce}.${signature(secret, email, issued, nonce)}`
  // Only the login reads it; Strict, since a login is never a cross-site navigation.
  return [
    `${cookieName(secret, email)}=${value}`,
    'Path=/api/users/login',
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

/** Whether the request carries a valid, unexpired device cookie for this account. */
export function hasDeviceCookie(secret: string, cookieHeader: string | null, email: string, now = Date.now()): boolean {
  if (!cookieHeader || !email) return false
  const name = `${cookieName(secret, email)}=`
  const value = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(name))
    ?.slice(name.length)
  const [issued, nonce, given, rest] = value?.split('.') ?? []
  if (!issued || !nonce || !given || rest !== undefined) return false
  const age = now / 1000 - Number.parseInt(issued, 36)
  if (!(age >= -60 && age <= DEVICE_COOKIE_MAX_AGE_S)) return false
  const expected = Buffer.from(signature(secret, email, issued, nonce))
  const received = Buffer.from(given)
  return expected.length === received.length && timingSafeEqual(expected, received)
}
