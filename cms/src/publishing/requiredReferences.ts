import {
  APIError,
  type CollectionBeforeDeleteHook,
  type FlattenedField,
  type PayloadRequest,
  type SanitizedCollectionConfig,
  type Where,
} from 'payload'
import { type EditorialSlug, isEditorialSlug } from '../collections/editorialSlugs.ts'

type Dependent = { collection: SanitizedCollectionConfig; slug: EditorialSlug; paths: string[] }
type Holder = { collection: SanitizedCollectionConfig; id: number | string; title: string }

const LISTED = 10

/** Named, so payload.config's `loggingLevels` can log these refusals as info instead of error. */
export class StillRequiredError extends APIError {
  constructor(message: string) {
    super(message, 409)
    this.name = 'StillRequiredError'
  }
}

/**
 * Refuses to delete a document that a published (or scheduled) document requires, e.g. a partner
 * issuing a press release or an image shown in one. Deleting it would quietly remove the reference
 * from the release and its versions, and every site build after that would fail on the release.
 * The requiring fields are read from the config, so a new required relation is covered too.
 */
export const refuseDeleteWhileRequired =
  (): CollectionBeforeDeleteHook =>
  async ({ collection, id, req }) => {
    const holders: Holder[] = []
    for (const dependent of dependentsOf(req, collection.slug)) {
      holders.push(...(await holdersIn(req, dependent, id)))
    }
    if (holders.length === 0) return
    const listed = holders.slice(0, LISTED)
    const more = holders.length - listed.length
    const list = (locale: 'de' | 'en') =>
      listed.map((holder) => describe(holder, locale)).join(', ') +
      (more > 0 ? (locale === 'de' ? ` und ${more} weitere` : ` and ${more} more`) : '')
    throw new StillRequiredError(
      `Kann nicht gelöscht werden, solange veröffentlichte oder zur Veröffentlichung geplante Dokumente es benötigen: ${list('de')}. ` +
        `Bitte dort zuerst ersetzen oder entfernen. / Cannot be deleted while published or scheduled documents require it: ${list('en')}. ` +
        'Replace or remove it there first.',
    )
  }

/** Collections that are published to the site, with their required fields pointing at `target`. */
function dependentsOf(req: PayloadRequest, target: string): Dependent[] {
  return req.payload.config.collections.flatMap((collection) => {
    const { slug } = collection
    if (!isEditorialSlug(slug)) return []
    const paths = requiredPaths(collection.flattenedFields, target, '')
    return paths.length > 0 ? [{ collection, slug, paths }] : []
  })
}

/** Query paths (e.g. 'issuers', 'images.image') of required relations to `target`, at any depth. */
function requiredPaths(fields: FlattenedField[], target: string, prefix: string): string[] {
  return fields.flatMap((field): string[] => {
    const path = `${prefix}${field.name}`
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        // Relations to several collections store { relationTo, value } and would need their own
        // query; the editorial collections have none.
        if (Array.isArray(field.relationTo) || field.relationTo !== target) return []
        const minRows = 'minRows' in field ? (field.minRows ?? 0) : 0
        return field.required || minRows > 0 ? [path] : []
      }
      case 'array':
      case 'group':
      case 'tab':
        return requiredPaths(field.flattenedFields, target, `${path}.`)
      case 'blocks':
        return field.blocks.flatMap((block) => requiredPaths(block.flattenedFields, target, `${path}.`))
      default:
        return []
    }
  })
}

async function holdersIn(
  req: PayloadRequest,
  { collection, slug, paths }: Dependent,
  id: number | string,
): Promise<Holder[]> {
  const refersTo: Where = { or: paths.map((path) => ({ [path]: { equals: id } })) }
  const common = { collection: slug, depth: 0, pagination: false, overrideAccess: true, req } as const

  // Without `draft`, Payload reads the main table, which holds the published state.
  const published = await req.payload.find({
    ...common,
    where: { and: [{ _status: { equals: 'published' } }, refersTo] },
  })
  const scheduled = await scheduledForPublishing(req, slug)
  const planned = scheduled.length
    ? // With `draft`, the latest version: the one the schedule will publish.
      await req.payload.find({ ...common, draft: true, where: { and: [{ id: { in: scheduled } }, refersTo] } })
    : { docs: [] }

  // A published document may be scheduled as well; name it once.
  const byId = new Map([...published.docs, ...planned.docs].map((doc) => [String(doc.id), doc]))
  return [...byId.values()].map((doc) => ({ collection, id: doc.id, title: titleOf(collection, doc) }))
}

/** Ids of documents with a pending scheduled publish (Payload's schedulePublish jobs). */
async function scheduledForPublishing(req: PayloadRequest, collection: string): Promise<Array<number | string>> {
  const jobs = await req.payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }] },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return jobs.docs.flatMap((job) => {
    const input = job.input as { type?: string; doc?: { relationTo?: string; value?: number | string } } | undefined
    return input?.type !== 'unpublish' && input?.doc?.relationTo === collection && input.doc.value !== undefined
      ? [input.doc.value]
      : []
  })
}

function titleOf(collection: SanitizedCollectionConfig, doc: { id: number | string }): string {
  const title: unknown = (doc as Record<string, unknown>)[collection.admin?.useAsTitle ?? 'id']
  return typeof title === 'string' && title.trim() ? title : `#${String(doc.id)}`
}

function describe(holder: Holder, locale: 'de' | 'en'): string {
  const singular = holder.collection.labels?.singular
  const name =
    typeof singular === 'object' && singular !== null && locale in singular
      ? String((singular as Record<string, unknown>)[locale])
      : holder.collection.slug
  return locale === 'de' ? `${name} „${holder.title}“ (id ${holder.id})` : `${name} "${holder.title}" (id ${holder.id})`
}
