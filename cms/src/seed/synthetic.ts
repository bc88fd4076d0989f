import type { Payload } from 'payload'
import sharp from 'sharp'
import { MILESTONE_STATUSES, PARTNER_KINDS, PARTNER_ROLES } from '@masterplan/shared'
import { richText } from './fixtures/index.ts'

export type SyntheticCounts = { pressReleases: number; partners: number; milestones: number; imageShare: number }

const places = [
  'Zwickau',
  'Chemnitz',
  'Plauen',
  'Freiberg',
  'Annaberg-Buchholz',
  'Aue',
  'Mittweida',
  'Reichenbach',
  'Glauchau',
  'Oelsnitz',
]
const topics = [
  'Wasserstoff',
  'Fachkräfte',
  'Batterierecycling',
  'Radverkehr',
  'Breitband',
  'Gründungen',
  'Leichtbau',
  'Flächen',
  'Weiterbildung',
  'Mobilität',
]
const verbs = ['stärkt', 'plant', 'diskutiert', 'startet', 'bündelt', 'erprobt', 'fördert', 'vernetzt']
const subjects = [
  'Regionalkonvent',
  'Werkstatt',
  'Arbeitsgruppe',
  'Hochschulnetzwerk',
  'Handwerkskammer',
  'Gemeinderat',
  'Zuliefererverbund',
]

/** A deterministic pseudo-random sequence, so two runs with the same counts make the same data. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
}

type Log = (line: string) => void

function progress(label: string, total: number, log: Log) {
  const started = Date.now()
  const every = Math.max(1, Math.floor(total / 20))
  return (done: number) => {
    if (done % every === 0 || done === total) {
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000)
      log(`  ${label}: ${done}/${total} (${Math.round((done / total) * 100)} %, ${rate.toFixed(0)}/s)`)
    }
  }
}

const common = { overrideAccess: true, depth: 0, context: { seeding: true } } as const

/**
 * Realistic synthetic content for tests and benchmarks: published partners, milestones and press
 * releases with joint issuers, contacts, quotes and a share of images. Never run by default.
 */
export async function generateSynthetic(payload: Payload, counts: SyntheticCounts, log: Log = console.log) {
  const rnd = random(42)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!
  const run = Date.now().toString(36)

  const imageIds: number[] = []
  const imageCount = Math.min(20, Math.ceil(counts.pressReleases * counts.imageShare))
  for (let i = 0; i < imageCount; i++) {
    const data = await sharp({
      create: { width: 1600, height: 1000, channels: 3, background: { r: 40 + i * 9, g: 100, b: 140 } },
    })
      .jpeg({ quality: 80 })
      .toBuffer()
    const doc = await payload.create({
      ...common,
      collection: 'media',
      data: { alt: `Symbolbild ${pick(topics)} in ${pick(places)}`, credit: 'Synthetisches Testbild, CC0' },
      file: { data, mimetype: 'image/jpeg', name: `synth-${run}-${i}.jpg`, size: data.length },
    })
    imageIds.push(doc.id as number)
  }

  const partnerIds: number[] = []
  const partnerTick = progress('partners', counts.partners, log)
  for (let i = 1; i <= counts.partners; i++) {
    const place = pick(places)
    const doc = await payload.create({
      ...common,
      collection: 'partners',
      data: {
        name: `${pick(subjects)} ${place} ${i}`,
        slug: `synth-${run}-partner-${i}`,
        kind: pick(PARTNER_KINDS),
        roles: rnd() < 0.2 ? [pick(PARTNER_ROLES)] : [],
        website: `https://partner-${i}.example`,
        address: { city: place },
        description: richText(`Synthetischer Partner aus ${place}, aktiv zum Thema ${pick(topics)}.`),
        _status: 'published',
      } as never,
    })
    partnerIds.push(doc.id as number)
    partnerTick(i)
  }

  // A later run that adds only releases spreads them over the partners already there.
  if (!partnerIds.length) {
    const existing = await payload.find({
      ...common,
      collection: 'partners',
      limit: 1000,
      select: {},
      pagination: false,
    })
    partnerIds.push(...existing.docs.map((p) => p.id as number))
  }

  const milestoneTick = progress('milestones', counts.milestones, log)
  const windowStart = Date.parse('2025-04-16T10:00:00Z')
  const windowDays = 620
  for (let i = 1; i <= counts.milestones; i++) {
    const plannedDate = new Date(windowStart + Math.floor(rnd() * windowDays) * 86_400_000).toISOString()
    await payload.create({
      ...common,
      collection: 'milestones',
      data: {
        title: `${pick(subjects)}: ${pick(topics)} (${i})`,
        slug: `synth-${run}-meilenstein-${i}`,
        plannedDate,
        status: pick(MILESTONE_STATUSES),
        phase: pick(['Analyse', 'Beteiligung', 'Strategie', 'Abschluss']),
        partners: partnerIds.length ? [pick(partnerIds)] : [],
        _status: 'published',
      } as never,
    })
    milestoneTick(i)
  }

  const releaseTick = progress('press releases', counts.pressReleases, log)
  for (let i = 1; i <= counts.pressReleases; i++) {
    const place = pick(places)
    const topic = pick(topics)
    const subject = pick(subjects)
    const day = new Date(windowStart + Math.floor(rnd() * windowDays) * 86_400_000)
    const issuers = partnerIds.length
      ? [...new Set([pick(partnerIds), ...(rnd() < 0.2 ? [pick(partnerIds)] : [])])]
      : []
    await payload.create({
      ...common,
      collection: 'press-releases',
      data: {
        title: `${subject} ${pick(verbs)} ${topic} in ${place}`,
        subtitle: `Nummer ${i} der synthetischen Medieninformationen`,
        slug: `synth-${run}-pm-${i}`,
        releaseDate: day.toISOString(),
        issuers,
        contacts: [
          {
            name: 'Pressestelle',
            office: subject,
            phone: '+49 375 000 0000',
            email: `presse-${i % 50}@partner.example`,
          },
        ],
        lead: `Der ${subject} in ${place} ${pick(verbs)} das Thema ${topic} und stellt erste Ergebnisse vor.`,
        body: richText(
          `In ${place} trafen sich Fachleute aus Wirtschaft, Wissenschaft und Verwaltung, um über ${topic} zu beraten.`,
          {
            type: 'block',
            version: 2,
            format: '',
            fields: {
              id: `q${i}`,
              blockName: '',
              blockType: 'quote',
              text: `${topic} ist für ${place} eine Chance.`,
              person: 'Max Beispiel',
              office: 'Sprecher',
            },
          },
          `Die Ergebnisse fließen in den Masterplan Südwestsachsen ein. Das nächste Treffen ist für den Herbst geplant.`,
        ),
        background: richText('Der Masterplan Südwestsachsen entsteht aus der Region für die Region.'),
        images:
          imageIds.length && rnd() < counts.imageShare
            ? [{ image: pick(imageIds), caption: `${topic} in ${place}` }]
            : [],
        _status: 'published',
      } as never,
    })
    releaseTick(i)
  }
}
