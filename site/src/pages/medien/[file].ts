import type { APIRoute, GetStaticPaths } from 'astro'
import type { Media } from '@masterplan/shared'
import { isMedia, pages, releases } from '../../lib/data.ts'
import { withCacheKeys } from '../../lib/cache-key.ts'
import { cmsFileUrl } from '../../lib/media.ts'

/** `version`: the media document's updatedAt, so a replaced file is fetched again. */
type File = { filename: string; url: string; version: string }

/**
 * Attachments and social-card images of published releases and the videos (with captions) of
 * pages, copied into the static site so that readers never fetch anything from the CMS (or any
 * other host).
 */
export const getStaticPaths: GetStaticPaths = async () => {
  const files = new Map<string, File>()
  for (const { doc } of await releases('de')) {
    for (const attachment of doc.attachments ?? [])
      if (isMedia(attachment))
        files.set(attachment.filename, {
          filename: attachment.filename,
          url: attachment.url,
          version: attachment.updatedAt,
        })
    for (const { image } of doc.images ?? []) {
      const og = isMedia(image) ? image.sizes?.og : null
      if (og?.filename && og.url)
        files.set(og.filename, { filename: og.filename, url: og.url, version: (image as Media).updatedAt })
    }
  }
  for (const { doc } of await pages('de'))
    for (const { video, captions } of doc.videos ?? [])
      for (const file of [video, captions])
        files.set(file.filename, { filename: file.filename, url: file.url, version: file.updatedAt })
  return withCacheKeys([...files.values()].map((file) => ({ params: { file: file.filename }, props: { file } })))
}

export const GET: APIRoute = async ({ props }) => {
  const { file } = props as { file: File }
  const response = await fetch(cmsFileUrl(file.url))
  if (!response.ok) throw new Error(`media file ${file.filename}: the CMS answered HTTP ${response.status}`)
  return new Response(await response.arrayBuffer())
}
