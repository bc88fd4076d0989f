import type { Payload } from 'payload'
import sharp from 'sharp'
import { quote, richText } from './fixtures/index.ts'
import { seed } from './index.ts'
import { tinyCaptions, tinyWebm } from './test-video.ts'

/** Words that appear in exactly one fixture each, so tests can look for them anywhere. */
export const MARKERS = {
  draft: 'Entwurfsgeheimnis',
  embargoed: 'Sperrfristgeheimnis',
  withImage: 'Bildtermin',
  germanOnly: 'Nurdeutsch',
} as const

export type Fixtures = Record<keyof typeof MARKERS, { id: number; slug: string }>

/** A one-page PDF with a correct cross-reference table (Payload checks header, xref and EOF). */
export function minimalPdf(): Buffer {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>',
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const offset = body.length
    body += `${i + 1} 0 obj${object}endobj\n`
    return offset
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/**
 * The seed plus the cases a public site must handle: a draft, an embargoed release, a release with
 * image, attachment and quote (in English too, issued also by a partner named only in German), one
 * that exists only in German, and a captioned video on the sign-language page.
 */
export async function createTestFixtures(payload: Payload): Promise<Fixtures> {
  await seed(payload)
  const common = { overrideAccess: true, depth: 0 } as const
  const smil = (await payload.find({ ...common, collection: 'partners', where: { slug: { equals: 'smil' } } })).docs[0]!
  const jpeg = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#3d7a57' } })
    .jpeg()
    .toBuffer()
  const image = await payload.create({
    ...common,
    collection: 'media',
    data: { alt: 'Teilnehmende einer Werkstatt im Rathaus Zwickau', credit: 'Foto: Beispiel, CC BY 4.0' },
    file: { data: jpeg, mimetype: 'image/jpeg', name: 'werkstatt.jpg', size: jpeg.length },
  })
  const pdf = minimalPdf()
  const attachment = await payload.create({
    ...common,
    collection: 'media',
    data: { alt: 'Präsentation der Werkstatt', credit: 'Regionalkonvent' },
    file: { data: pdf, mimetype: 'application/pdf', name: 'praesentation.pdf', size: pdf.length },
  })

  const release = (slug: string, word: string, extra: Record<string, unknown> = {}) => ({
    title: `Beispiel: ${word} im Regionalkonvent`,
    slug,
    releaseDate: '2026-03-12T09:00:00.000Z',
    issuers: [smil.id],
    contacts: [
      { name: 'Erika Beispiel', office: 'Pressestelle', phone: '+49 375 4402 0', email: 'presse@beispiel.example' },
    ],
    lead: `Ein Beispieltext mit dem Wort ${word}.`,
    body: richText(`Der Regionalkonvent berät. ${word} steht im Text.`),
    _status: 'published',
    ...extra,
  })

  const draft = await payload.create({
    ...common,
    collection: 'press-releases',
    draft: true,
    data: { ...release('beispiel-entwurf', MARKERS.draft), _status: 'draft' } as never,
  })
  const embargoed = await payload.create({
    ...common,
    collection: 'press-releases',
    data: release('beispiel-sperrfrist', MARKERS.embargoed, {
      embargoUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }) as never,
  })
  // Named only in German, so it has no English page, and an issuer of the English release below.
  const germanOnlyPartner = await payload.create({
    ...common,
    collection: 'partners',
    data: {
      name: 'Beispielverein Zwickau',
      slug: 'beispielverein',
      kind: 'civil-society',
      roles: [],
      _status: 'published',
    },
  })
  const withImage = await payload.create({
    ...common,
    collection: 'press-releases',
    data: release('beispiel-bildtermin', MARKERS.withImage, {
      issuers: [smil.id, germanOnlyPartner.id],
      releaseDate: '2025-09-01T08:00:00.000Z',
      body: richText(
        `Ein ${MARKERS.withImage} in Zwickau.`,
        quote('Wir gestalten den Wandel gemeinsam.', 'Erika Beispiel', 'Sprecherin (Beispiel)'),
      ),
      background: richText('Dieser Hintergrund ist nur auf Deutsch geschrieben.'),
      images: [{ image: image.id, caption: 'Werkstatt in Zwickau' }],
      attachments: [attachment.id],
    }) as never,
  })
  await payload.update({
    ...common,
    collection: 'press-releases',
    id: withImage.id,
    locale: 'en',
    data: {
      title: `Example: ${MARKERS.withImage} in the Regionalkonvent`,
      lead: 'An example text.',
      body: richText('An example body in English.'),
    },
  })
  const germanOnly = await payload.create({
    ...common,
    collection: 'press-releases',
    data: release('beispiel-nur-deutsch', MARKERS.germanOnly) as never,
  })

  const webm = tinyWebm()
  const video = await payload.create({
    ...common,
    collection: 'media',
    data: { alt: 'Begrüßung in Deutscher Gebärdensprache', credit: 'Video: Beispiel' },
    file: { data: webm, mimetype: 'video/webm', name: 'begruessung.webm', size: webm.length },
  })
  const vtt = tinyCaptions()
  const captions = await payload.create({
    ...common,
    collection: 'media',
    data: { alt: 'Untertitel der Begrüßung', credit: 'Untertitel: Beispiel' },
    file: { data: vtt, mimetype: 'text/vtt', name: 'begruessung.vtt', size: vtt.length },
  })
  const signLanguage = (
    await payload.find({ ...common, collection: 'pages', where: { slug: { equals: 'gebaerdensprache' } } })
  ).docs[0]!
  await payload.update({
    ...common,
    collection: 'pages',
    id: signLanguage.id,
    data: { videos: [{ title: 'Begrüßung', video: video.id, captions: captions.id }] },
  })

  const pick = (d: { id: number | string; slug?: unknown }) => ({ id: Number(d.id), slug: String(d.slug) })
  return {
    draft: pick(draft as never),
    embargoed: pick(embargoed as never),
    withImage: pick(withImage as never),
    germanOnly: pick(germanOnly as never),
  }
}
