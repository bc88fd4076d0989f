import type { z } from 'zod'

/** One field of an API document as the press page lists it. */
export type FieldRow = {
  /** Dotted path; `[]` marks the items of a list, e.g. `contacts[].email`. */
  name: string
  type: string
  /** false: the field may be missing or null. */
  required: boolean
  description?: string
}

// Only what the walk reads of zod's definitions; `def.type` is stable across zod 4 builds, unlike instanceof.
type Node = {
  def: {
    type: string
    innerType?: Node
    options?: Node[]
    element?: Node
    shape?: Record<string, Node>
    values?: unknown[]
    entries?: Record<string, unknown>
  }
  format?: string | null
  description?: string
}

const node = (schema: z.ZodType) => schema as unknown as Node

/** Strips optional, nullable and default, noting whether any of them let the field be absent or null. */
function unwrap(schema: Node): { inner: Node; required: boolean; description?: string } {
  let inner = schema
  let required = true
  let description = schema.description
  while (['optional', 'nullable', 'default'].includes(inner.def.type) && inner.def.innerType) {
    if (inner.def.type !== 'default') required = false
    inner = inner.def.innerType
    description ??= inner.description
  }
  return { inner, required, description }
}

/**
 * Lists the fields of a zod object schema, nested objects and lists of objects included. `named` gives
 * known schemas a name (a related document, rich text) so they are shown as one field, not walked into.
 */
export function schemaFields(schema: z.ZodType, named: Map<z.ZodType, string> = new Map()): FieldRow[] {
  const names = new Map([...named].map(([known, name]) => [node(known), name]))

  const typeOf = (n: Node): string => {
    const name = names.get(n)
    if (name) return name
    switch (n.def.type) {
      case 'string':
        return n.format ? `string (${n.format})` : 'string'
      case 'number':
        return n.format?.includes('int') ? 'integer' : 'number'
      case 'literal':
        return (n.def.values ?? []).map((value) => JSON.stringify(value)).join(' | ')
      case 'enum':
        return Object.values(n.def.entries ?? {})
          .map((value) => JSON.stringify(value))
          .join(' | ')
      case 'union':
        return (n.def.options ?? []).map(typeOf).join(' | ')
      case 'array': {
        const items = typeOf(unwrap(n.def.element!).inner)
        return items.includes(' | ') ? `(${items})[]` : `${items}[]`
      }
      case 'object':
        return `object {${Object.keys(n.def.shape ?? {}).join(', ')}}`
      default:
        return n.def.type
    }
  }

  const walk = (n: Node, prefix: string): FieldRow[] =>
    Object.entries(n.def.shape ?? {}).flatMap(([key, field]) => {
      const { inner, required, description } = unwrap(field)
      const name = `${prefix}${key}`
      const items = inner.def.type === 'array' ? unwrap(inner.def.element!).inner : null
      // A nested object of this document (not a named one) is listed field by field, so readers see every leaf.
      const nested = [inner, items].find(
        (candidate) => candidate && candidate.def.type === 'object' && !names.has(candidate),
      )
      const row: FieldRow = {
        name,
        type: nested ? (items ? 'object[]' : 'object') : typeOf(inner),
        required,
        ...(description ? { description } : {}),
      }
      return nested ? [row, ...walk(nested, items ? `${name}[].` : `${name}.`)] : [row]
    })

  return walk(node(schema), '')
}
