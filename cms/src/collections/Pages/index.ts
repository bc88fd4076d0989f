import type { CollectionConfig } from 'payload'
import { isReservedPageSlug } from '@masterplan/shared'
import { editorialAccess } from '../../access/index.ts'
import { richTextField } from '../../fields/richText.ts'
import { slugField } from '../../fields/slug.ts'
import { label } from '../../lib/label.ts'
import { versioned } from '../versioned.ts'
import { liveStatusField } from '../../fields/liveStatus.ts'
import { publishingHooks } from '../../publishing/hooks.ts'

/** Standing pages: about, legal notice, privacy, accessibility, easy language, sign language. */
export const Pages: CollectionConfig = {
  slug: 'pages',
  labels: { singular: label('Seite', 'Page'), plural: label('Seiten', 'Pages') },
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'slug', 'placeholder', '_status'], group: label('Inhalte', 'Content') },
  access: editorialAccess('editor'),
  versions: versioned,
  hooks: publishingHooks,
  fields: [
    liveStatusField,
    { name: 'title', type: 'text', required: true, localized: true, label: label('Titel', 'Title') },
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
}
