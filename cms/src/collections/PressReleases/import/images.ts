import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { PayloadRequest } from 'payload'
import type { Media } from '../../../payload-types.ts'
import { checkImagePixels } from '../../Media/pixelLimit.ts'
import { excerpt, type Notice, notice } from './notices.ts'
import { ALT_PLACEHOLDER, CREDIT_PLACEHOLDER } from './placeholders.ts'
import { explainSaveError } from './saveError.ts'
import type { WordImage } from './toHtml.ts'

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
}

/**
 * Each picture of the Word file as a media document with placeholder alt text and credit, in the
 * request's transaction. Formats the site cannot show (EMF, GIF, TIFF, …) are reported, not stored.
 */
export async function createImages(
  req: PayloadRequest,
  images: WordImage[],
  placed: { index: number; caption?: string }[],
  stem: string,
  notices: Notice[],
  /** Filled with every media document written, so a failure later can remove their files. */
  written: Media[],
): Promise<{ image: number; caption?: string }[]> {
  const created: { image: number; caption?: string }[] = []
  for (const { index, caption } of placed) {
    const image = images[index]
    if (!image) continue
    const extension = EXTENSIONS[image.contentType]
    const number = index + 1
    if (!extension) {
      notices.push(
        notice(
          'image',
          `Bild ${number} (${image.contentType}) nicht übernommen: nur JPEG, PNG, WebP und AVIF; bitte in einem davon hochladen`,
          `image ${number} (${image.contentType}) not imported: only JPEG, PNG, WebP and AVIF`,
        ),
      )
      continue
    }
    // Read from the header only: a picture claiming more pixels than the media limit is not decoded.
    const tooLarge = await checkImagePixels(image.data)
    if (tooLarge) {
      notices.push(
        notice(
          'image',
          `Bild ${number} nicht übernommen: ${tooLarge.message.split(' / ')[0]}`,
          `image ${number} not imported: ${tooLarge.message.split(' / ')[1] ?? ''}`,
        ),
      )
      continue
    }
    const media = await req.payload
      .create({
        collection: 'media',
        data: { alt: ALT_PLACEHOLDER, credit: CREDIT_PLACEHOLDER },
        file: {
          data: image.data,
          mimetype: image.contentType,
          name: `${stem}-bild-${number}.${extension}`,
          size: image.data.length,
        },
        locale: 'de',
        overrideAccess: false,
        user: req.user,
        req,
      })
      .catch((error: unknown) => {
        throw explainSaveError(error, req, 'media')
      })
    written.push(media)
    created.push({ image: media.id, caption })
    const suggestion = image.altText ? ` Word-Beschreibung zum Prüfen: „${excerpt(image.altText)}“.` : ''
    notices.push(
      notice(
        'image',
        `Bild ${number} als Medium #${media.id} angelegt; vor dem Veröffentlichen Alternativtext und Bildnachweis eintragen.${suggestion}`,
        `image ${number} stored as media #${media.id}; add alt text and credit before publishing`,
      ),
    )
  }
  return created
}

/**
 * A rolled-back transaction takes the media rows with it but not the files Payload already wrote to
 * the media folder; these go too. (With S3 storage the objects stay: the plugin deletes them only
 * on a delete, and an orphan there is unreachable through the API.)
 */
export async function removeWrittenFiles(req: PayloadRequest, written: Media[]): Promise<void> {
  const upload = req.payload.collections.media.config.upload
  if (!upload.staticDir || upload.disableLocalStorage) return
  const names = written.flatMap((media) => [
    media.filename,
    ...Object.values(media.sizes ?? {}).map((size) => size?.filename),
  ])
  for (const name of names) {
    if (name) await rm(path.join(upload.staticDir, path.basename(name)), { force: true })
  }
}
