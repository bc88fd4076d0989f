import { type CollectionBeforeChangeHook, ValidationError } from 'payload'
import type { Media } from '../../../payload-types.ts'
import { fileTypeOf, nameForType } from '../fileTypes.ts'

/**
 * The last check before a file is stored. Files Payload fetches itself (an upload by URL, a
 * duplicate of a document stored before names followed content) never pass `nameFileAfterContent`;
 * those whose name does not fit their detected type are refused rather than stored.
 */
export const refuseMisnamedFile: CollectionBeforeChangeHook<Media> = ({ data, originalDoc }) => {
  const { filename, mimeType } = data
  if (!filename || !mimeType) return data
  if (filename === originalDoc?.filename && mimeType === originalDoc?.mimeType) return data
  const type = fileTypeOf(mimeType)
  if (!type || nameForType(filename, type) !== filename) {
    throw new ValidationError({
      collection: 'media',
      errors: [
        {
          path: 'file',
          message: `Dateiname ${filename} passt nicht zum Inhalt (${mimeType}); bitte neu hochladen / file name does not fit its content, upload it again`,
        },
      ],
    })
  }
  return data
}
