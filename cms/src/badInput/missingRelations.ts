import type { FlattenedBlock, FlattenedField, Payload } from 'payload'
import { fieldPath } from './locate.ts'
import { type Problem, quote } from './problem.ts'

type Reference = { path: string; relationTo: string; id: unknown }

const INT4 = 2 ** 31

/** Whether `id` can be a key of a serial (int4) id column: PostgreSQL refuses the rest outright. */
export function isIntegerId(id: unknown): boolean {
  const number =
    typeof id === 'number' ? id : typeof id === 'string' && /^-?\d{1,10}$/.test(id) ? Number(id) : Number.NaN
  return Number.isInteger(number) && number >= -INT4 && number < INT4
}

/**
 * The relation values in `data` that cannot be stored: ids of the wrong form, and ids no document
 * has. Used to explain a foreign-key or type error of PostgreSQL with the field's path, after the
 * fact, so saves that succeed pay nothing for it.
 */
export async function missingRelations(payload: Payload, fields: FlattenedField[], data: unknown): Promise<Problem[]> {
  const problems: Problem[] = []
  const byCollection = new Map<string, Reference[]>()
  for (const reference of references(payload, fields, data)) {
    byCollection.set(reference.relationTo, [...(byCollection.get(reference.relationTo) ?? []), reference])
  }
  for (const [relationTo, refs] of byCollection) {
    const target = payload.collections[relationTo as keyof typeof payload.collections]
    if (!target) continue
    const numeric = (target.customIDType ?? payload.db.defaultIDType) === 'number'
    const wellFormed = refs.filter(({ id }) => (numeric ? isIntegerId(id) : typeof id === 'string'))
    for (const { path, id } of refs.filter((ref) => !wellFormed.includes(ref))) {
      problems.push({
        path,
        message: `${quote(id)} ist keine gültige ID für ${relationTo} / ${quote(id)} is not a valid ${relationTo} ID`,
      })
    }
    if (!wellFormed.length) continue
    const ids = [...new Set(wellFormed.map(({ id }) => (numeric ? Number(id) : String(id))))]
    const found = await payload.find({
      collection: relationTo as never,
      where: { id: { in: ids } },
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
    const existing = new Set((found.docs as Array<{ id: unknown }>).map((doc) => String(doc.id)))
    for (const { path, id } of wellFormed.filter(({ id }) => !existing.has(String(numeric ? Number(id) : id)))) {
      problems.push({
        path,
        message: `Es gibt keinen Eintrag ${quote(id)} in ${relationTo} / there is no ${relationTo} entry with the ID ${quote(id)}`,
      })
    }
  }
  return problems.slice(0, 20)
}

/** Every relationship and upload value in `data`, with the path Payload names the field by. */
function references(payload: Payload, fields: FlattenedField[], data: unknown, prefix: string[] = []): Reference[] {
  if (!data || typeof data !== 'object') return []
  const values = data as Record<string, unknown>
  return fields.flatMap((field): Reference[] => {
    const value = values[field.name]
    const path = [...prefix, field.name]
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        if (value === undefined || value === null) return []
        const items = Array.isArray(value) ? value : [value]
        return items.flatMap((item) => {
          const polymorphic = Array.isArray(field.relationTo)
          const relationTo = polymorphic ? (item as { relationTo?: unknown })?.relationTo : field.relationTo
          const raw = polymorphic ? (item as { value?: unknown })?.value : item
          const id = raw && typeof raw === 'object' && 'id' in raw ? raw.id : raw
          return typeof relationTo === 'string' && id !== null && id !== undefined
            ? [{ path: fieldPath(path), relationTo, id }]
            : []
        })
      }
      case 'array':
        return Array.isArray(value)
          ? value.flatMap((row, index) => references(payload, field.flattenedFields, row, [...path, String(index)]))
          : []
      case 'group':
      case 'tab':
        return references(payload, field.flattenedFields, value, path)
      case 'blocks': {
        if (!Array.isArray(value)) return []
        const blocks = [...field.blocks, ...(field.blockReferences ?? [])].map((block) =>
          typeof block === 'string' ? (payload.blocks as Record<string, FlattenedBlock | undefined>)[block] : block,
        )
        return value.flatMap((row, index) => {
          const block = blocks.find((candidate) => candidate?.slug === (row as { blockType?: unknown })?.blockType)
          return block ? references(payload, block.flattenedFields, row, [...path, String(index)]) : []
        })
      }
      default:
        return []
    }
  })
}
