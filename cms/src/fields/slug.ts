import type { TextField } from 'payload'
import { isSlug, slugify } from '@masterplan/shared'
import { label } from '../lib/label.ts'

type Options = {
  /** Slugs this collection may not use because the site has its own route there (see RESERVED_PAGE_SLUGS). */
  reserved?: (slug: string) => boolean
}

/**
 * A unique URL slug, generated from `source` (German transliteration) when left empty,
 * and editable for the rare case the generated one reads badly.
 */
export function slugField(source = 'title', { reserved = () => false }: Options = {}): TextField {
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
    validate: (value: string | null | undefined) => {
      if (!value) return 'Bitte einen Kurznamen angeben / a slug is required'
      if (!isSlug(value))
        return 'Nur Kleinbuchstaben, Ziffern und Bindestriche / only lower-case letters, digits and hyphens'
      if (reserved(value)) {
        return `Der Kurzname „${value}“ ist für eine Adresse der Website reserviert, bitte einen anderen wählen / the slug "${value}" is reserved for an address of the site, please choose another`
      }
      return true
    },
  }
}
