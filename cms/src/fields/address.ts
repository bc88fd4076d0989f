import type { GroupField } from 'payload'
import { label } from '../lib/label.ts'

/** A postal address: street, postal code and town, each optional. */
export const addressField: GroupField = {
  name: 'address',
  type: 'group',
  label: label('Anschrift', 'Address'),
  fields: [
    { name: 'street', type: 'text', label: label('Straße', 'Street') },
    { name: 'postalCode', type: 'text', label: label('PLZ', 'Postal code') },
    { name: 'city', type: 'text', label: label('Ort', 'City') },
  ],
}
