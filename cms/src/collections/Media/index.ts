import type { CollectionConfig } from 'payload'
import { DEFAULT_USAGE_TERMS, MEDIA_MIME_TYPES, USAGE_TERMS_MAX_LENGTH } from '@masterplan/shared'
import { roles } from '../../access/index.ts'
import { readEnv } from '../../lib/env.ts'
import { label } from '../../lib/label.ts'
import { refuseDeleteWhileRequired } from '../../publishing/requiredReferences.ts'
import { adminGroups } from '../groups.ts'
import { readMedia } from './access.ts'
import { nameFileAfterContent } from './hooks/nameFileAfterContent.ts'
import { refuseImageFlood } from './hooks/refuseImageFlood.ts'
import { refuseMisnamedFile } from './hooks/refuseMisnamedFile.ts'

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: label('Medium', 'Media file'), plural: label('Medien', 'Media') },
  admin: { useAsTitle: 'alt', defaultColumns: ['filename', 'alt', 'credit', 'mimeType'], group: adminGroups.content },
  access: {
    read: readMedia,
    create: roles('press', 'editor'),
    update: roles('press', 'editor'),
    delete: roles('press', 'editor'),
  },
  hooks: {
    beforeOperation: [nameFileAfterContent, refuseImageFlood],
    beforeChange: [refuseMisnamedFile],
    beforeDelete: [refuseDeleteWhileRequired()],
  },
  upload: {
    staticDir: readEnv().MEDIA_DIR,
    // SVG is not on the list: it can carry script, and nothing on the site needs it.
    mimeTypes: [...MEDIA_MIME_TYPES],
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', width: 400 },
      { name: 'medium', width: 800 },
      { name: 'large', width: 1600, withoutEnlargement: true },
      // Open Graph / social card size.
      { name: 'og', width: 1200, height: 630, position: 'centre' },
    ],
    adminThumbnail: 'thumbnail',
    modifyResponseHeaders: ({ headers }) => {
      // Site builds keep an image cache; this lets them reuse a download for an hour instead of fetching
      // every image again (not immutable: a replaced file can keep its name).
      headers.set('Cache-Control', 'public, max-age=3600')
      // Staff may read files the public may not: a shared cache must not hand a signed-in answer to others.
      headers.set('Vary', 'Authorization, Cookie')
      // The Content-Type is detected from the bytes; browsers must not second-guess it into HTML.
      headers.set('X-Content-Type-Options', 'nosniff')
      return headers
    },
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      localized: true,
      label: label('Alternativtext', 'Alt text'),
      admin: {
        description: label(
          'Beschreibt das Bild für Menschen, die es nicht sehen.',
          'Describes the image for people who cannot see it.',
        ),
      },
    },
    {
      name: 'credit',
      type: 'text',
      required: true,
      label: label('Bildnachweis / Lizenz', 'Credit / licence'),
      admin: { description: label('z. B. „Foto: SMIL, CC BY 4.0“', 'e.g. "Photo: SMIL, CC BY 4.0"') },
    },
    {
      // Empty means the standard terms, in each language: a default stored on upload would be German
      // only and fall back into English. The site shows them beside a press photo's download and
      // writes them, with the credit, into the downloaded file.
      name: 'usageTerms',
      type: 'textarea',
      localized: true,
      maxLength: USAGE_TERMS_MAX_LENGTH,
      label: label('Nutzungsbedingungen', 'Terms of use'),
      admin: {
        description: label(
          `Stehen auf der Website neben dem Download des Fotos in Druckqualität und in der Datei selbst. Leer: „${DEFAULT_USAGE_TERMS.de}“.`,
          `Shown on the website beside the download of the photo in print quality and written into the file. Empty: "${DEFAULT_USAGE_TERMS.en}".`,
        ),
      },
    },
  ],
}
