import { isIP } from 'node:net'

/**
 * Whom a login attempt counts against for the per-client limit.
 *
 * Next.js route handlers see no socket, only headers, and every header can be written by the
 * client unless a proxy in front overwrites it. So the client's address is used only when the
 * operator says such a proxy exists (TRUST_PROXY=true), and then the last X-Forwarded-For entry:
 * the one the nearest proxy added. Entries before it are what the client sent and prove nothing.
 * An IPv6 client usually holds a whole /64, so it counts as one client.
 *
 * Without a trusted proxy the address is unknown, and the key falls back to the e-mail address:
 * the limit then caps guesses per address (known or not) but cannot stop one client spraying
 * many addresses. A constant key for everyone would stop that, at the price that anybody could
 * lock all staff out of the admin with twenty wrong passwords.
 */
export function clientKey(headers: Headers, email: string, trustProxy: boolean): string {
  const address = trustProxy ? normalise(headers.get('x-forwarded-for')?.split(',').at(-1)) : null
  return address ? `ip:${address}` : `direct:${email.toLowerCase().trim()}`
}

function normalise(entry: string | undefined): string | null {
  let address = entry?.trim() ?? ''
  // Some proxies add the client's port: "[2001:db8::1]:51234" or "203.0.113.7:51234".
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)
  if (bracketed) address = bracketed[1]!
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'))
  if (address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4) address = address.slice(7)
  switch (isIP(address)) {
    case 4:
      return address
    case 6:
      return `${expandIPv6(address).slice(0, 4).join(':')}::/64`
    default:
      return null
  }
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::')
  const groups = (part: string | undefined) => (part ? part.split(':') : [])
  const left = groups(head)
  const right = groups(tail)
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0')
  return [...left, ...middle, ...right].map((group) => group.replace(/^0+(?=.)/, ''))
}
