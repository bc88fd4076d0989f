import { APIError, type FieldAccess } from 'payload'
import type { UserRole } from '@masterplan/shared'
import { hasRole } from './index.ts'

type Name = { de: string; en: string }

/** Nothing, or nothing written yet: a form sends an empty optional field as null or ''. */
const blank = (value: unknown) => value === undefined || value === null || value === ''
const isoDate = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * Whether what a save sends equals what is stored. Only what is sent is compared (a save may send
 * part of a group), row ids are the form's own, and a date counts by its instant, however written.
 */
function unchanged(sent: unknown, stored: unknown): boolean {
  if (blank(sent) || blank(stored)) return blank(sent) && blank(stored)
  if (typeof sent === 'string' && typeof stored === 'string' && isoDate.test(sent) && isoDate.test(stored))
    return Date.parse(sent) === Date.parse(stored)
  if (Array.isArray(sent))
    return Array.isArray(stored) && sent.length === stored.length && sent.every((row, i) => unchanged(row, stored[i]))
  if (typeof sent === 'object' && typeof stored === 'object')
    return Object.entries(sent as Record<string, unknown>).every(
      ([key, value]) => key === 'id' || unchanged(value, (stored as Record<string, unknown>)[key]),
    )
  return sent === stored
}

/**
 * Update access for a field only admins may change. Asked without a save's data (the admin working
 * out what a user may edit) the answer is no, so the field is shown read-only. In a save, the
 * stored value sent back unchanged passes (the admin's form sends every field), and a changed one
 * is refused with a 403 naming the field: Payload would drop it silently and answer 200.
 * `path` is where the field sits in the document, for the stored value.
 */
export function adminOnlyField(path: string[], name: Name): FieldAccess {
  return ({ req, doc, siblingData }) => {
    if (hasRole(req.user as { role?: UserRole } | null, 'admin')) return true
    if (!siblingData) return false
    const field = path.at(-1)!
    const stored = path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc)
    if (!(field in siblingData) || unchanged(siblingData[field], stored)) return false
    const message = `Nur Administratoren dürfen „${name.de}“ ändern / only administrators may change '${name.en}'`
    throw new APIError(message, 403, { errors: [{ path: path.join('.'), message }] }, true)
  }
}
