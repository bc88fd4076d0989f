import {
  APIError,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  getFieldByPath,
  type SanitizedConfig,
  type Where,
} from 'payload'

/** Operators the PostgreSQL adapter has no implementation for on these fields: it fails with a TypeError. */
const GEO = new Set(['near', 'within', 'intersects'])
const LIKE = new Set(['contains', 'like', 'not_like'])
/** Stored as JSON documents: a LIKE search on them ended in a 500 (text compared with jsonb). */
const DOCUMENTS = new Set(['richText', 'json'])
/** Fields Payload compares with ILIKE for the LIKE operators (hasMany select and relations compare by equality). */
const TEXT = new Set(['text', 'textarea', 'email', 'code'])

/**
 * Checks a query before Payload hands it to the database: an operator that does not fit its field
 * is refused with both named (it crashed the adapter), and `%`, `_` and `\` in a `contains` or
 * `like` search are escaped, so `contains=%` finds a percent sign instead of every document.
 * Only the client's query is touched; access-control constraints are added after this hook.
 */
export const checkQuery: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const where = (args as { where?: unknown }).where
  if (!where || typeof where !== 'object') return args
  return { ...args, where: rewrite(where as Where, collection.flattenedFields, req.payload.config) }
}

function rewrite(where: Where, fields: FlattenedField[], config: SanitizedConfig): Where {
  const result: Where = {}
  for (const [key, condition] of Object.entries(where)) {
    if (/^(and|or)$/i.test(key) && Array.isArray(condition)) {
      result[key] = condition.map((nested: Where) =>
        nested && typeof nested === 'object' ? rewrite(nested, fields, config) : nested,
      )
      continue
    }
    if (!condition || typeof condition !== 'object' || Array.isArray(condition)) {
      result[key] = condition
      continue
    }
    const field = resolve(key, fields, config)
    const operators: Record<string, unknown> = {}
    for (const [operator, value] of Object.entries(condition)) {
      if ((GEO.has(operator) && field?.type !== 'point') || operator === 'all') throw misfit(key, operator, field?.type)
      if (LIKE.has(operator) && field && DOCUMENTS.has(field.type)) throw misfit(key, operator, field.type)
      operators[operator] = LIKE.has(operator) && field && comparesAsText(field) ? escapeLike(value) : value
    }
    result[key] = operators
  }
  return result
}

function resolve(key: string, fields: FlattenedField[], config: SanitizedConfig): FlattenedField | undefined {
  const path = key.replace(/__/g, '.')
  for (const candidate of [path, path.replace(/^version\./, '')]) {
    const found = getFieldByPath({ config, fields, includeRelationships: true, path: candidate })
    if (found) return found.field
  }
  return undefined
}

const comparesAsText = (field: FlattenedField) => TEXT.has(field.type) || (field.type === 'select' && !field.hasMany)

const escapeLike = (value: unknown): unknown =>
  typeof value === 'string' ? value.replace(/[\\%_]/g, '\\$&') : Array.isArray(value) ? value.map(escapeLike) : value

function misfit(path: string, operator: string, type = 'unbekannt/unknown'): APIError {
  const message =
    operator === 'all'
      ? `Der Operator all wird nicht unterstützt (Feld ${path}) / the operator all is not supported (field ${path})`
      : `Der Operator ${operator} passt nicht zum Feld ${path} (${type}) / the operator ${operator} cannot be used on the field ${path} (${type})`
  return new APIError(message, 400, { errors: [{ path, message }] }, true)
}
