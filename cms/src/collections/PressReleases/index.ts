import type { Where } from 'payload'
import { published } from '../../access/index.ts'
import { editorialEditorWith, richTextField } from '../../fields/richText.ts'
import { correctionDateField } from './correctionDate.ts'
import { slugField } from '../../fields/slug.ts'
import { titleField } from '../../fields/title.ts'
import { label } from '../../lib/label.ts'
import { alertStatusField } from '../../fields/alertStatus.ts'
import { correctionAlertEndpoint } from '../../alerts/correction.ts'
import { editorialCollection } from '../editorial.ts'
import { Quote } from './blocks/Quote.ts'
import { refusePlaceholderMedia } from './hooks/refusePlaceholderMedia.ts'
import { importDocxEndpoint } from './import/endpoint.ts'
import { importNotesField } from './import/importNotesField.ts'
import { imageUpload } from '../../fields/imageUpload.ts'

const PHONE = /^\+?[0-9][0-9 ()/-]{4,}[0-9]$/

/** The public sees a release once it is published and its embargo (Sperrfrist) has passed. */
const publicReleases = (): Where => ({
  and: [
    published,
    {
      or: [{ embargoUntil: { exists: false } }, { embargoUntil: { less_than_equal: new Date().toISOString() } }],
    },
  ],
})

export const PressReleases = editorialCollection({
  slug: 'press-releases',
  writers: 'press',
  labels: {
    singular: label('Medieninformation', 'Press release'),
    plural: label('Medieninformationen', 'Press releases'),
  },
  admin: {
    defaultColumns: ['title', 'releaseDate', 'embargoUntil', '_status'],
    components: {
      beforeListTable: ['/components/ImportDocxButton.tsx#ImportDocxButton'],
      edit: { beforeDocumentControls: ['/components/ImportDocxButton.tsx#ImportDocxButton'] },
    },
  },
  access: { read: ({ req: { user } }) => (user ? true : publicReleases()) },
  defaultSort: '-releaseDate',
  endpoints: [correctionAlertEndpoint, importDocxEndpoint],
  hooks: { beforeChange: [refusePlaceholderMedia] },
  fields: [
    alertStatusField,
    importNotesField,
    titleField(),
    { name: 'subtitle', type: 'text', localized: true, label: label('Untertitel', 'Subtitle') },
    slugField(),
    {
      name: 'releaseDate',
      type: 'date',
      required: true,
      index: true,
      defaultValue: () => new Date().toISOString(),
      label: label('Datum', 'Release date'),
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'embargoUntil',
      type: 'date',
      index: true,
      label: label('Sperrfrist bis', 'Embargo until'),
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: label(
          'Bis zu diesem Zeitpunkt bleibt die veröffentlichte Medieninformation öffentlich unsichtbar.',
          'Until this moment the published release stays invisible to the public.',
        ),
      },
    },
    {
      name: 'issuers',
      type: 'relationship',
      relationTo: 'partners',
      hasMany: true,
      required: true,
      minRows: 1,
      label: label('Herausgeber', 'Issued by'),
    },
    {
      name: 'contacts',
      type: 'array',
      required: true,
      minRows: 1,
      label: label('Pressekontakt', 'Press contact'),
      labels: { singular: label('Kontakt', 'Contact'), plural: label('Kontakte', 'Contacts') },
      fields: [
        { name: 'name', type: 'text', required: true, label: label('Name', 'Name') },
        { name: 'office', type: 'text', label: label('Funktion / Stelle', 'Office') },
        {
          name: 'phone',
          type: 'text',
          label: label('Telefon', 'Phone'),
          validate: (value: string | null | undefined) =>
            !value ||
            PHONE.test(value) ||
            'Keine gültige Telefonnummer / not a valid phone number (e.g. +49 351 564 50021)',
        },
        { name: 'email', type: 'email', required: true, label: label('E-Mail', 'E-mail') },
      ],
    },
    { name: 'lead', type: 'textarea', required: true, localized: true, label: label('Vorspann', 'Lead') },
    richTextField({
      name: 'body',
      required: true,
      localized: true,
      label: label('Text', 'Body'),
      editor: editorialEditorWith([Quote]),
    }),
    richTextField({ name: 'background', localized: true, label: label('Hintergrund', 'Background') }),
    {
      name: 'images',
      type: 'array',
      label: label('Bilder', 'Images'),
      labels: { singular: label('Bild', 'Image'), plural: label('Bilder', 'Images') },
      fields: [
        imageUpload({ name: 'image', required: true, label: label('Bild', 'Image') }),
        { name: 'caption', type: 'text', localized: true, label: label('Bildunterschrift', 'Caption') },
      ],
    },
    {
      name: 'attachments',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      label: label('Anhänge (PDF u. a.)', 'Attachments (PDF etc.)'),
    },
    {
      name: 'relatedMilestones',
      type: 'relationship',
      relationTo: 'milestones',
      hasMany: true,
      label: label('Zugehörige Meilensteine', 'Related milestones'),
    },
    {
      name: 'corrections',
      type: 'array',
      label: label('Korrekturen', 'Corrections'),
      labels: { singular: label('Korrektur', 'Correction'), plural: label('Korrekturen', 'Corrections') },
      admin: {
        description: label(
          'Werden öffentlich unter der Medieninformation angezeigt.',
          'Shown publicly below the release.',
        ),
      },
      fields: [
        correctionDateField,
        { name: 'note', type: 'textarea', required: true, localized: true, label: label('Hinweis', 'Note') },
      ],
    },
  ],
})
