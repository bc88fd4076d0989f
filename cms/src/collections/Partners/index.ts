import { PARTNER_KINDS, PARTNER_ROLES } from '@masterplan/shared'
import { addressField } from '../../fields/address.ts'
import { labelledOptions } from '../../fields/options.ts'
import { richTextField } from '../../fields/richText.ts'
import { slugField } from '../../fields/slug.ts'
import { titleField } from '../../fields/title.ts'
import { validateWebAddress } from '../../fields/url.ts'
import { label } from '../../lib/label.ts'
import { refuseDeleteWhileRequired } from '../../publishing/requiredReferences.ts'
import { editorialCollection } from '../editorial.ts'
import { imageUpload } from '../../fields/imageUpload.ts'

const kindLabels: Record<(typeof PARTNER_KINDS)[number], { de: string; en: string }> = {
  district: label('Landkreis', 'District'),
  city: label('Kreisfreie Stadt', 'City'),
  'state-ministry': label('Staatsministerium', 'State ministry'),
  'state-chancellery': label('Staatskanzlei', 'State chancellery'),
  business: label('Wirtschaft', 'Business'),
  science: label('Wissenschaft', 'Science'),
  'civil-society': label('Zivilgesellschaft', 'Civil society'),
  municipality: label('Kommune', 'Municipality'),
  other: label('Sonstige', 'Other'),
}

const roleLabels: Record<(typeof PARTNER_ROLES)[number], { de: string; en: string }> = {
  regionalkonvent: label('Mitglied im Regionalkonvent', 'Member of the Regionalkonvent'),
  chair: label('Vorsitz im Regionalkonvent', 'Chair of the Regionalkonvent'),
  imag: label('Interministerielle Arbeitsgruppe (IMAG)', 'Inter-ministerial working group (IMAG)'),
  lenkungskreis: label('Lenkungskreis', 'Steering group'),
  funder: label('Fördermittelgeber', 'Funder'),
}

export const Partners = editorialCollection({
  slug: 'partners',
  writers: 'editor',
  labels: { singular: label('Partner', 'Partner'), plural: label('Partner', 'Partners') },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', 'roles', '_status'] },
  defaultSort: 'name',
  hooks: { beforeDelete: [refuseDeleteWhileRequired()] },
  fields: [
    titleField('name', label('Name', 'Name')),
    {
      name: 'shortName',
      type: 'text',
      label: label('Kurzbezeichnung', 'Short name'),
      admin: { description: label('z. B. SMIL', 'e.g. SMIL') },
    },
    slugField('name'),
    {
      name: 'kind',
      type: 'select',
      required: true,
      label: label('Art', 'Kind'),
      options: labelledOptions(PARTNER_KINDS, kindLabels),
      admin: { position: 'sidebar' },
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      label: label('Rollen im Prozess', 'Roles in the process'),
      options: labelledOptions(PARTNER_ROLES, roleLabels),
      admin: { position: 'sidebar' },
    },
    {
      name: 'representative',
      type: 'group',
      label: label('Vertreten durch', 'Represented by'),
      fields: [
        { name: 'name', type: 'text', label: label('Name', 'Name') },
        { name: 'office', type: 'text', localized: true, label: label('Funktion', 'Office') },
      ],
    },
    imageUpload({ name: 'logo', label: label('Logo', 'Logo') }),
    richTextField({ name: 'description', localized: true, label: label('Beschreibung', 'Description') }),
    { name: 'website', type: 'text', label: label('Website', 'Website'), validate: validateWebAddress },
    addressField,
  ],
})
