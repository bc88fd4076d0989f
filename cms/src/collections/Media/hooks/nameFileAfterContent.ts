import { open } from 'node:fs/promises'
import { type CollectionBeforeOperationHook, type File, ValidationError } from 'payload'
import { MEDIA_MIME_TYPES } from '@masterplan/shared'
import { detectFileType, HEAD_BYTES, nameForType } from '../fileTypes.ts'

async function headOf(file: File): Promise<Uint8Array> {
  if (file.data?.length || !file.tempFilePath) return (file.data ?? Buffer.alloc(0)).subarray(0, HEAD_BYTES)
  const handle = await open(file.tempFilePath)
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * A file's name and type are the uploader's claim; its bytes are the fact. Payload keeps the
 * claimed extension (a JPEG called `.html` is stored as `.html` and a static host serves it as
 * HTML), so the name and type are set from the content before Payload stores anything. Renaming
 * rather than refusing: editors' files are often misnamed (`.png` exports that are JPEGs), and once
 * name and type follow the bytes a wrong claim can do no harm.
 */
export const nameFileAfterContent: CollectionBeforeOperationHook = async ({ operation, req }) => {
  const { file } = req
  if (!file || (operation !== 'create' && operation !== 'update')) return
  const type = detectFileType(await headOf(file))
  if (!type) {
    throw new ValidationError({
      collection: 'media',
      errors: [
        {
          path: 'file',
          message: `Dateiinhalt ist keiner der erlaubten Typen / file content is none of ${MEDIA_MIME_TYPES.join(', ')}`,
        },
      ],
    })
  }
  file.name = nameForType(file.name, type)
  file.mimetype = type.mime
}
