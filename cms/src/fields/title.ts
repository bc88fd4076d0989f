import type { TextField } from 'payload'
import { label } from '../lib/label.ts'

/** The heading of an editorial document, in each language; the slug is made from it. */
export const titleField = (name = 'title', fieldLabel = label('Titel', 'Title')): TextField => ({
  name,
  type: 'text',
  required: true,
  localized: true,
  label: fieldLabel,
})
