import type { PayloadRequest } from 'payload'
import { slugify } from '@masterplan/shared'
import { type Notice, notice } from './notices.ts'

/** The longest slug the slug field keeps (slugify cuts there). */
export const SLUG_MAX_LENGTH = 120

/** `base` with `-n` appended, the base shortened (at a hyphen where it can) so the whole fits the limit. */
export function numberedSlug(base: string, n: number): string {
  if (n === 1) return base
  const suffix = `-${n}`
  const room = SLUG_MAX_LENGTH - suffix.length
  if (base.length <= room) return `${base}${suffix}`
  const cut = base.slice(0, room)
  const hyphen = cut.lastIndexOf('-')
  return `${(hyphen > room / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '')}${suffix}`
}

export type ExistingRelease = { id: number; title: string; status: string }

/**
 * A slug no other release has, so importing the same file twice gives a second draft with a slug
 * within the limit; `existing` is the release that already holds the title's own slug.
 */
export async function freeSlug(
  req: PayloadRequest,
  title: string,
): Promise<{ slug: string; existing?: ExistingRelease }> {
  const base = slugify(title) || 'medieninformation'
  let existing: ExistingRelease | undefined
  for (let n = 1; ; n++) {
    const slug = numberedSlug(base, n)
    const taken = await req.payload.find({
      collection: 'press-releases',
      where: { slug: { equals: slug } },
      select: { title: true, _status: true },
      depth: 0,
      limit: 1,
      locale: 'de',
      overrideAccess: true,
      req,
    })
    const holder = taken.docs[0]
    if (!holder) return { slug, existing }
    existing ??= { id: holder.id, title: holder.title ?? '', status: holder._status ?? 'draft' }
  }
}

/** Tells the press office that the file was imported before, naming that release. */
export function duplicateNotice(existing: ExistingRelease, slug: string): Notice {
  const state = existing.status === 'published' ? 'veröffentlicht' : 'Entwurf'
  return notice(
    'duplicate',
    `Diese Datei wurde schon einmal importiert: „${existing.title}“ (Nr. ${existing.id}, ${state}). Dies ist ein weiterer Entwurf mit dem Kurznamen „${slug}“; bitte den nicht benötigten löschen`,
    `this file was imported before: "${existing.title}" (no. ${existing.id}, ${existing.status}); this is a further draft with the slug "${slug}"`,
  )
}
