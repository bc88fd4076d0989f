import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import type { UserRole } from '@masterplan/shared'
import { anyPartner, type Collection, createPublished, imageUpload, validDocument } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { errorPaths, graphqlQuery, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

type Actor = UserRole | 'anonymous'
type Operation = 'create' | 'read' | 'update' | 'delete'

/** Who may write what: the press office writes releases, editors the rest, both upload media. */
const writers: Record<Collection | 'media' | 'users', Actor[]> = {
  'press-releases': ['admin', 'press'],
  milestones: ['admin', 'editor'],
  partners: ['admin', 'editor'],
  pages: ['admin', 'editor'],
  media: ['admin', 'press', 'editor'],
  users: ['admin'],
}
const actors: Actor[] = ['anonymous', 'press', 'editor', 'admin']
const operations: Operation[] = ['create', 'read', 'update', 'delete']

let payload: Payload
let tokens: Tokens
let partner: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'access')
  partner = await anyPartner(payload)
})
afterAll(async () => {
  await payload.destroy()
})

const tokenOf = (actor: Actor) => (actor === 'anonymous' ? undefined : tokens[actor])

/** A fresh target for one request, created by an admin. */
async function target(collection: keyof typeof writers): Promise<number> {
  if (collection === 'media')
    return (await rest('POST', '/media', { token: tokens.admin, form: await imageUpload() })).body.doc.id
  if (collection === 'users') {
    const email = `ziel-${Date.now()}-${Math.random().toString(36).slice(2)}@test.example`
    return (
      await payload.create({
        collection: 'users',
        data: { email, password: 'ein-langes-passwort-42', role: 'editor' },
        overrideAccess: true,
      })
    ).id as number
  }
  return (await createPublished(payload, collection, { partner })).id as number
}

async function attempt(collection: keyof typeof writers, operation: Operation, actor: Actor): Promise<number> {
  const token = tokenOf(actor)
  switch (operation) {
    case 'create':
      if (collection === 'media') return (await rest('POST', '/media', { token, form: await imageUpload() })).status
      if (collection === 'users') {
        const json = {
          email: `neu-${Date.now()}-${actor}@test.example`,
          password: 'ein-langes-passwort-42',
          role: 'editor',
        }
        return (await rest('POST', '/users', { token, json })).status
      }
      return (
        await rest('POST', `/${collection}`, {
          token,
          json: { ...validDocument(collection, { partner }), _status: 'published' },
        })
      ).status
    case 'read':
      return (await rest('GET', `/${collection}/${await target(collection)}`, { token })).status
    case 'update': {
      const json =
        collection === 'media'
          ? { credit: 'Foto: geändert' }
          : collection === 'users'
            ? { name: 'Geändert' }
            : { slug: `geaendert-${Date.now()}` }
      return (await rest('PATCH', `/${collection}/${await target(collection)}`, { token, json })).status
    }
    case 'delete':
      return (await rest('DELETE', `/${collection}/${await target(collection)}`, { token })).status
  }
}

/**
 * Published content is public; an upload no public document uses (as every target here) is for staff
 * only (media-access.int.spec.ts covers the rest); other people's accounts are not public.
 */
const mayRead = (collection: keyof typeof writers, actor: Actor) =>
  collection === 'users' ? actor === 'admin' : collection === 'media' ? actor !== 'anonymous' : true

describe.each(Object.keys(writers) as Array<keyof typeof writers>)('access to %s', (collection) => {
  for (const actor of actors) {
    for (const operation of operations) {
      const allowed = operation === 'read' ? mayRead(collection, actor) : writers[collection].includes(actor)
      it(`${actor} ${allowed ? 'may' : 'may not'} ${operation}`, async () => {
        const status = await attempt(collection, operation, actor)
        if (allowed) expect(status).toBeLessThan(300)
        else expect([401, 403, 404]).toContain(status)
      })
    }
  }
})

describe('users of every role', () => {
  it('read and update their own account but cannot raise their role', async () => {
    const me = await rest('GET', '/users/me', { token: tokens.press })
    const id = me.body.user.id
    expect((await rest('GET', `/users/${id}`, { token: tokens.press })).status).toBe(200)
    const reply = await rest('PATCH', `/users/${id}`, {
      token: tokens.press,
      json: { name: 'Pressestelle', role: 'admin' },
    })
    expect(reply.status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id, overrideAccess: true })
    expect(stored).toMatchObject({ name: 'Pressestelle', role: 'press' })
  })
})

