import type { Payload } from 'payload'
import sharp from 'sharp'
import { richText } from '../../src/seed/fixtures/index.ts'

let counter = 0
/** A slug no other test uses, so files need no clean-up between them. */
export const uniqueSlug = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`

export type Collection = 'press-releases' | 'milestones' | 'partners' | 'pages'

/** A complete, valid document for each content collection; `refs` supplies related ids. */
export function validDocument(collection: Collection, refs: { partner: number }): Record<string, unknown> {
  switch (collection) {
    case 'press-releases':
      return {
        title: 'Regionalkonvent berät über Leitbild',
        slug: uniqueSlug('pm'),
        releaseDate: '2026-05-04T08:00:00.000Z',
        issuers: [refs.partner],
        contacts: [
          { name: 'Erika Beispiel', office: 'Pressestelle', phone: '+49 375 4402 0', email: 'presse@beispiel.example' },
        ],
        lead: 'Der Regionalkonvent hat über den Entwurf des Leitbilds beraten.',
        body: richText('Die Mitglieder des Regionalkonvents haben den Entwurf beraten.'),
      }
    case 'milestones':
      return {
        title: 'Beteiligungswerkstatt',
        slug: uniqueSlug('ms'),
        plannedDate: '2026-03-10T10:00:00.000Z',
        status: 'planned',
      }
    case 'partners':
      return {
        name: 'Beispiel-Hochschule',
        slug: uniqueSlug('pa'),
        kind: 'science',
        roles: [],
        website: 'https://hochschule.example',
      }
    case 'pages':
      return { title: 'Beispielseite', slug: uniqueSlug('pg'), content: richText('Ein Absatz.') }
  }
}

/** The required fields without a default value, as the REST API names them in errors. */
export const requiredFields: Record<Collection, string[]> = {
  'press-releases': ['title', 'issuers', 'contacts', 'lead', 'body'],
  milestones: ['title', 'plannedDate'],
  partners: ['name', 'kind'],
  pages: ['title', 'content'],
}

/** Creates a published document as an admin would. */
export async function createPublished(payload: Payload, collection: Collection, refs: { partner: number }, extra = {}) {
  return payload.create({
    collection,
    data: { ...validDocument(collection, refs), ...extra, _status: 'published' } as never,
    overrideAccess: true,
  })
}

export async function anyPartner(payload: Payload): Promise<number> {
  const existing = await payload.find({
    collection: 'partners',
    limit: 1,
    overrideAccess: true,
    where: { _status: { equals: 'published' } },
  })
  if (existing.docs[0]) return existing.docs[0].id as number
  return (
    await payload.create({
      collection: 'partners',
      data: { ...validDocument('partners', { partner: 0 }), _status: 'published' } as never,
      overrideAccess: true,
    })
  ).id as number
}

/** A real PNG, made with sharp, to upload as a form field the way the admin does. */
export async function imageUpload(
  fields: Record<string, unknown> = { alt: 'Luftbild von Zwickau', credit: 'Foto: Test, CC0' },
): Promise<FormData> {
  const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a6f97' } })
    .png()
    .toBuffer()
  return fileUpload(new Blob([new Uint8Array(png)], { type: 'image/png' }), `bild-${uniqueSlug('m')}.png`, fields)
}

export function fileUpload(file: Blob, filename: string, fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', file, filename)
  form.append('_payload', JSON.stringify(fields))
  return form
}
