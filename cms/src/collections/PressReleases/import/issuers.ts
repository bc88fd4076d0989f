import type { PayloadRequest } from 'payload'
import type { Partner } from '../../../payload-types.ts'

export type KnownPartner = Pick<Partner, 'id' | 'name' | 'shortName' | 'representative' | 'website' | 'address'>

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** Every partner profile with what identifies it in a letterhead: names, website, address. */
export async function loadPartners(req: PayloadRequest): Promise<KnownPartner[]> {
  const { docs } = await req.payload.find({
    collection: 'partners',
    pagination: false,
    depth: 0,
    locale: 'de',
    select: { name: true, shortName: true, representative: true, website: true, address: true },
    overrideAccess: true,
    req,
  })
  return docs as KnownPartner[]
}

/**
 * The partners a letterhead line names: its full name anywhere in the line, or the line being just
 * its short name ("SMIL"). Short names inside running text are too ambiguous to count.
 */
export function partnersNamedIn(line: string, partners: KnownPartner[]): KnownPartner[] {
  const text = plain(line)
  if (!text) return []
  return partners.filter((partner) => {
    const name = plain(partner.name ?? '')
    const short = plain(partner.shortName ?? '')
    return (name !== '' && ` ${text} `.includes(` ${name} `)) || (short !== '' && text === short)
  })
}

const host = (url: string) => plain(url.replace(/^https?:\/\//i, '').replace(/^www\./i, ''))

/** A footer line that repeats an issuer's postal address or website, which its profile already holds. */
export function isIssuerFooter(line: string, issuers: KnownPartner[]): boolean {
  const text = plain(line)
  return issuers.some(({ website, address }) => {
    const pieces = [
      website ? host(website) : '',
      address?.street ? plain(address.street) : '',
      address?.postalCode && address.city ? plain(`${address.postalCode} ${address.city}`) : '',
    ].filter(Boolean)
    const rest = pieces.reduce((left, piece) => left.replace(piece, ' '), ` ${text} `)
    return pieces.some((piece) => ` ${text} `.includes(` ${piece} `)) && rest.trim() === ''
  })
}