const graphqlList: Record<Collection, string> = {
  'press-releases': 'PressReleases',
  milestones: 'Milestones',
  partners: 'Partners',
  pages: 'Pages',
}

describe.each(Object.keys(graphqlList) as Collection[])('drafts of %s', (collection) => {
  it('never reach anonymous readers through REST or GraphQL', async () => {
    const draft = await payload.create({
      collection,
      data: validDocument(collection, { partner }) as never,
      draft: true,
      overrideAccess: true,
    })
    expect(draft._status).toBe('draft')
    const { slug, id } = draft as unknown as { slug: string; id: number }

    expect((await rest('GET', `/${collection}/${id}`)).status).toBe(404)
    expect((await rest('GET', `/${collection}/${id}?draft=true`)).status).toBe(404)
    const list = await rest('GET', `/${collection}?where[slug][equals]=${slug}&draft=true`)
    expect(list.body.docs).toEqual([])
    const gql = await graphqlQuery(
      `{ ${graphqlList[collection]}(draft: true, where: { slug: { equals: "${slug}" } }) { docs { id } } }`,
    )
    expect(gql.body.data[graphqlList[collection]].docs).toEqual([])

    // Staff do see it, so the anonymous emptiness above is access control, not a missing document.
    expect((await rest('GET', `/${collection}/${id}?draft=true`, { token: tokens.editor })).status).toBe(200)
  })

  it('of a published document show the public only the published version', async () => {
    const doc = (await createPublished(payload, collection, { partner })) as unknown as { id: number }
    const field = collection === 'partners' ? 'name' : 'title'
    await payload.update({
      collection,
      id: doc.id,
      data: { [field]: 'Unveröffentlichter Entwurf' } as never,
      draft: true,
      overrideAccess: true,
    })
    const reply = await rest('GET', `/${collection}/${doc.id}?draft=true`)
    expect(reply.status).toBe(200)
    expect(reply.body[field]).not.toBe('Unveröffentlichter Entwurf')
    for (const draft of [true, false]) {
      const gql = await graphqlQuery(
        `{ ${graphqlList[collection]}(draft: ${draft}, where: { id: { equals: ${doc.id} } }) { docs { ${field} } } }`,
      )
      const titles = gql.body.data[graphqlList[collection]].docs.map((d: Record<string, string>) => d[field])
      expect(titles).not.toContain('Unveröffentlichter Entwurf')
      if (!draft) expect(titles).toHaveLength(1)
    }
  })
})

describe('an embargoed press release', () => {
  it('stays invisible to anonymous REST and GraphQL until its minute, then appears', async () => {
    const future = new Date(Date.now() + 60 * 60 * 1000).toISOString()
    const embargoed = (await createPublished(
      payload,
      'press-releases',
      { partner },
      { embargoUntil: future },
    )) as unknown as { id: number; slug: string }
    expect((await rest('GET', `/press-releases/${embargoed.id}`)).status).toBe(404)
    expect((await rest('GET', `/press-releases?where[slug][equals]=${embargoed.slug}`)).body.docs).toEqual([])
    const gql = await graphqlQuery(
      `{ PressReleases(where: { slug: { equals: "${embargoed.slug}" } }) { docs { id } } }`,
    )
    expect(gql.body.data.PressReleases.docs).toEqual([])
    expect((await rest('GET', `/press-releases/${embargoed.id}`, { token: tokens.press })).status).toBe(200)

    await payload.update({
      collection: 'press-releases',
      id: embargoed.id,
      data: { embargoUntil: new Date(Date.now() - 1000).toISOString() },
      overrideAccess: true,
    })
    expect((await rest('GET', `/press-releases/${embargoed.id}`)).status).toBe(200)
  })
})

