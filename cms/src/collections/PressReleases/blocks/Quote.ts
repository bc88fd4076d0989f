import type { Block } from 'payload'
import { label } from '../../../lib/label.ts'

/** An attributed quote: press releases quote named people with their office. */
export const Quote: Block = {
  slug: 'quote',
  interfaceName: 'QuoteBlock',
  labels: { singular: label('Zitat', 'Quote'), plural: label('Zitate', 'Quotes') },
  fields: [
    { name: 'text', type: 'textarea', required: true, label: label('Zitat', 'Quote') },
    { name: 'person', type: 'text', required: true, label: label('Person', 'Person') },
    { name: 'office', type: 'text', label: label('Funktion', 'Office') },
  ],
}
