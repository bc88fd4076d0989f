import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import type { z } from 'zod'
import { media, milestone, page, paginated, partner, pressRelease, siteSettings } from '@masterplan/shared'
import { seed } from '../src/seed/index.ts'
import { bootPayload } from './helpers/payload.ts'
import { rest } from './helpers/rest.ts'
import { imageUpload } from './helpers/documents.ts'
import { signInEveryRole } from './helpers/users.ts'

let payload: Payload
beforeAll(async () => {
  payload = await bootPayload()
  await seed(payload)
  const { press } = await signInEveryRole(payload, 'contract')
  const upload = await rest('POST', '/media', { token: press, form: await imageUpload() })
  // The public reads an upload only while a public document uses it: make it a partner's logo.
  const [smil] = (
    await payload.find({ collection: 'partners', where: { slug: { equals: 'smil' } }, overrideAccess: true })
  ).docs
  await payload.update({
    collection: 'partners',
    id: smil.id,
    data: { logo: upload.body.doc.id },
    overrideAccess: true,
  })
})
afterAll(async () => {
  await payload.destroy()
})

const contract: Array<[string, z.ZodType]> = [
  ['press-releases', pressRelease],
  ['milestones', milestone],
  ['partners', partner],
  ['pages', page],
  ['media', media],
]

/** What the public site reads must satisfy the shared schemas, in both locales. */
describe.each(contract)('anonymous REST output of %s', (collection, schema) => {
  it.each(['de', 'en'])('satisfies the shared schema in locale %s', async (locale) => {
    const reply = await rest('GET', `/${collection}?depth=1&limit=100&locale=${locale}`)
    expect(reply.status).toBe(200)
    const parsed = paginated(schema).safeParse(reply.body)
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true)
    expect(reply.body.docs.length).toBeGreaterThan(0)
  })
})

describe('the site settings', () => {
  it.each(['de', 'en'])('satisfy the shared schema in locale %s', async (locale) => {
    const reply = await rest('GET', `/globals/site-settings?locale=${locale}`)
    const parsed = siteSettings.safeParse(reply.body)
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true)
  })
})
