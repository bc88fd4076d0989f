import { type FieldHook, ValidationError } from 'payload'
import { quote } from './problem.ts'

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z')
const LATEST = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * A date must be an instant PostgreSQL can store: parseable, in the years 1 to 9999. Payload checks
 * dates only when a document is published (and lets the year 99999 through), so a draft, or a
 * published save with such a year, reached the database and ended in a 500. Runs before the field's
 * own validation, which may assume a parseable date.
 */
export const storableDate: FieldHook = ({ value, path, req, collection, global }) => {
  if (value === undefined || value === null || value === '') return value
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (time >= EARLIEST && time <= LATEST) return value
  const message = `Kein gültiges Datum: ${quote(value)} (erwartet ISO 8601, Jahr 1 bis 9999) / not a valid date: ${quote(value)} (expected ISO 8601, year 1 to 9999)`
  throw new ValidationError(
    { collection: collection?.slug, global: global?.slug, errors: [{ path: path.join('.'), message }] },
    req.t,
  )
}
