import { createHash } from 'node:crypto'
import type { ManifestEntry } from '@masterplan/shared'
import { cms } from './cms.ts'

const cache = new Map<string, Promise<ManifestEntry[]>>()

/** Id and updatedAt of every public document of a collection, read once per build and shared by the loaders. */
export const manifest = (collection: string) => {
  if (!cache.has(collection)) cache.set(collection, cms.manifest(collection))
  return cache.get(collection)!
}

/** One digest of several collections' manifests: it changes when any of their documents changed, appeared or went. */
export async function manifestsDigest(collections: readonly string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const collection of collections) hash.update(collection).update(JSON.stringify(await manifest(collection)))
  return hash.digest('base64url')
}

/**
 * Ids of documents that link, in rich text, to a document of `collection` in `ids`, whether the
 * link was populated (the target was public) or only an id (it was not). Such a document shows the
 * target's address, so it must be read again when the target changes, appears or goes.
 */
export function linksTo(doc: unknown, collection: string, ids: ReadonlySet<number>): boolean {
  if (Array.isArray(doc)) return doc.some((item) => linksTo(item, collection, ids))
  if (!doc || typeof doc !== 'object') return false
  const node = doc as Record<string, unknown>
  if (node.relationTo === collection) {
    const value = node.value
    const id = typeof value === 'number' ? value : (value as { id?: unknown } | null)?.id
    if (typeof id === 'number' && ids.has(id)) return true
  }
  return Object.values(node).some((value) => linksTo(value, collection, ids))
}
