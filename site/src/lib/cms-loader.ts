import type { Loader } from 'astro/loaders'
import { z } from 'zod'
import { describeDocument, type ManifestEntry } from '@masterplan/shared'
import { cms } from './cms.ts'
import { readsOf } from './collections.ts'
import { linksTo, manifest, manifestsDigest } from './manifests.ts'

type Options<T extends z.ZodType> = {
  collection: string
  schema: T
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

type Stored = { de: { id: number; updatedAt: string } }

/** Ids to read again: changed or new documents, and kept ones whose rich text links to a changed, new or gone one. */
function toRead(collection: string, kept: Map<number, Stored>, current: ManifestEntry[]): number[] {
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

/**
 * Loads a CMS collection in both locales into Astro's content store. Each entry keeps the German
 * document, the English one (where a translation exists) and which English fields fell back to German.
 *
 * After the first build only what changed is read: the documents whose updatedAt differs from the
 * kept copy, and those whose rich text links to a document that changed, appeared or went. A change
 * in a collection this one depends on, or a store without the last build's record, reads everything.
 */
export function cmsLoader<T extends z.ZodType>(o: Options<T>): Loader {
  const [deRead, enRead, rawRead] = readsOf(o)
  /** The three reads for some ids (all documents when `ids` is undefined). */
  async function read(ids?: number[]) {
    const [de, raw] = await Promise.all([
      inChunks(ids, (where) => cms.list(o.collection, o.schema, { ...deRead, where })),
      inChunks(ids, (where) =>
        cms.list(o.collection, z.looseObject({ id: z.number() }), { ...rawRead, select: [...rawRead.select], where }),
      ),
    ])
    // The full English read (depth 1, with fallback) only for documents that have a translation.
    const translated = raw.filter((d) => d[o.titleField]).map((d) => d.id)
    const english = await inChunks(translated, (where) => cms.list(o.collection, o.schema, { ...enRead, where }))
    return {
      de: de as Array<{ id: number }>,
      translations: new Map(raw.map((d) => [d.id, d as Record<string, unknown>])),
      english: new Map((english as Array<{ id: number }>).map((d) => [d.id, d])),
    }
  }

  return {
    name: `cms-${o.collection}`,
    schema: z.object({ de: o.schema, en: o.schema.nullable(), untranslated: z.array(z.string()) }),
    load: async ({ store, meta, parseData, generateDigest, logger }) => {
      const started = Date.now()
      const [current, dependencies] = await Promise.all([manifest(o.collection), manifestsDigest(o.dependsOn)])
      const kept = new Map(store.values().map((entry) => [Number(entry.id), entry.data as Stored]))
      const delta = meta.get('dependencies') === dependencies && kept.size > 0
      const { de, translations, english } = await read(delta ? toRead(o.collection, kept, current) : undefined)
      let parsed = 0
      for (const doc of de) {
        const id = String(doc.id)
        const own = translations.get(Number(id)) ?? {}
        const hasEnglish = Boolean(own[o.titleField])
        const untranslated = o.localized.filter((field) => own[field] === null || own[field] === undefined)
        const data = { de: doc, en: hasEnglish ? (english.get(Number(id)) ?? null) : null, untranslated }
        const digest = generateDigest(JSON.stringify(data))
        if (store.get(id)?.digest === digest) continue
        try {
          store.set({ id, data: await parseData({ id, data }), digest })
        } catch (error) {
          throw new Error(`${describeDocument(o.collection, doc)}: ${(error as Error).message}`)
        }
        parsed++
      }
      const visible = new Set(current.map((d) => d.id))
      const gone = [...kept.keys()].filter((id) => !visible.has(id))
      for (const id of gone) store.delete(String(id))
      meta.set('dependencies', dependencies)
      const how = delta ? `read ${de.length} of ${current.length}` : `read all ${de.length}`
      logger.info(
        `${o.collection}: ${how} documents (${parsed} changed, ${gone.length} gone) in ${Date.now() - started} ms`,
      )
    },
  }
}
