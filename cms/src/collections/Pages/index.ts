import type { CollectionConfig } from 'payload'
import { publishedOrSignedIn, roles } from '../../access/index.ts'
import { slugField } from '../../fields/slug.ts'
import { label } from '../../lib/label.ts'
import { versioned } from '../versioned.ts'

/** Standing pages: about, legal notice, privacy, accessibility, easy language, sign language. */
export const Pages: CollectionConfig = {
  slug: 'pages',
  labels: { singular: label('Seite', 'Page'), plural: label('Seiten', 'Pages') },
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'slug', 'placeholder', '_status'], group: label('Inhalte', 'Content') },
  access: {
    read: publishedOrSignedIn,
    readVersions: roles('press', 'editor'),
    create: roles('editor'),
    update: roles('editor'),
    delete: roles('editor'),
  },
  versions: versioned,
  fields: [
    { name: 'title', type: 'text', required: true, localized: true, label: label('Titel', 'Title') },
    slugField(),
    { name: 'summary', type: 'textarea', localized: true, label: label('Kurzbeschreibung', 'Summary') },
    { name: 'content', type: 'richText', required: true, localized: true, label: label('Inhalt', 'Content') },
    {
      name: 'placeholder',
      type: 'checkbox',
      defaultValue: false,
      label: label('Enthält noch Platzhaltertext', 'Still contains placeholder text'),
      admin: { position: 'sidebar' },
    },
  ],
}
