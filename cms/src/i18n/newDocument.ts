import { label } from '../lib/label.ts'

/**
 * What heads a document that has no title yet. Payload falls back to the id ("17"), and German
 * needs the noun's gender, so each collection that autosaves a new draft names its own.
 */
export const newDocumentTitles: Record<string, ReturnType<typeof label>> = {
  'press-releases': label('Neue Medieninformation', 'New press release'),
  milestones: label('Neuer Meilenstein', 'New milestone'),
  pages: label('Neue Seite', 'New page'),
  partners: label('Neuer Partner', 'New partner'),
}
