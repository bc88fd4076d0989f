import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook } from 'payload'
import { alertOnPublish } from '../alerts/onPublish.ts'
import { audit } from './audit.ts'
import { queueSiteBuild } from './queueSiteBuild.ts'

type Doc = { id: number; _status?: 'draft' | 'published'; title?: string; name?: string; embargoUntil?: string | null }
const titleOf = (doc: Doc) => doc.title ?? doc.name ?? `#${doc.id}`

/**
 * After every save of editorial content: if what the public sees changed, queue a site build and
 * log publishing and unpublishing. A draft saved over a published document changes nothing public.
 */
export const afterChangePublishing: CollectionAfterChangeHook = async ({ doc, previousDoc, req, collection, context }) => {
  if (context.seeding) return doc
  const current = doc as Doc
  const wasPublished = (previousDoc as Doc | undefined)?._status === 'published'
  const isPublished = current._status === 'published'
  if (!isPublished && !wasPublished) return doc
  if (!isPublished) {
    const stored = await req.payload.db.findOne<Doc>({ collection: collection.slug, where: { id: { equals: current.id } }, req })
    if (stored?._status === 'published') return doc
  }
  const title = titleOf(current)
  const change = !wasPublished ? 'veröffentlicht' : isPublished ? 'geändert' : 'zurückgezogen'
  await queueSiteBuild(req, { collection: collection.slug, documentId: current.id, title, change })
  if (wasPublished !== isPublished) {
    await audit(req, { action: isPublished ? 'publish' : 'unpublish', collection: collection.slug, documentId: current.id, title })
  }
  if (isPublished) await alertOnPublish(req, collection.slug, current.id, wasPublished)
  // The API shows an embargoed release from its minute on; a build must follow at that minute.
  if (isPublished && current.embargoUntil && new Date(current.embargoUntil) > new Date()) {
    await queueSiteBuild(req, { collection: collection.slug, documentId: current.id, title, change: 'Sperrfrist endet' }, new Date(current.embargoUntil))
  }
  return doc
}

export const afterDeletePublishing: CollectionAfterDeleteHook = async ({ doc, req, collection }) => {
  const current = doc as Doc
  if (current._status !== 'published') return doc
  await queueSiteBuild(req, { collection: collection.slug, documentId: current.id, title: titleOf(current), change: 'gelöscht' })
  await audit(req, { action: 'delete', collection: collection.slug, documentId: current.id, title: titleOf(current) })
  return doc
}

export const afterSettingsChange: GlobalAfterChangeHook = async ({ doc, req, global, context }) => {
  if (!context.seeding) await queueSiteBuild(req, { collection: global.slug, change: 'Einstellungen geändert' })
  return doc
}

/** Editorial collections get these hooks. */
export const publishingHooks = { afterChange: [afterChangePublishing], afterDelete: [afterDeletePublishing] }
