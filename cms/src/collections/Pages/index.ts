import { isReservedPageSlug } from '@masterplan/shared'
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
  admin: { defaultColumns: ['title', 'slug', 'placeholder', '_status'] },
  fields: [
    titleField(),
    slugField('title', { reserved: isReservedPageSlug }),
    { name: 'summary', type: 'textarea', localized: true, label: label('Kurzbeschreibung', 'Summary') },
    richTextField({ name: 'content', required: true, localized: true, label: label('Inhalt', 'Content') }),
    {
      name: 'placeholder',
      type: 'checkbox',
      defaultValue: false,
      label: label('Enthält noch Platzhaltertext', 'Still contains placeholder text'),
      admin: { position: 'sidebar' },
    },
  ],
})
