import type { TextField } from 'payload'
import { isSlug, slugify } from '@masterplan/shared'
import { label } from '../lib/label.ts'

/**
 * A unique URL slug, generated from `source` (German transliteration) when left empty,
 * and editable for the rare case the generated one reads badly.
 */
export function slugField(source = 'title'): TextField {
  return {
    name: 'slug',
    type: 'text',
    label: label('Kurzname in der URL', 'URL slug'),
    required: true,
    unique: true,
    index: true,
    admin: {
      position: 'sidebar',
      description: label('Wird aus dem Titel erzeugt, wenn leer.', 'Generated from the title when empty.'),
    },
    hooks: {
      beforeValidate: [
        ({ value, data }) => {
          if (typeof value === 'string' && value.trim()) return slugify(value)
          const from = data?.[source]
          return typeof from === 'string' ? slugify(from) : value
        },
      ],
    },
    validate: (value: string | null | undefined) =>
      !value
        ? 'Bitte einen Kurznamen angeben / a slug is required'
        : isSlug(value) || 'Nur Kleinbuchstaben, Ziffern und Bindestriche / only lower-case letters, digits and hyphens',
  }
}
