import { berlinDay } from '@masterplan/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import { quote, richText, siteSettingsFixture } from '../src/seed/fixtures/index.ts'
import { RICH_TEXT_NODE_TYPES } from '@masterplan/shared/rich-text'
import { anyPartner, type Collection, createPublished, imageUpload, validDocument } from './helpers/documents.ts'
import { bootPayload } from './helpers/payload.ts'
import { errorPaths, type Reply, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

/**
 * Issue 8: whatever the CMS accepts must also be publishable. Each case here was once stored with
 * 201 and then stopped every site build (or silently never showed) until someone repaired the data.
 */

let payload: Payload
let tokens: Tokens
let partner: number
let adminId: number
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'publishable')
  partner = await anyPartner(payload)
  const admins = await payload.find({
    collection: 'users',
    where: { email: { equals: 'admin-publishable@test.example' } },
    overrideAccess: true,
  })
  adminId = admins.docs[0]!.id as number
})
afterAll(async () => {
  await payload.destroy()
})

const count = async (collection: Collection | 'media') =>
  (await payload.count({ collection, overrideAccess: true })).totalDocs
const errorText = (reply: Reply) => JSON.stringify(reply.body)

type Node = Record<string, unknown>
const text = (value: string): Node => ({
  type: 'text',
  text: value,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const paragraph = (...children: Node[]): Node => ({
  type: 'paragraph',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
})
const list = (listType: 'bullet' | 'number', ...children: Node[]): Node => ({
  type: 'list',
  listType,
  tag: listType === 'bullet' ? 'ul' : 'ol',
  start: 1,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
})
const item = (...children: Node[]): Node => ({
  type: 'listitem',
  value: 1,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
})
const link = (fields: Node, type = 'link'): Node => ({
  type,
  fields,
  children: [text('Mehr dazu')],
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 3,
})

/** Nodes other Lexical editors (or a hand-written API call) produce, which the site's renderer does not know. */
const foreignNodes: Record<string, () => Node> = {
  upload: () => ({ type: 'upload', version: 3, format: '', id: 'u1', fields: null, relationTo: 'media', value: 1 }),
  iframe: () => ({ type: 'iframe', version: 1, src: 'https://video.example/embed/1' }),
  mention: () => paragraph(text('Danke an '), { type: 'mention', version: 1, mentionName: 'erika', text: '@erika' }),
}

/** Every top-level rich-text field of the editorial collections, read from the running config. */
function richTextFields(): Array<[Collection, string]> {
  const collections: Collection[] = ['press-releases', 'milestones', 'partners', 'pages']
  return collections.flatMap((collection) =>
    payload.collections[collection].config.flattenedFields
      .filter((field) => field.type === 'richText')
      .map((field): [Collection, string] => [collection, field.name]),
  )
}

async function expectRefusedCreate(
  collection: Collection,
  json: Record<string, unknown>,
  field: string,
): Promise<Reply> {
  const before = await count(collection)
  const reply = await rest('POST', `/${collection}`, { token: tokens.admin, json })
  expect(reply.status, errorText(reply)).toBe(400)
  expect(errorPaths(reply)).toContain(field)
  expect(await count(collection)).toBe(before)
  return reply
}

describe('rich text the site cannot render', () => {
  it('cannot come from the admin editor: every node type an editor offers is one the renderer draws', () => {
    // BlocksFeature registers the inline variant even when no inline blocks exist to insert.
    const registeredButNotOffered = ['inlineBlock']
    for (const [collection, name] of richTextFields()) {
      const field = payload.collections[collection].config.flattenedFields.find((f) => f.name === name) as {
        editor: any
      }
      const types: string[] = field.editor.editorConfig.features.nodes.map((entry: { node: { getType(): string } }) =>
        entry.node.getType(),
      )
      const unknown = types.filter(
        (type) =>
          !(RICH_TEXT_NODE_TYPES as readonly string[]).includes(type) && !registeredButNotOffered.includes(type),
      )
      expect(unknown, `${collection}.${name}`).toEqual([])
    }
  })

  it('is checked in every rich-text field of the editorial collections', async () => {
    const fields = richTextFields()
    // body, background, two descriptions and the page content: a new field must not slip through.
    expect(fields.length).toBeGreaterThanOrEqual(5)
    for (const [collection, field] of fields) {
      const json = {
        ...validDocument(collection, { partner }),
        [field]: richText('Einleitung', foreignNodes.upload!()),
        _status: 'published',
      }
      const reply = await expectRefusedCreate(collection, json, field)
      expect(errorText(reply), `${collection}.${field}`).toContain(`upload (in ${field})`)
    }
  })

  it.each(Object.keys(foreignNodes))('refuses a %s node and names it and the field', async (type) => {
    const json = {
      ...validDocument('press-releases', { partner }),
      body: richText('Einleitung', foreignNodes[type]!()),
      _status: 'published',
    }
    const reply = await expectRefusedCreate('press-releases', json, 'body')
    expect(errorText(reply)).toContain('Der Text enthält ein Element, das die Website nicht darstellen kann')
    expect(errorText(reply)).toContain(`${type} (in body)`)
  })

  it('refuses a paragraph inside a list item, which the editor never produces', async () => {
    const body = richText(list('bullet', item(paragraph(text('eingeschachtelt')))))
    const reply = await expectRefusedCreate(
      'press-releases',
      { ...validDocument('press-releases', { partner }), body, _status: 'published' },
      'body',
    )
    expect(errorText(reply)).toContain('paragraph')
    expect(errorText(reply)).toContain('listitem')
  })

  it('refuses a link target the site would not link', async () => {
    const body = richText(paragraph(link({ linkType: 'custom', url: 'javascript:alert(1)', newTab: false })))
    const reply = await expectRefusedCreate(
      'press-releases',
      { ...validDocument('press-releases', { partner }), body, _status: 'published' },
      'body',
    )
    expect(errorText(reply)).toContain('javascript:alert(1)')
  })

  it('refuses it in a draft too, because the preview renders drafts', async () => {
    const json = { ...validDocument('pages', { partner }), content: richText(foreignNodes.iframe!()), _status: 'draft' }
    await expectRefusedCreate('pages', json, 'content')
  })

  it('refuses it on update and keeps the stored text', async () => {
    const created = await createPublished(payload, 'milestones', { partner }, { description: richText('Vorher') })
    const reply = await rest('PATCH', `/milestones/${created.id}`, {
      token: tokens.admin,
      json: { description: richText(foreignNodes.upload!()) },
    })
    expect(reply.status, errorText(reply)).toBe(400)
    expect(errorPaths(reply)).toContain('description')
    const stored = await payload.findByID({
      collection: 'milestones',
      id: created.id,
      overrideAccess: true,
      draft: true,
    })
    expect(JSON.stringify(stored.description)).toContain('Vorher')
    expect(JSON.stringify(stored.description)).not.toContain('upload')
  })

  it('accepts everything the editor offers', async () => {
    const body = richText(
      {
        type: 'heading',
        tag: 'h2',
        children: [text('Zwischentitel')],
        direction: 'ltr',
        format: '',
        indent: 0,
        version: 1,
      },
      paragraph(
        text('Siehe '),
        link({ linkType: 'custom', url: 'https://www.sachsen.de/', newTab: true }),
        { type: 'linebreak', version: 1 },
        link({ linkType: 'internal', doc: { relationTo: 'partners', value: partner }, newTab: false }),
        { type: 'tab', text: '\t', format: 0, detail: 2, mode: 'normal', style: '', version: 1 },
        link({ linkType: 'custom', url: 'mailto:presse@sachsen.example' }, 'autolink'),
      ),
      list('bullet', item(text('Chemnitz')), item(list('number', item(text('Zwickau'))))),
      { type: 'quote', children: [text('Zitat')], direction: 'ltr', format: '', indent: 0, version: 1 },
      { type: 'horizontalrule', version: 1 },
      quote('Wir packen es an.', 'Erika Muster', 'Staatsministerin'),
    )
    const reply = await rest('POST', '/press-releases', {
      token: tokens.press,
      json: { ...validDocument('press-releases', { partner }), body, _status: 'published' },
    })
    expect(reply.status, errorText(reply)).toBe(201)
  })
})

describe('deleting what a published document requires', () => {
  const newPartner = async (status: 'published' | 'draft' = 'published') =>
    (
      await payload.create({
        collection: 'partners',
        data: { ...validDocument('partners', { partner }), _status: status } as never,
        overrideAccess: true,
      })
    ).id as number
  const newRelease = async (
    issuer: number,
    extra: Record<string, unknown> = {},
    status: 'published' | 'draft' = 'published',
  ) =>
    payload.create({
      collection: 'press-releases',
      data: { ...validDocument('press-releases', { partner: issuer }), ...extra, _status: status } as never,
      overrideAccess: true,
      draft: status === 'draft',
    })
  const issuersOf = async (id: number) =>
    (await payload.findByID({ collection: 'press-releases', id, depth: 0, overrideAccess: true })).issuers as number[]
  const versionIssuers = async (id: number) =>
    (
      await payload.findVersions({
        collection: 'press-releases',
        where: { parent: { equals: id } },
        depth: 0,
        overrideAccess: true,
      })
    ).docs.map((version) => version.version.issuers)
  const exists = async (collection: 'partners' | 'media', id: number) =>
    (await payload.count({ collection, where: { id: { equals: id } }, overrideAccess: true })).totalDocs === 1

  it('refuses a partner that issues a published release, lists the release, and changes nothing', async () => {
    const issuer = await newPartner()
    const release = await newRelease(issuer, { title: 'Kabinett gibt Startschuss' })
    const versionsBefore = await versionIssuers(release.id as number)

    const reply = await rest('DELETE', `/partners/${issuer}`, { token: tokens.editor })
    expect([400, 409], errorText(reply)).toContain(reply.status)
    expect(errorText(reply)).toContain('Kabinett gibt Startschuss')
    expect(errorText(reply)).toContain(`id ${release.id}`)
    expect(await exists('partners', issuer)).toBe(true)
    expect(await issuersOf(release.id as number)).toEqual([issuer])
    expect(await versionIssuers(release.id as number)).toEqual(versionsBefore)
  })

  it('refuses it through a bulk delete as well', async () => {
    const issuer = await newPartner()
    await newRelease(issuer)
    const reply = await rest('DELETE', `/partners?where[id][equals]=${issuer}`, { token: tokens.editor })
    expect(reply.status, errorText(reply)).toBeGreaterThanOrEqual(400)
    expect(await exists('partners', issuer)).toBe(true)
  })

  it('refuses a partner that a release scheduled for publishing requires', async () => {
    const issuer = await newPartner()
    const release = await newRelease(issuer, { title: 'Geplante Medieninformation' }, 'draft')
    const job = await payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'press-releases', value: String(release.id) },
        user: { relationTo: 'users', value: adminId },
      } as never,
      waitUntil: new Date(Date.now() + 86_400_000),
    })
    try {
      const reply = await rest('DELETE', `/partners/${issuer}`, { token: tokens.editor })
      expect([400, 409], errorText(reply)).toContain(reply.status)
      expect(errorText(reply)).toContain('Geplante Medieninformation')
      expect(await exists('partners', issuer)).toBe(true)
    } finally {
      await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    }
  })

  it('dates a correction today unless told otherwise, and never before its release', async () => {
    const issuer = await newPartner()
    const dated = await newRelease(issuer, { corrections: [{ note: 'Eine Zahl war falsch.' }] })
    const [correction] = (dated as { corrections: { date: string }[] }).corrections
    expect(berlinDay(correction!.date)).toBe(berlinDay(new Date()))
    const refusal = await newRelease(issuer, {
      releaseDate: '2026-12-03T09:00:00.000Z',
      corrections: [{ date: '2026-03-12T11:00:00.000Z', note: 'Amerikanisch gelesen.' }],
    }).then(
      () => null,
      (error: { data?: { errors?: { path: string; message: string }[] } }) => error.data?.errors?.[0],
    )
    expect(refusal).toMatchObject({
      path: 'corrections.0.date',
      message: expect.stringContaining(
        'Die Korrektur kann nicht vor dem Datum der Medieninformation (03.12.2026) liegen, Sie haben den 12.03.2026 angegeben',
      ),
    })
  })

  it('refuses a publish scheduled for a moment that has passed, naming it in German; a minute ahead is fine', async () => {
    const release = await newRelease(await newPartner(), { title: 'Zu spät geplant' }, 'draft')
    const queue = (waitUntil: Date) =>
      payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'press-releases', value: String(release.id) },
          user: { relationTo: 'users', value: adminId },
        } as never,
        waitUntil,
      })
    const scheduled = () =>
      payload.count({ collection: 'payload-jobs', where: { 'input.doc.value': { equals: String(release.id) } } })
    const past = new Date('2026-12-03T11:40:00Z')
    const refusal = await queue(past).then(
      () => null,
      (error: { data?: { errors?: { path: string; message: string }[] } }) => error.data?.errors?.[0],
    )
    expect(refusal).toEqual({
      path: 'waitUntil',
      message: expect.stringContaining('Der Zeitpunkt 03.12.2026 12:40 liegt in der Vergangenheit'),
    })
    expect((await scheduled()).totalDocs).toBe(0)
    const job = await queue(new Date(Date.now() + 60_000))
    expect((await scheduled()).totalDocs).toBe(1)
    await payload.delete({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
  })

  it('allows deleting a partner that only a draft refers to, and one nobody refers to', async () => {
    const draftOnly = await newPartner()
    await newRelease(draftOnly, {}, 'draft')
    expect((await rest('DELETE', `/partners/${draftOnly}`, { token: tokens.editor })).status).toBe(200)
    const unused = await newPartner()
    expect((await rest('DELETE', `/partners/${unused}`, { token: tokens.editor })).status).toBe(200)
  })

  it('refuses a media file shown as an image of a published release', async () => {
    const upload = await rest('POST', '/media', { token: tokens.press, form: await imageUpload() })
    expect(upload.status, errorText(upload)).toBe(201)
    const image = upload.body.doc.id as number
    const release = await newRelease(partner, { title: 'Release mit Bild', images: [{ image, caption: 'Luftbild' }] })

    const reply = await rest('DELETE', `/media/${image}`, { token: tokens.press })
    expect([400, 409], errorText(reply)).toContain(reply.status)
    expect(errorText(reply)).toContain('Release mit Bild')
    expect(await exists('media', image)).toBe(true)
    const stored = await payload.findByID({
      collection: 'press-releases',
      id: release.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.images?.[0]?.image).toBe(image)
  })
})

