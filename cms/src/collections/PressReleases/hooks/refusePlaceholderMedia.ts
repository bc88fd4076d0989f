import { type CollectionBeforeChangeHook, ValidationError } from 'payload'
import type { Media, PressRelease } from '../../../payload-types.ts'
import { isPlaceholder } from '../import/placeholders.ts'

const idOf = (value: unknown): number | null =>
  typeof value === 'number' ? value : typeof value === 'object' && value && 'id' in value ? Number(value.id) : null

/**
 * Publishing is refused while a picture of the release still carries the Word import's stand-ins
 * for alt text or credit: the public would read "alt text missing" instead of a description.
 * Drafts may hold them, which is what lets the import save the draft at all.
 */
export const refusePlaceholderMedia: CollectionBeforeChangeHook<PressRelease> = async ({ data, originalDoc, req }) => {
  if (data._status !== 'published') return data
  const uses: { path: string; id: number }[] = []
  for (const [index, row] of (data.images ?? originalDoc?.images ?? []).entries()) {
    const id = idOf(row.image)
    if (id !== null) uses.push({ path: `images.${index}.image`, id })
  }
  for (const attachment of data.attachments ?? originalDoc?.attachments ?? []) {
    const id = idOf(attachment)
    if (id !== null) uses.push({ path: 'attachments', id })
  }
  if (uses.length === 0) return data
  // Every language's alt text (the German page must not show a stand-in that the English one
  // replaced), read through the database adapter: the Local API with `req` and another locale would
  // switch the locale of the whole save.
  const { docs } = await req.payload.db.find<Media>({
    collection: 'media',
    where: { id: { in: uses.map(({ id }) => id) } },
    locale: 'all',
    pagination: false,
    req,
  })
  const inAnyLocale = (value: unknown) =>
    value && typeof value === 'object' ? Object.values(value).some(isPlaceholder) : isPlaceholder(value)
  const unfinished = new Set(docs.filter((m) => inAnyLocale(m.alt) || inAnyLocale(m.credit)).map((m) => m.id))
  const errors = uses
    .filter(({ id }) => unfinished.has(id))
    .map(({ path, id }) => ({
      path,
      message: `Medium #${id} hat noch keinen Alternativtext oder Bildnachweis (Platzhalter aus dem Word-Import); bitte im Medium eintragen / media #${id} still has the Word import's placeholder alt text or credit; fill them in on the media file`,
    }))
  if (errors.length) throw new ValidationError({ collection: 'press-releases', errors, req }, req.t)
  return data
}
