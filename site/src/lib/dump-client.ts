import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { type CmsClient, CmsError, describeDocument, describeIssues, type ListOptions } from '@masterplan/shared'

/** The key a list request is stored under in a dump. */
export const dumpKey = (collection: string, o: Pick<ListOptions, 'locale' | 'fallbackLocale'>) =>
  `${collection}|${o.locale}|${o.fallbackLocale ?? 'default'}`

export type Dump = { lists: Record<string, unknown[]>; globals: Record<string, unknown> }

type Doc = { id: number; updatedAt?: string }

/**
 * The filters the site build uses: `{ id: { in: '1,2,3' } }` and `{ field: { exists: true } }`,
 * alone or together. Anything else is refused, not ignored.
 */
function filter(where: ListOptions['where']): (doc: Doc) => boolean {
  const tests = Object.entries(where ?? {}).map(([field, condition]): ((doc: Doc) => boolean) => {
    const { in: ids, exists, ...rest } = (condition ?? {}) as { in?: unknown; exists?: unknown }
    if (field === 'id' && typeof ids === 'string' && exists === undefined && Object.keys(rest).length === 0) {
      const wanted = new Set(ids.split(',').map(Number))
      return (doc) => wanted.has(doc.id)
    }
    if (exists === true && ids === undefined && Object.keys(rest).length === 0)
      return (doc) => (doc as Record<string, unknown>)[field] != null
    throw new CmsError(
      `the dump client reads only { id: { in } } and { field: { exists: true } }, not ${JSON.stringify(where)}`,
    )
  })
  return (doc) => tests.every((test) => test(doc))
}

/**
 * A client over a JSON dump of the API instead of HTTP, with the same validation: the benchmark's
 * baseline, which shows what reading the live API costs a build.
 */
export function createDumpClient(file: string): CmsClient {
  const dump = JSON.parse(readFileSync(file, 'utf8')) as Dump
  const check = <T extends z.ZodType>(collection: string, schema: T, doc: unknown): z.infer<T> => {
    const result = schema.safeParse(doc)
    if (!result.success)
      throw new CmsError(`${describeDocument(collection, doc)} breaks the contract: ${describeIssues(result.error)}`)
    return result.data
  }
  const docs = (collection: string, o: Pick<ListOptions, 'locale' | 'fallbackLocale'>) => {
    const found = dump.lists[dumpKey(collection, o)] as Doc[] | undefined
    if (!found) throw new CmsError(`${collection}: not in the dump`)
    return found
  }
  return {
    async list(collection, schema, o) {
      return docs(collection, o)
        .filter(filter(o.where))
        .map((doc) => check(collection, schema, doc))
    },
    async manifest(collection) {
      return docs(collection, { locale: 'de' }).map(({ id, updatedAt }) => ({ id, updatedAt: updatedAt ?? '' }))
    },
    async global(slug, schema, o) {
      return check(`global ${slug}`, schema, dump.globals[`${slug}|${o.locale}`])
    },
  }
}
