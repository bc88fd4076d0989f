import type { Payload } from 'payload'
import {
  cabinetDecisionRelease,
  milestoneFixtures,
  pageFixtures,
  partnerDescription,
  partnerFixtures,
  richText,
  siteSettingsFixture,
} from './fixtures/index.ts'
import type { EditorialSlug } from '../collections/editorialSlugs.ts'

type Log = (line: string) => void

const common = { overrideAccess: true, depth: 0, context: { seeding: true } } as const

async function idBySlug(payload: Payload, collection: EditorialSlug, slug: string): Promise<number | undefined> {
  const { docs } = await payload.find({
    ...common,
    collection,
    where: { slug: { equals: slug } },
    limit: 1,
    draft: true,
  })
  return docs[0]?.id as number | undefined
}

/**
 * Creates a published document in German, then adds its English version — unless a document with
 * that slug exists already, so running the seed again changes nothing.
 */
async function ensure(
  payload: Payload,
  collection: EditorialSlug,
  slug: string,
  de: Record<string, unknown>,
  en: Record<string, unknown>,
  log: Log,
): Promise<{ id: number; created: boolean }> {
  const existing = await idBySlug(payload, collection, slug)
  if (existing) return { id: existing, created: false }
  const doc = await payload.create({
    ...common,
    collection,
    locale: 'de',
    data: { ...de, slug, _status: 'published' } as never,
  })
  await payload.update({
    ...common,
    collection,
    id: doc.id,
    locale: 'en',
    data: { ...en, _status: 'published' } as never,
  })
  log(`  + ${collection}/${slug}`)
  return { id: doc.id as number, created: true }
}

/** Seeds the facts of the process. Safe to run on every start: it only adds what is missing. */
export async function seed(payload: Payload, log: Log = () => {}): Promise<{ created: number }> {
  let created = 0
  const count = (r: { id: number; created: boolean }) => {
    if (r.created) created++
    return r.id
  }

  const partnerIds = new Map<string, number>()
  for (const p of partnerFixtures) {
    const de = {
      name: p.name.de,
      shortName: p.shortName,
      kind: p.kind,
      roles: p.roles,
      representative: p.representative && { name: p.representative.name, office: p.representative.office.de },
      website: p.website,
      address: p.address,
      description: partnerDescription(p, 'de'),
    }
    const en = {
      name: p.name.en,
      representative: p.representative && { name: p.representative.name, office: p.representative.office.en },
      description: partnerDescription(p, 'en'),
    }
    partnerIds.set(p.slug, count(await ensure(payload, 'partners', p.slug, de, en, log)))
  }
  const partners = (slugs: string[]) => slugs.map((s) => partnerIds.get(s)!).filter(Boolean)

  const milestoneIds = new Map<string, number>()
  for (const m of milestoneFixtures) {
    const de = {
      title: m.title.de,
      phase: m.phase.de,
      plannedDate: m.plannedDate,
      actualDate: m.actualDate,
      status: m.status,
      description: richText(m.description.de),
      partners: partners(m.partners),
    }
    const en = { title: m.title.en, phase: m.phase.en, description: richText(m.description.en) }
    milestoneIds.set(m.slug, count(await ensure(payload, 'milestones', m.slug, de, en, log)))
  }

  const r = cabinetDecisionRelease
  const releaseId = count(
    await ensure(
      payload,
      'press-releases',
      r.slug,
      {
        title: r.title.de,
        subtitle: r.subtitle.de,
        releaseDate: r.releaseDate,
        issuers: partners(r.issuers),
        contacts: r.contacts,
        lead: r.lead.de,
        body: r.body.de,
        background: r.background.de,
        relatedMilestones: r.relatedMilestones.map((s) => milestoneIds.get(s)!),
      },
      { title: r.title.en, subtitle: r.subtitle.en, lead: r.lead.en, body: r.body.en, background: r.background.en },
      log,
    ),
  )
  const decision = milestoneIds.get('kabinettsbeschluss')!
  await payload.update({
    ...common,
    collection: 'milestones',
    id: decision,
    data: { relatedPressReleases: [releaseId] },
  })

  for (const p of pageFixtures) {
    const pick = (locale: 'de' | 'en') => ({
      title: p.title[locale],
      summary: p.summary[locale],
      content: p.content[locale],
    })
    count(
      await ensure(
        payload,
        'pages',
        p.slug,
        { ...pick('de'), placeholder: p.placeholder, reviewNote: p.reviewNote ?? null },
        pick('en'),
        log,
      ),
    )
  }

  created += await seedSiteSettings(payload, log)
  return { created }
}

async function seedSiteSettings(payload: Payload, log: Log): Promise<number> {
  const current = await payload.findGlobal({ ...common, slug: 'site-settings' })
  if (current.legal?.publisher) return 0
  const s = siteSettingsFixture
  const links = (items: typeof s.navigation, locale: 'de' | 'en') =>
    items.map((l) => ({ label: l.label[locale], href: l.href }))
  const de = await payload.updateGlobal({
    ...common,
    slug: 'site-settings',
    locale: 'de',
    data: {
      siteName: s.siteName.de,
      processWindow: s.processWindow,
      navigation: links(s.navigation, 'de'),
      footer: { text: s.footer.text.de, links: links(s.footer.links, 'de') },
      legal: s.legal,
    },
  })
  // Array rows keep their ids across locales; only the labels differ.
  const withIds = (rows: Array<{ id?: string | null }> | null | undefined, items: typeof s.navigation) =>
    (rows ?? []).map((row, i) => ({ ...row, label: items[i]!.label.en }))
  await payload.updateGlobal({
    ...common,
    slug: 'site-settings',
    locale: 'en',
    data: {
      siteName: s.siteName.en,
      navigation: withIds(de.navigation, s.navigation),
      footer: { text: s.footer.text.en, links: withIds(de.footer?.links, s.footer.links) },
    },
  })
  log('  + site-settings')
  return 1
}
