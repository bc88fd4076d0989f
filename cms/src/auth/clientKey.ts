import { isIP } from 'node:net'
import { SOCKET_ADDRESS_HEADER } from './socketAddress.ts'

/**
 * Whom a request counts against for a per-client limit (logins, confirmation mails).
 *
 * Behind a proxy the operator trusts (TRUST_PROXY=true) that is the last X-Forwarded-For entry:
 * the one the nearest proxy added. Entries before it are what the client sent and prove nothing.
 * Without one it is the address of the TCP peer (socketAddress.ts), never a header the client
 * writes. An IPv6 client usually holds a whole /64, so it counts as one client.
 *
 * Only where neither is known (the route handlers called in-process, without a server) does the
 * key fall back to the e-mail address: that caps guesses per address but not spraying.
 */
export function clientKey(headers: Headers, email: string, trustProxy: boolean): string {
  const forwarded = trustProxy ? normalise(headers.get('x-forwarded-for')?.split(',').at(-1)) : null
  const address = forwarded ?? normalise(headers.get(SOCKET_ADDRESS_HEADER) ?? undefined)
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
