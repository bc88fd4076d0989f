import { CAPTION_MIME_TYPES, isReservedPageSlug, VIDEO_MIME_TYPES } from '@masterplan/shared'
import { richTextField } from '../../fields/richText.ts'
import { slugField } from '../../fields/slug.ts'
import { titleField } from '../../fields/title.ts'
import { label } from '../../lib/label.ts'
import { editorialCollection } from '../editorial.ts'

/** Standing pages: about, legal notice, privacy, accessibility, easy language, sign language. */
export const Pages = editorialCollection({
  slug: 'pages',
  writers: 'editor',
  labels: { singular: label('Seite', 'Page'), plural: label('Seiten', 'Pages') },
  admin: { defaultColumns: ['title', 'slug', 'placeholder', 'reviewNote', '_status'] },
  fields: [
    titleField(),
    slugField('title', { reserved: isReservedPageSlug }),
    { name: 'summary', type: 'textarea', localized: true, label: label('Kurzbeschreibung', 'Summary') },
    richTextField({ name: 'content', required: true, localized: true, label: label('Inhalt', 'Content') }),
    {
      // Played by the browser's own <video> on the site; a video without captions is not accessible.
      name: 'videos',
      type: 'array',
      label: label('Videos', 'Videos'),
      labels: { singular: label('Video', 'Video'), plural: label('Videos', 'Videos') },
      fields: [
        { name: 'title', type: 'text', required: true, localized: true, label: label('Titel', 'Title') },
        {
          name: 'video',
          type: 'upload',
          relationTo: 'media',
          required: true,
          filterOptions: { mimeType: { in: [...VIDEO_MIME_TYPES] } },
          label: label('Videodatei (MP4 oder WebM)', 'Video file (MP4 or WebM)'),
        },
        {
          name: 'captions',
          type: 'upload',
          relationTo: 'media',
          required: true,
          filterOptions: { mimeType: { in: [...CAPTION_MIME_TYPES] } },
          label: label('Untertitel (WebVTT, .vtt)', 'Captions (WebVTT, .vtt)'),
        },
      ],
    },
    {
      name: 'placeholder',
      type: 'checkbox',
      defaultValue: false,
      label: label('Enthält noch Platzhaltertext', 'Still contains placeholder text'),
      admin: { position: 'sidebar' },
    },
    {
      // A working note (e.g. "needs review by a Leichte-Sprache reviewer"): signed-in users only,
      // never part of the public API or the site.
      name: 'reviewNote',
      type: 'textarea',
      label: label('Prüfhinweis für die Redaktion', 'Review note for editors'),
      access: { read: ({ req: { user } }) => Boolean(user) },
      admin: {
        position: 'sidebar',
        description: label('Nur im CMS sichtbar, nie auf der Website.', 'Only shown in the CMS, never on the site.'),
      },
    },
  ],
})
