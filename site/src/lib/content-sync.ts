import { z } from 'zod'
import type { ManifestEntry } from '@masterplan/shared'
import { cms } from './cms.ts'
import { readsOf } from './collections.ts'
import { linksTo, manifest } from './manifests.ts'

type Options = {
  collection: string
  schema: z.ZodType
  depth: number
  /** Localized fields: those left empty in English fall back to German and are marked lang="de". */
  localized: readonly string[]
  /** The field that must be translated for a document to count as having an English version. */
  titleField: string
  /** Other collections whose documents this one shows (populated at depth 1): any change there reads it all again. */
  dependsOn: readonly string[]
}

/** Ids per request, so the query string stays short. */
const ID_CHUNK = 200

export type Localized<T> = { de: T; en: T | null; untranslated: string[] }

/** What the sync needs of any document. */
type Doc = { id: number; updatedAt?: string }

/** Ids to read again: changed or new documents, and kept ones whose rich text links to a changed, new or gone one. */
function toRead(collection: string, kept: Map<number, Localized<Doc>>, current: ManifestEntry[]): number[] {
  const visible = new Set(current.map((d) => d.id))
  const changed = new Set(current.filter((d) => kept.get(d.id)?.de.updatedAt !== d.updatedAt).map((d) => d.id))
  for (const id of kept.keys()) if (!visible.has(id)) changed.add(id)
  if (changed.size === 0) return []
  const linking = [...kept.keys()].filter((id) => visible.has(id) && linksTo(kept.get(id), collection, changed))
  return [...new Set([...linking, ...changed])].filter((id) => visible.has(id))
}

/** Lists in requests of at most ID_CHUNK ids (all documents in one list when `ids` is undefined). */
async function inChunks<T>(
  ids: number[] | undefined,
  list: (where?: { id: { in: string } }) => Promise<T[]>,
): Promise<T[]> {
  if (!ids) return list()
  const docs: T[] = []
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    docs.push(...(await list({ id: { in: ids.slice(i, i + ID_CHUNK).join(',') } })))
  return docs
}

/** A collection as kept between builds: its documents by id, and the digest of the collections they show. */
export type Synced = { dependencies: string; entries: Array<Localized<Doc>> }

/**
 * Brings a kept copy of a CMS collection, in both locales, up to date. Each entry holds the German
 * document, the English one (where a translation exists) and which English fields fell back to German.
 *
 * After the first build only what changed is read: the documents whose updatedAt differs from the
 * kept copy, and those whose rich text links to a document that changed, appeared or went. A change
 * in a collection this one depends on (`dependencies` differs), or no kept copy, reads everything.
 */
export async function syncCollection(
  o: Options,
  kept: Synced | undefined,
  dependencies: string,
): Promise<{ stored: Synced; changed: boolean; report: string }> {
  const [deRead, enRead, rawRead] = readsOf(o)
  /** The three reads for some ids (all documents when `ids` is undefined). */
  async function read(ids?: number[]) {
    const [de, raw] = await Promise.all([
      inChunks(ids, (where) => cms.list(o.collection, o.schema, { ...deRead, where })),
      inChunks(ids, (where) =>
        cms.list(o.collection, z.looseObject({ id: z.number() }), {
          ...rawRead,
          select: [...rawRead.select],
          where: { ...rawRead.where, ...where },
        }),
      ),
    ])
    // The full English read (depth 1, with fallback) only for documents that have a translation.
    const translated = raw.filter((d) => d[o.titleField]).map((d) => d.id)
    const english = await inChunks(translated, (where) => cms.list(o.collection, o.schema, { ...enRead, where }))
    return {
      de: de as Doc[],
      translations: new Map(raw.map((d) => [d.id, d as Record<string, unknown>])),
      english: new Map((english as Doc[]).map((d) => [d.id, d])),
    }
  }

  const started = Date.now()
  const current = await manifest(o.collection)
  const entries = new Map((kept?.entries ?? []).map((entry) => [entry.de.id, entry]))
  const delta = kept?.dependencies === dependencies && entries.size > 0
  const { de, translations, english } = await read(delta ? toRead(o.collection, entries, current) : undefined)
  if (!delta) entries.clear()
  for (const doc of de) {
    // A document without an English title is not in the English read: all its fields are untranslated.
    const own = translations.get(doc.id) ?? {}
    const hasEnglish = Boolean(own[o.titleField])
    const untranslated = o.localized.filter((field) => own[field] === null || own[field] === undefined)
    entries.set(doc.id, { de: doc, en: hasEnglish ? (english.get(doc.id) ?? null) : null, untranslated })
  }
  const visible = new Set(current.map((d) => d.id))
  const gone = [...entries.keys()].filter((id) => !visible.has(id))
  for (const id of gone) entries.delete(id)
  const how = delta ? `read ${de.length} of ${current.length}` : `read all ${de.length}`
  return {
    // In id order, as a full read lists them, so a partial build shows lists in the same order as a full one.
    stored: { dependencies, entries: [...entries.keys()].sort((a, b) => a - b).map((id) => entries.get(id)!) },
    changed: !delta || de.length > 0 || gone.length > 0,
    report: `${o.collection}: ${how} documents (${gone.length} gone) in ${Date.now() - started} ms`,
  }
}