describe('links in the site settings', () => {
  // The admin's part (name, process window, legal details) is in place; editors change the links.
  beforeAll(async () => {
    await payload.updateGlobal({
      slug: 'site-settings',
      data: {
        siteName: 'Masterplan Südwestsachsen',
        processWindow: siteSettingsFixture.processWindow,
        legal: siteSettingsFixture.legal,
      },
      context: { seeding: true },
      overrideAccess: true,
    })
  })
  const link = (href: string) => ({ label: 'Ziel', href })
  const settings = (navigation: unknown[], footerLinks: unknown[] = []) => ({
    navigation,
    footer: { text: 'Fußzeile', links: footerLinks },
  })
  const stored = async () =>
    JSON.stringify(await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true }))

  it('accepts site paths, web addresses, e-mail and phone links', async () => {
    const reply = await rest('POST', '/globals/site-settings', {
      token: tokens.editor,
      json: settings(
        [link('/zeitplan/'), link('https://www.sachsen.de/')],
        [link('mailto:presse@sachsen.example'), link('tel:+493515640')],
      ),
    })
    expect(reply.status, errorText(reply)).toBe(200)
  })

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/',
    'www.ohne-protokoll.example',
  ])('refuses the target %j in the navigation and the footer', async (href) => {
    const before = await stored()
    for (const [json, path] of [
      [settings([link('/zeitplan/'), link(href)]), 'navigation.1.href'],
      [settings([], [link(href)]), 'footer.links.0.href'],
    ] as const) {
      const reply = await rest('POST', '/globals/site-settings', { token: tokens.editor, json })
      expect(reply.status, errorText(reply)).toBe(400)
      expect(errorPaths(reply)).toContain(path)
    }
    expect(await stored()).toBe(before)
  })
})

describe('page slugs the site already uses for its own routes', () => {
  it.each(['aktuelles', 'zeitplan', 'partner', 'suche', 'en', 'medien', '404'])(
    'refuses %s and names the slug field',
    async (slug) => {
      const reply = await expectRefusedCreate(
        'pages',
        { ...validDocument('pages', { partner }), slug, _status: 'published' },
        'slug',
      )
      expect(errorText(reply)).toContain(`„${slug}“`)
      expect(errorText(reply)).toContain('reserved')
    },
  )

  it('refuses a slug generated from a title like "Zeitplan"', async () => {
    const { slug: _none, ...doc } = validDocument('pages', { partner })
    const reply = await expectRefusedCreate('pages', { ...doc, title: 'Zeitplan', _status: 'published' }, 'slug')
    expect(errorText(reply)).toContain('reserved')
  })

  it('leaves other collections free to use such words', async () => {
    const milestone = await rest('POST', '/milestones', {
      token: tokens.admin,
      json: { ...validDocument('milestones', { partner }), slug: 'zeitplan', _status: 'published' },
    })
    expect(milestone.status, errorText(milestone)).toBe(201)
  })
})
