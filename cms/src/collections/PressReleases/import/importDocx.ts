import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { createImages, removeWrittenFiles } from './images.ts'
import { loadPartners } from './issuers.ts'
import { type Notice, noticeText } from './notices.ts'
import { ImportRefused } from './importRefused.ts'
import type { WordReading } from './readWordFile.ts'
import { readInWorker, type WorkerLimits } from './runInWorker.ts'
import { explainSaveError } from './saveError.ts'
import { duplicateNotice, freeSlug } from './slugs.ts'
import type { Media } from '../../../payload-types.ts'

export type ImportResult = { id: number; title: string; notices: Notice[] }

/**
 * A draft press release from a Word file. The file is read in a worker thread and everything is
 * checked before the first write; the pictures and the draft are then written in one
 * transaction, so a failure leaves nothing.
 */
export async function importDocx(
  req: PayloadRequest,
  file: { name: string; bytes: Uint8Array },
  limits?: WorkerLimits,
): Promise<ImportResult> {
  const partners = await loadPartners(req)
  const reading = await readInWorker({ bytes: file.bytes, filename: file.name, partners }, limits)
  const images = reading.images.map((image) => ({
    ...image,
    data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  }))
  // Two imports of one file at the same moment pick the same free slug; the later one tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeDraft(req, { ...reading, images, notices: [...reading.notices] })
    } catch (error) {
      if (!(error instanceof ImportRefused && error.status === 409 && attempt < 3)) throw error
    }
  }
}

/** The pictures and the draft, in one transaction: a failure leaves neither rows nor files. */
async function writeDraft(req: PayloadRequest, reading: WordReading): Promise<ImportResult> {
  const { notices, title, images } = reading
  const shouldCommit = await initTransaction(req)
  const written: Media[] = []
  try {
    const { slug, existing } = await freeSlug(req, title)
    if (existing) notices.unshift(duplicateNotice(existing, slug))
    const imageRows = await createImages(req, images, reading.placed, slug, notices, written)
    const draft = await req.payload
      .create({
        collection: 'press-releases',
        draft: true,
        locale: 'de',
        data: {
          _status: 'draft',
          title,
          subtitle: reading.subtitle,
          slug,
          releaseDate: reading.releaseDate,
          embargoUntil: reading.embargoUntil,
          issuers: reading.issuers,
          contacts: reading.contacts.map(({ name, office, phone, email }) => ({
            name: name!,
            office,
            phone,
            email: email!,
          })),
          lead: reading.lead!,
          body: reading.body as never,
          background: reading.background as never,
          images: imageRows,
          importNotes: notices.length ? noticeText(notices) : null,
        },
        overrideAccess: false,
        user: req.user,
        req,
      })
      .catch((error: unknown) => {
        throw explainSaveError(error, req)
      })
    if (shouldCommit) await commitTransaction(req)
    return { id: draft.id, title, notices }
  } catch (error) {
    await killTransaction(req)
    // The import's own failure is what the caller must hear about, not a file that would not go.
    await removeWrittenFiles(req, written).catch((cleanup) =>
      req.payload.logger.error({ err: cleanup, msg: 'Word-Import: Bilddateien nicht entfernt' }),
    )
    throw error
  }
}
