import type { Problem } from './problem.ts'

/**
 * Far beyond any document here (rich text with lists nested ten deep stays under 60), and far
 * below where Payload's recursive walks over the data overflow the stack.
 */
export const MAX_DEPTH = 100

/**
 * More entries than any list here needs; PostgreSQL takes at most 65,535 parameters per
 * statement, and Payload writes all rows of a list in one statement.
 */
export const MAX_ITEMS = 1_000

/**
 * The first thing in a parsed JSON document that no field can take: nesting deeper than MAX_DEPTH,
 * a list longer than MAX_ITEMS, a `__proto__` key (a prototype-pollution attempt once the data is
 * merged into other objects), or a NUL character (PostgreSQL cannot store it in text or jsonb).
 * Iterative, so the check itself cannot overflow the stack.
 */
export function shapeProblem(document: Record<string, unknown>): Problem | null {
  const stack: Array<{ value: unknown; path: string[]; depth: number }> = [{ value: document, path: [], depth: 1 }]
  while (stack.length) {
    const { value, path, depth } = stack.pop()!
    const at = path.join('.') || '(body)'
    if (typeof value === 'string') {
      if (value.includes('\u0000'))
        return { path: at, message: 'Enthält ein NUL-Zeichen (\\u0000) / contains a NUL character (\\u0000)' }
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth > MAX_DEPTH) {
      return {
        path: path[0] ?? '(body)',
        message: `Zu tief verschachtelt (mehr als ${MAX_DEPTH} Ebenen) / nested too deeply (more than ${MAX_DEPTH} levels)`,
      }
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_ITEMS) {
        return {
          path: at,
          message: `Zu viele Einträge (${value.length}, höchstens ${MAX_ITEMS}) / too many entries (${value.length}, at most ${MAX_ITEMS})`,
        }
      }
      for (const [index, item] of value.entries())
        stack.push({ value: item, path: [...path, String(index)], depth: depth + 1 })
      continue
    }
    for (const [key, item] of Object.entries(value)) {
      const keyPath = [...path, key].join('.')
      if (key === '__proto__')
        return {
          path: keyPath,
          message: 'Der Schlüssel __proto__ ist nicht erlaubt / the key __proto__ is not allowed',
        }
      if (key.includes('\u0000'))
        return { path: keyPath, message: 'Der Schlüssel enthält ein NUL-Zeichen / the key contains a NUL character' }
      stack.push({ value: item, path: [...path, key], depth: depth + 1 })
    }
  }
  return null
}
