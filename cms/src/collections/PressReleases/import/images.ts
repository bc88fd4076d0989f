import type { PayloadRequest } from 'payload'
import { excerpt, type Notice, notice } from './notices.ts'
import { ALT_PLACEHOLDER, CREDIT_PLACEHOLDER } from './placeholders.ts'
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
    const media = await req.payload.create({
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
