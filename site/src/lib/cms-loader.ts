import type { Loader } from 'astro/loaders'
import { z } from 'zod'
import { describeDocument } from '@masterplan/shared'
import { cms } from './cms.ts'
import { readsOf } from './collections.ts'

type Options<T extends z.ZodType> = {
  collection: string
  schema: T
  depth: number
  /** Localized fields: those left empty in English fall back to German and are marked lang="de". */
  localized: readonly string[]
  /** The field that must be translated for a document to count as having an English version. */
  titleField: string
}

/** Ids per English request, so the query string stays short. */
const ID_CHUNK = 200

export type Localized<T> = { de: T; en: T | null; untranslated: string[] }

/**
 * Loads a CMS collection in both locales into Astro's content store. Each entry keeps the German
 * document, the English one (where a translation exists) and which English fields fell back to German.
 * Entries whose digest is unchanged since the last build are not parsed again.
 */
export function cmsLoader<T extends z.ZodType>(o: Options<T>): Loader {
  return {
    name: `cms-${o.collection}`,
    schema: z.object({ de: o.schema, en: o.schema.nullable(), untranslated: z.array(z.string()) }),
    load: async ({ store, parseData, generateDigest, logger }) => {
      const started = Date.now()
      const [deRead, enRead, rawRead] = readsOf(o)
      const [de, raw] = await Promise.all([
        cms.list(o.collection, o.schema, deRead),
        cms.list(o.collection, z.looseObject({ id: z.number() }), { ...rawRead, select: [...rawRead.select] }),
      ])
      const translations = new Map(raw.map((d) => [d.id, d as Record<string, unknown>]))
      // The full English read (depth 1, with fallback) only for documents that have a translation.
      const translatedIds = raw.filter((d) => (d as Record<string, unknown>)[o.titleField]).map((d) => d.id)
      const english = new Map<number, unknown>()
      for (let i = 0; i < translatedIds.length; i += ID_CHUNK) {
        const where = { id: { in: translatedIds.slice(i, i + ID_CHUNK).join(',') } }
        for (const doc of await cms.list(o.collection, o.schema, { ...enRead, where })) english.set((doc as { id: number }).id, doc)
      }
      const seen = new Set<string>()
      let parsed = 0
      for (const doc of de) {
        const id = String((doc as { id: number }).id)
        seen.add(id)
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
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id)
      logger.info(`${o.collection}: ${de.length} documents (${parsed} changed) in ${Date.now() - started} ms`)
    },
  }
}
