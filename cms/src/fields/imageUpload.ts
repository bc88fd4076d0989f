import type { UploadField } from 'payload'
import { IMAGE_MIME_TYPES } from '@masterplan/shared'

/**
 * An upload the site renders as a picture: only image types may be chosen (a PDF, video or
 * captions file would stop every site build at the image step), checked on save as well.
 */
export const imageUpload = ({
  name,
  label,
  required,
}: Pick<UploadField, 'name' | 'label' | 'required'>): UploadField => ({
  name,
  label,
  required,
  type: 'upload',
  relationTo: 'media',
  filterOptions: { mimeType: { in: [...IMAGE_MIME_TYPES] } },
})
