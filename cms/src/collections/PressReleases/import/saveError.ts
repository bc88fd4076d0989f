import { type FlattenedField, type PayloadRequest, ValidationError } from 'payload'
import { ImportRefused } from './importRefused.ts'

type Labels = { de: string; en: string }

/** The German and English label of the field at `path` ("contacts.0.email"), else the path itself. */
function labelsOf(path: string, fields: FlattenedField[]): Labels {
  const names = path.split('.').filter((segment) => !/^\d+$/.test(segment))
  const found: Labels[] = []
  let level: FlattenedField[] | undefined = fields
  for (const name of names) {
    const field: FlattenedField | undefined = level?.find((f) => f.name === name)
    if (!field) break
    const label = field.label
    found.push(
      label && typeof label === 'object' && 'de' in label
        ? { de: String(label.de), en: String((label as Labels).en ?? label.de) }
        : { de: typeof label === 'string' ? label : name, en: typeof label === 'string' ? label : name },
    )
    level = 'flattenedFields' in field ? field.flattenedFields : undefined
  }
  if (found.length === 0) return { de: path, en: path }
  return { de: found.map((l) => l.de).join(' › '), en: found.map((l) => l.en).join(' › ') }
}

/**
 * A draft that would not save, told in words the press office understands: each field by its
 * label and what was wrong, never a bare field name. Other errors pass unchanged.
 */
export function explainSaveError(
  error: unknown,
  req: PayloadRequest,
  collection: 'press-releases' | 'media' = 'press-releases',
): unknown {
  if (!(error instanceof ValidationError)) return error
  const fields = req.payload.collections[collection].config.flattenedFields
  const problems = error.data.errors.map(({ path, message }) => ({ path, message, ...labelsOf(path, fields) }))
  const slugTaken = problems.find(({ path }) => path === 'slug')
  if (slugTaken && collection === 'press-releases') {
    return new ImportRefused(
      'Der Kurzname in der URL war beim Speichern schon vergeben (wohl ein gleichzeitiger Import derselben Datei); bitte die Datei noch einmal importieren',
      'the URL slug was taken by the time the draft was saved (likely the same file imported at the same moment); please import the file again',
      409,
    )
  }
  const [what, whatEn] = collection === 'media' ? ['Ein Bild', 'a picture'] : ['Der Entwurf', 'the draft']
  return new ImportRefused(
    `${what} ließ sich nicht speichern: ${problems.map((p) => `„${p.de}“: ${p.message}`).join('; ')}`,
    `${whatEn} could not be saved: ${problems.map((p) => `"${p.en}": ${p.message}`).join('; ')}`,
  )
}