describe('site settings', () => {
  const settings = () => rest('GET', '/globals/site-settings?depth=0', { token: tokens.admin }).then((r) => r.body)
  const save = (actor: 'editor' | 'admin', json: Record<string, unknown>) =>
    rest('POST', '/globals/site-settings', { token: tokens[actor], json })

  beforeAll(async () => {
    const { siteSettingsFixture: fixture } = await import('../src/seed/fixtures/site-settings.ts')
    const de = <T extends { de: string }>(value: T) => value.de
    await payload.updateGlobal({
      slug: 'site-settings',
      locale: 'de',
      overrideAccess: true,
      context: { seeding: true },
      data: {
        siteName: de(fixture.siteName),
        processWindow: fixture.processWindow,
        archive: { mode: 'off' },
        navigation: fixture.navigation.map((link) => ({ ...link, label: de(link.label) })),
        footer: {
          text: de(fixture.footer.text),
          links: fixture.footer.links.map((link) => ({ ...link, label: de(link.label) })),
        },
        legal: fixture.legal,
      } as never,
    })
  })

  it.each([
    ['archive mode', { archive: { mode: 'on' } }, 'archive.mode', 'Archivmodus'],
    [
      'the process window, whose end switches archive mode on',
      { processWindow: { end: '2026-01-02' } },
      'processWindow',
      'Prozesszeitraum',
    ],
    ['the legal details', { legal: { publisher: 'Jemand anderes' } }, 'legal', 'Rechtliche Angaben'],
    ['the site name', { siteName: 'Anderer Name' }, 'siteName', 'Name der Website'],
  ])('refuse an editor who changes %s, naming the field, and change nothing', async (_, json, path, name) => {
    const before = await settings()
    const reply = await save('editor', json)
    expect(reply.status).toBe(403)
    expect(reply.body.errors[0].message).toMatch(
      new RegExp(`^Nur Administratoren dürfen „${name}“ ändern / only administrators may change '[a-z ]+'$`),
    )
    expect(errorPaths(reply)).toEqual([path])
    const after = await settings()
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null })
  })

  it('let an editor save what the admin form sends back: every field, only the editorial ones changed', async () => {
    const before = await settings()
    const { id: _id, createdAt: _c, updatedAt: _u, globalType: _g, ...form } = before
    const reply = await save('editor', {
      ...form,
      navigation: [...before.navigation, { label: 'Kontakt', href: '/kontakt/' }],
      footer: { ...before.footer, text: 'Neuer Fußzeilentext' },
      archive: { ...before.archive, presentedOn: '2026-12-15T10:00:00.000Z', presentationLink: '/aktuelles/' },
      // Dates written another way are the same dates.
      processWindow: { start: before.processWindow.start.slice(0, 10), end: before.processWindow.end },
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const after = await settings()
    expect(after.navigation.at(-1)).toMatchObject({ label: 'Kontakt', href: '/kontakt/' })
    expect(after.footer.text).toBe('Neuer Fußzeilentext')
    expect(after.archive).toMatchObject({ mode: 'off', presentationLink: '/aktuelles/' })
    expect(after.legal).toEqual(before.legal)
  })

  it('let admins change archive mode and the legal details', async () => {
    const reply = await save('admin', { archive: { mode: 'auto' }, legal: { phone: '+49 351 0000' } })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect((await settings()).archive.mode).toBe('auto')
    expect((await settings()).legal.phone).toBe('+49 351 0000')
  })

  it("show the admin-only fields read-only in an editor's admin, editable in an admin's", async () => {
    type Permission = true | { update?: boolean; fields?: true | Record<string, Permission> }
    const mayUpdate = async (actor: 'editor' | 'admin') => {
      const global: Permission = (await rest('GET', '/access', { token: tokens[actor] })).body.globals['site-settings']
      // Payload's compact answer: `true` for everything below allowed, otherwise the operations allowed.
      const can = (...path: string[]) => {
        let permission: Permission | undefined = global
        for (const name of path) {
          const below: true | Record<string, Permission> | undefined = permission === true ? true : permission?.fields
          permission = below === true ? true : below?.[name]
        }
        return permission === true || permission?.update === true
      }
      return {
        siteName: can('siteName'),
        processWindow: can('processWindow'),
        legal: can('legal'),
        archiveMode: can('archive', 'mode'),
        presentationLink: can('archive', 'presentationLink'),
        navigation: can('navigation'),
        footer: can('footer'),
      }
    }
    expect(await mayUpdate('editor')).toEqual({
      siteName: false,
      processWindow: false,
      legal: false,
      archiveMode: false,
      presentationLink: true,
      navigation: true,
      footer: true,
    })
    expect(Object.values(await mayUpdate('admin'))).toEqual(Array(7).fill(true))
  })
})
