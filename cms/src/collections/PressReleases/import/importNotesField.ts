import type { TextareaField } from 'payload'
import { label } from '../../../lib/label.ts'

/**
 * What the Word import could not place, kept on the draft where the press office works. Only
 * signed-in users read it: it is a working note, never part of the public API.
 */
export const importNotesField: TextareaField = {
  name: 'importNotes',
  type: 'textarea',
  label: label('Hinweise aus dem Word-Import', 'Notes from the Word import'),
  access: { read: ({ req: { user } }) => Boolean(user) },
  admin: {
    condition: (data) => Boolean(data?.importNotes),
    description: label(
      'Was der Import nicht zuordnen konnte. Bitte prüfen und danach leeren.',
      'What the import could not place. Check it, then clear this field.',
    ),
  },
}
