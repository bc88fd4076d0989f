import type { Access, PayloadRequest, Where } from 'payload'
import { publicMediaIds } from './publicMedia.ts'

/** The list, once per request: populating a page of releases asks for media access per batch. */
const listPerRequest = new WeakMap<PayloadRequest, Promise<number[]>>()

/** The upload a file download asks for, by its own file name or one of its image sizes'. */
async function uploadOfFile(req: PayloadRequest, filename: string): Promise<number | undefined> {
  const sizes = req.payload.collections.media.config.upload.imageSizes ?? []
  const where: Where = {
    or: [
      { filename: { equals: filename } },
      ...sizes.map(({ name }) => ({ [`sizes.${name}.filename`]: { equals: filename } })),
    ],
  }
  const doc = await req.payload.db.findOne<{ id: number }>({ collection: 'media', req, where, select: { id: true } })
  return doc?.id
}

/**
 * Staff read every upload. The public reads an upload (its document, its file and its image
 * sizes' files) only while a document the public can see uses it. Computed at request time, so a
 * release's images become readable at its embargo minute and private again when it is unpublished,
 * without anyone saving the upload. A by-id read or a download asks about one upload, so only that
 * one is looked up.
 */
export const readMedia: Access = async ({ req, id, data, isReadingStaticFile }) => {
  if (req.user) return true
  if (id !== undefined || isReadingStaticFile) {
    const only =
      id !== undefined ? Number(id) : await uploadOfFile(req, String((data as { filename?: unknown })?.filename))
    return { id: { in: only === undefined || Number.isNaN(only) ? [] : await publicMediaIds(req, only) } }
  }
  let ids = listPerRequest.get(req)
  if (!ids) {
    ids = publicMediaIds(req)
    listPerRequest.set(req, ids)
  }
  return { id: { in: await ids } }
}
