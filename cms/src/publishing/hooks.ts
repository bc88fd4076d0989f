import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook } from 'payload'
import { alertOnPublish } from '../alerts/onPublish.ts'
import type { EditorialDoc } from '../collections/editorialSlugs.ts'
import { audit } from './audit.ts'
import { queueSiteBuild } from '../siteBuild/queue.ts'

// A draft is saved unvalidated, so even a required title may be missing.
const titleOf = (doc: EditorialDoc) => ('name' in doc ? doc.name : doc.title) ?? `#${doc.id}`

/**
 * After every save of editorial content: if what the public sees changed, queue a site build and
 * log publishing and unpublishing. A draft saved over a published document changes nothing public.
 */
export const afterChangePublishing: CollectionAfterChangeHook<EditorialDoc> = async ({
  doc,
  previousDoc,
  req,
  collection,
  context,
}) => {
  if (context.seeding) return doc
  const wasPublished = previousDoc?._status === 'published'
  const isPublished = doc._status === 'published'
  if (!isPublished && !wasPublished) return doc
  if (!isPublished) {
    const stored = await req.payload.db.findOne<EditorialDoc>({
      collection: collection.slug,
      where: { id: { equals: doc.id } },
      req,
    })
    if (stored?._status === 'published') return doc
  }
  const title = titleOf(doc)
  const change = !wasPublished ? 'veröffentlicht' : isPublished ? 'geändert' : 'zurückgezogen'
  await queueSiteBuild(req, { collection: collection.slug, documentId: doc.id, title, change })
  if (wasPublished !== isPublished) {
    await audit(req, {
      action: isPublished ? 'publish' : 'unpublish',
      collection: collection.slug,
      documentId: doc.id,
      title,
    })
  }
  if (isPublished) await alertOnPublish(req, collection.slug, doc.id, wasPublished)
  // The API shows an embargoed release from its minute on; a build must follow at that minute.
  const embargoUntil = 'embargoUntil' in doc ? doc.embargoUntil : null
  if (isPublished && embargoUntil && new Date(embargoUntil) > new Date()) {
    await queueSiteBuild(
      req,
      { collection: collection.slug, documentId: doc.id, title, change: 'Sperrfrist endet' },
      { at: new Date(embargoUntil) },
    )
  }
  return doc
}

export const afterDeletePublishing: CollectionAfterDeleteHook<EditorialDoc> = async ({ doc, req, collection }) => {
  if (doc._status !== 'published') return doc
  await queueSiteBuild(req, {
    collection: collection.slug,
    documentId: doc.id,
    title: titleOf(doc),
    change: 'gelöscht',
  })
  await audit(req, { action: 'delete', collection: collection.slug, documentId: doc.id, title: titleOf(doc) })
  return doc
}

export const afterSettingsChange: GlobalAfterChangeHook = async ({ doc, req, global, context }) => {
  if (!context.seeding) await queueSiteBuild(req, { collection: global.slug, change: 'Einstellungen geändert' })
  return doc
}

/** Editorial collections get these hooks. */
export const publishingHooks = { afterChange: [afterChangePublishing], afterDelete: [afterDeletePublishing] }
