import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { type CmsClient, CmsError, describeDocument, describeIssues, type ListOptions } from './client.ts'

/** The key a list request is stored under in a dump. */
export const dumpKey = (collection: string, o: Pick<ListOptions, 'locale' | 'fallbackLocale'>) =>
  `${collection}|${o.locale}|${o.fallbackLocale ?? 'default'}`

export type Dump = { lists: Record<string, unknown[]>; globals: Record<string, unknown> }

/**
 * A client over a JSON dump of the API instead of HTTP, with the same validation: the benchmark's
 * baseline, which shows what reading the live API costs a build.
 */
export function createDumpClient(file: string): CmsClient {
  const dump = JSON.parse(readFileSync(file, 'utf8')) as Dump
  const check = <T extends z.ZodType>(collection: string, schema: T, doc: unknown): z.infer<T> => {
    const result = schema.safeParse(doc)
    if (!result.success) throw new CmsError(`${describeDocument(collection, doc)} breaks the contract: ${describeIssues(result.error)}`)
    return result.data
  }
  return {
    async list(collection, schema, o) {
      const docs = dump.lists[dumpKey(collection, o)]
      if (!docs) throw new CmsError(`${collection}: not in the dump`)
      return docs.map((doc) => check(collection, schema, doc))
    },
    async global(slug, schema, o) {
      return check(`global ${slug}`, schema, dump.globals[`${slug}|${o.locale}`])
    },
  }
}
