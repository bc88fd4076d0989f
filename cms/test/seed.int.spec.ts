import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { pressRelease } from '@masterplan/shared'
import { cabinetDecisionRelease, pageFixtures, partnerFixtures } from '@masterplan/shared/fixtures'
import { seed } from '../src/seed/index.ts'
import { bootPayload } from './helpers/payload.ts'
import { rest } from './helpers/rest.ts'

let payload: Payload
beforeAll(async () => {
  payload = await bootPayload()
})
afterAll(async () => {
  await payload.destroy()
})

const counts = async () => {
  const result: Record<string, number> = {}
  for (const collection of ['partners', 'milestones', 'press-releases', 'pages'] as const) {
    result[collection] = (await payload.count({ collection, overrideAccess: true })).totalDocs
  }
  return result
}

describe('seed', () => {
  it('creates the facts of the process on an empty database', async () => {
    const first = await seed(payload)
    expect(first.created).toBeGreaterThan(0)
    const after = await counts()
    expect(after.partners).toBeGreaterThanOrEqual(partnerFixtures.length)
    expect(after.pages).toBeGreaterThanOrEqual(pageFixtures.length)
  })

  it('creates nothing the second time', async () => {
    const before = await counts()
    const second = await seed(payload)
    expect(second.created).toBe(0)
    expect(await counts()).toEqual(before)
  })

  it('publishes the release of 15.04.2025 with its issuer and contact, readable anonymously', async () => {
    const reply = await rest('GET', `/press-releases?where[slug][equals]=${cabinetDecisionRelease.slug}&depth=1`)
    expect(reply.status).toBe(200)
    expect(reply.body.docs).toHaveLength(1)
    const doc = pressRelease.parse(reply.body.docs[0])
    expect(doc.issuers.map((i) => (typeof i === 'number' ? i : i.shortName))).toEqual(['SMIL'])
    expect(doc.contacts[0]).toMatchObject({ name: 'Annegret Fischer', email: 'medien@smil.sachsen.de' })
  })

  it('keeps an English version of the release', async () => {
    const reply = await rest('GET', `/press-releases?where[slug][equals]=${cabinetDecisionRelease.slug}&locale=en`)
    expect(reply.body.docs[0].title).toBe(cabinetDecisionRelease.title.en)
  })
})
