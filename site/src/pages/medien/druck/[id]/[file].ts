import { readFile } from 'node:fs/promises'
import type { APIRoute } from 'astro'
import { withCacheKeys } from '../../../../lib/cache-key.ts'
import { releasePagesWithPdfs } from '../../../../lib/pdf.ts'
import { type PressPhoto, pressPhotoFile, pressPhotoFiles } from '../../../../lib/press-photos.ts'

/**
 * The press photos of published releases in print quality (lib/press-photos.ts), served from the
 * site itself: /medien/druck/<upload id>/<name>.jpg. A release under embargo is not among the
 * published ones, so its photos are not here before it is.
 */
export const getStaticPaths = async () =>
  withCacheKeys(
    pressPhotoFiles(await releasePagesWithPdfs()).map((photo) => {
      const [id, file] = photo.path.split('/').slice(-2).map(decodeURIComponent)
      return { params: { id, file }, props: { photo } }
    }),
  )

export const GET: APIRoute = async ({ props }) =>
  new Response(await readFile(pressPhotoFile((props as { photo: PressPhoto }).photo)))
