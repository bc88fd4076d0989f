import { type CollectionBeforeOperationHook, ValidationError } from 'payload'
import { IMAGE_MIME_TYPES } from '@masterplan/shared'
import { checkImagePixels } from '../pixelLimit.ts'

const images: readonly string[] = IMAGE_MIME_TYPES

/**
 * An image is refused by its header's pixel count before Payload decodes it for its sizes. Runs
 * after nameFileAfterContent, so the type is the one the bytes say.
 */
export const refuseImageFlood: CollectionBeforeOperationHook = async ({ collection, operation, req }) => {
  const { file } = req
  if (!file || (operation !== 'create' && operation !== 'update') || !images.includes(file.mimetype)) return
  const input = file.data?.length ? file.data : file.tempFilePath
  if (!input) return
  const problem = await checkImagePixels(input)
  if (problem)
    throw new ValidationError({ collection: collection.slug, errors: [{ path: 'file', message: problem.message }] })
}
