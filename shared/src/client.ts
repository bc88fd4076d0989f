import { z } from 'zod'
import type { Locale } from './constants.ts'

/** A failure talking to the CMS, or a document that breaks the contract. Stops a site build. */
export class CmsError extends Error {
  override name = 'CmsError'
}

export type ClientOptions = {
  /** Origin of the CMS, e.g. http://localhost:3000 */
  baseUrl: string
  /** Documents per request; the API's default is never relied on. */
  pageSize?: number
  /** Attempts after the first for network errors, 429 and 5xx answers. */
  retries?: number
  /** First back-off delay; doubled on every further attempt. */
  backoffMs?: number
  /** Pages fetched at once after the first. */
  concurrency?: number
  /** Optional request headers, e.g. an Authorization header for previews. */
  headers?: Record<string, string>
  fetch?: typeof fetch
}

export type ListOptions = {
  locale: Locale
  /** `none` reads only what was written in that locale (to find untranslated fields). */
  fallbackLocale?: Locale | 'none'
  depth: number
  sort?: string
  where?: Record<string, unknown>
  /** Only these top-level fields (Payload's `select`), to keep large reads small. */
  select?: string[]
}

type Page = { docs: unknown[]; hasNextPage: boolean; totalDocs: number; page: number }

const manifestEntries = z.array(z.object({ id: z.number(), updatedAt: z.string() }))
export type ManifestEntry = z.infer<typeof manifestEntries>[number]

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Flattens `where` objects into Payload's bracket query syntax. */
function appendWhere(params: URLSearchParams, value: unknown, prefix: string): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) appendWhere(params, inner, `${prefix}[${key}]`)
  } else {
    params.append(prefix, String(value))
  }
}

/** How a document is named in errors: collection, slug and id, so an editor can find it. */
export function describeDocument(collection: string, doc: unknown): string {
  const { id, slug } = (doc ?? {}) as { id?: unknown; slug?: unknown }
  return `${collection}${typeof slug === 'string' ? ` "${slug}"` : ''} (id ${id ?? '?'})`
}

/** Formats zod issues as "field a.b.0: problem" lines. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `field ${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`)
    .join('; ')
}

export function createClient(options: ClientOptions) {
  const { baseUrl, pageSize = 100, concurrency = 4, retries = 3, backoffMs = 250, headers = {} } = options
  const doFetch = options.fetch ?? fetch

  async function getJson(url: URL, what: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        response = await doFetch(url, { headers: { Accept: 'application/json', ...headers } })
      } catch (error) {
        if (attempt < retries) {
          await sleep(backoffMs * 2 ** attempt)
          continue
        }
        throw new CmsError(
          `${what}: the CMS at ${url.origin} cannot be reached (${(error as Error).message}) after ${attempt + 1} attempts`,
        )
      }
      if (response.ok) return response.json()
      if (TRANSIENT.has(response.status) && attempt < retries) {
        await sleep(backoffMs * 2 ** attempt)
        continue
      }
      const body = (await response.text()).slice(0, 300)
      throw new CmsError(`${what}: ${url.pathname}${url.search} answered HTTP ${response.status}: ${body}`)
    }
  }

  function url(path: string, params: Record<string, string | number | undefined>): URL {
    const result = new URL(`/api/${path}`, baseUrl)
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) result.searchParams.set(key, String(value))
    return result
  }

  function validate<T extends z.ZodType>(collection: string, schema: T, doc: unknown): z.infer<T> {
    const result = schema.safeParse(doc)
    if (!result.success) {
      throw new CmsError(`${describeDocument(collection, doc)} breaks the contract: ${describeIssues(result.error)}`)
    }
    return result.data
  }

  return {
    /**
     * Every document of a collection, each checked against `schema`. The first page tells how many
     * there are; the rest are fetched a few at a time, in order.
     */
    async list<T extends z.ZodType>(collection: string, schema: T, o: ListOptions): Promise<Array<z.infer<T>>> {
      const fetchPage = async (page: number): Promise<Page> => {
        const target = url(collection, {
          limit: pageSize,
          page,
          depth: o.depth,
          locale: o.locale,
          'fallback-locale': o.fallbackLocale,
          sort: o.sort,
        })
        if (o.where) appendWhere(target.searchParams, o.where, 'where')
        for (const field of o.select ?? []) target.searchParams.set(`select[${field}]`, 'true')
        const body = (await getJson(target, `${collection} page ${page}`)) as Page
        if (!body || !Array.isArray(body.docs) || typeof body.hasNextPage !== 'boolean') {
          throw new CmsError(`${collection} page ${page}: the answer is not a Payload list`)
        }
        return body
      }
      const first = await fetchPage(1)
      const pages = [first]
      const total = Math.ceil(first.totalDocs / pageSize)
      for (let next = 2; next <= total; next += concurrency) {
        const batch = Array.from({ length: Math.min(concurrency, total - next + 1) }, (_, i) => fetchPage(next + i))
        pages.push(...(await Promise.all(batch)))
      }
      const docs = pages.flatMap((page) => page.docs.map((doc) => validate(collection, schema, doc)))
      if (docs.length !== first.totalDocs) {
        throw new CmsError(`${collection}: read ${docs.length} documents, but the CMS reports ${first.totalDocs}`)
      }
      return docs
    },

    /**
     * The id and last change of every document the reader may see, in one request: what a build
     * compares with the documents it kept from the last one.
     */
    async manifest(collection: string): Promise<ManifestEntry[]> {
      const target = url(collection, {
        pagination: 'false',
        depth: 0,
        locale: 'de',
        sort: 'id',
        'select[updatedAt]': 'true',
      })
      const body = (await getJson(target, `${collection} manifest`)) as { docs?: unknown }
      const parsed = manifestEntries.safeParse(body?.docs)
      if (!parsed.success)
        throw new CmsError(
          `${collection} manifest: the answer is not a list of ids and dates (${describeIssues(parsed.error)})`,
        )
      return parsed.data
    },

    /** A global such as the site settings, checked against `schema`. */
    async global<T extends z.ZodType>(
      slug: string,
      schema: T,
      o: { locale: Locale; depth: number },
    ): Promise<z.infer<T>> {
      const doc = await getJson(url(`globals/${slug}`, { locale: o.locale, depth: o.depth }), `global ${slug}`)
      return validate(`global ${slug}`, schema, doc)
    },
  }
}

export type CmsClient = ReturnType<typeof createClient>
