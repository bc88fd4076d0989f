import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { pressRelease } from '@masterplan/shared'
import { cabinetDecisionRelease, pageFixtures, partnerFixtures } from '../src/seed/fixtures/index.ts'
import { useFreshDatabase } from './helpers/database.ts'

let payload: Payload
let seed: typeof import('../src/seed/index.ts').seed
let rest: typeof import('./helpers/rest.ts').rest
beforeAll(async () => {
  // The seed is for an empty database, so this file gets one of its own.
  await useFreshDatabase('seed_test')
  ;({ seed } = await import('../src/seed/index.ts'))
  ;({ rest } = await import('./helpers/rest.ts'))
  payload = await (await import('./helpers/payload.ts')).bootPayload()
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
    expect(Object.values(await counts())).toEqual([0, 0, 0, 0])
    const first = await seed(payload)
    expect(await counts()).toEqual({
      partners: partnerFixtures.length,
      milestones: 2,
      'press-releases': 1,
      pages: pageFixtures.length,
    })
    expect(first.created).toBe(partnerFixtures.length + 2 + 1 + pageFixtures.length + 1)
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

describe('the first account', () => {
  it('registered in the admin becomes an admin, whatever role was asked for', async () => {
    expect((await payload.count({ collection: 'users', overrideAccess: true })).totalDocs).toBe(0)
    const reply = await rest('POST', '/users/first-register', {
      json: { email: 'erste@test.example', password: 'ein-langes-passwort-42', role: 'editor' },
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const [user] = (await payload.find({ collection: 'users', overrideAccess: true })).docs
    expect(user).toMatchObject({ email: 'erste@test.example', role: 'admin' })
  })

  it('created by a script keeps its role', async () => {
    const user = await payload.create({
      collection: 'users',
      data: { email: 'skript@test.example', password: 'ein-langes-passwort-42', role: 'press' },
      overrideAccess: true,
    })
    expect(user.role).toBe('press')
  })
})

describe('the Leichte Sprache page', () => {
  it('is marked for review: a note signed-in users see and the public API never shows', async () => {
    const anonymous = await rest('GET', '/pages?where[slug][equals]=leichte-sprache')
    expect(anonymous.body.docs[0].content).toBeTruthy()
    expect(anonymous.body.docs[0]).not.toHaveProperty('reviewNote')
    const login = await rest('POST', '/users/login', {
      json: { email: 'skript@test.example', password: 'ein-langes-passwort-42' },
    })
    const editor = await rest('GET', '/pages?where[slug][equals]=leichte-sprache', { token: login.body.token })
    expect(editor.body.docs[0].reviewNote).toMatch(/Prüfer.*Leichte Sprache/)
  })
})
