import type { AfterErrorHook, PayloadRequest, SanitizedCollectionConfig } from 'payload'
import { fieldPath, longestList, pathsOfValue, pathsWithNul, queryParameter } from './locate.ts'
import { isIntegerId, missingRelations } from './missingRelations.ts'
import { databaseError, type DatabaseError, quotedValue } from './postgres.ts'
import { fieldErrors, type Problem, quote } from './problem.ts'

/**
 * Turns PostgreSQL's refusals of client input into a 400 that names the field or parameter. The
 * database is the last check of every value; when it refuses one, the transaction is already
 * rolled back, so this only has to find the culprit in the request and say what is wrong with it.
 * Errors it does not recognise stay as they are (a 500 that hides the details).
 */
export const explainError: AfterErrorHook = async ({ error, req, collection, graphqlResult }) => {
  const withFields = namedFields(error)
  if (withFields && !graphqlResult) return withFields
  // Explaining must never turn into an error of its own: then the original answer stands.
  const problems = await explain(error, req, collection).catch(() => null)
  if (!problems?.length) return
  const body = fieldErrors(problems)
  if (graphqlResult) {
    const [first] = body.errors
    return {
      graphqlResult: {
        ...graphqlResult,
        message: first!.message,
        extensions: { ...graphqlResult.extensions, name: first!.name, data: first!.data, statusCode: 400 },
      },
    }
  }
  return { response: body, status: 400 }
}

/**
 * A refusal our own hooks threw with the fields named (a ValidationError or APIError with
 * `data.errors`), answered as Payload answers its own. Payload includes the fields only for
 * instances of its own error classes, and in the production build our code's copy of those classes
 * is another one: the answer then said "The following field is invalid: file" and not why.
 */
function namedFields(error: unknown) {
  const { data, message, name, status } = error as {
    data?: { errors?: unknown }
    message?: string
    name?: string
    status?: number
  }
  const errors = data?.errors
  const named =
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => typeof e?.path === 'string' && typeof e?.message === 'string')
  if (!named) return null
  return { response: { errors: [{ name, data, message }] }, status: status ?? 400 }
}

async function explain(
  error: unknown,
  req: PayloadRequest,
  collection?: SanitizedCollectionConfig,
): Promise<Problem[] | null> {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return [{ path: '(body)', message: 'Die Anfrage ist zu tief verschachtelt / the request is nested too deeply' }]
  }
  const db = databaseError(error)
  if (!db) return null
  switch (db.code) {
    case '23503': // foreign_key_violation: a relation to a document that does not exist
      return (await relations(req, collection)) ?? missingReference(db, req)
    case '22P02': // invalid_text_representation: an id that is no number, a value outside an enum
    case '22003': {
      // numeric_value_out_of_range: an id beyond the id column
      const id = req.routeParams?.id
      if (id !== undefined && !isIntegerId(id))
        return [{ path: 'id', message: `${quote(id)} ist keine gültige ID / ${quote(id)} is not a valid ID` }]
      return (await relations(req, collection)) ?? byValue(db, req, { de: 'Ungültiger Wert', en: 'invalid value' })
    }
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22009': // invalid_time_zone_displacement_value
      return byValue(db, req, { de: 'Kein gültiges Datum', en: 'not a valid date' })
    case '22021': // character_not_in_repertoire: NUL in text
    case '22P05': {
      // untranslatable_character: NUL in jsonb
      const message = 'Enthält ein NUL-Zeichen (\\u0000) / contains a NUL character (\\u0000)'
      return located(pathsWithNul(req.data), pathsWithNul(req.query)).map((path) => ({ path, message }))
    }
    case '2201X': // OFFSET must not be negative
      return [
        {
          path: 'page',
          message: 'Die Seite muss eine positive ganze Zahl sein / page must be a positive whole number',
        },
      ]
    case '2201W': // LIMIT must not be negative
      return [{ path: 'limit', message: 'Das Limit darf nicht negativ sein / limit must not be negative' }]
    case '08P01': // protocol_violation; with "bind message": more parameters than one statement takes
      if (!db.message.includes('bind message')) return null
      return [
        {
          path: fieldPath(longestList(req.data) ?? ['(body)']),
          message: 'Zu viele Einträge auf einmal / too many entries at once',
        },
      ]
    case '54001': // statement_too_complex: stack depth limit exceeded
      return [{ path: '(body)', message: 'Die Anfrage ist zu tief verschachtelt / the request is nested too deeply' }]
    default:
      return null
  }
}

/** The relation values of the saved document that are malformed or point nowhere, if the collection is known. */
async function relations(req: PayloadRequest, collection?: SanitizedCollectionConfig): Promise<Problem[] | null> {
  const problems =
    collection && req.data ? await missingRelations(req.payload, collection.flattenedFields, req.data) : []
  return problems.length ? problems : null
}

/** Without the collection (GraphQL), PostgreSQL's detail still says which id is missing where. */
function missingReference(db: DatabaseError, req: PayloadRequest): Problem[] | null {
  const [, column, id, table] = /Key \((.+)\)=\((.*)\) is not present in table "(.+)"/.exec(db.detail ?? '') ?? []
  // Any other foreign-key error (a delete of something still referenced) is not bad input.
  if (!id) return null
  const message = `Es gibt keinen Eintrag ${quote(id)} in ${table} / there is no ${table} entry with the ID ${quote(id)}`
  const paths = located(pathsOfValue(req.data, id), [])
  return (paths[0] === '(body)' ? [column!] : paths).map((path) => ({ path, message }))
}

/** Names where in the request the value PostgreSQL quotes was sent. */
function byValue(db: DatabaseError, req: PayloadRequest, what: { de: string; en: string }): Problem[] {
  const value = quotedValue(db.message)
  if (value === null) return [{ path: '(body)', message: `${what.de} / ${what.en}` }]
  const message = `${what.de}: ${quote(value)} / ${what.en}: ${quote(value)}`
  return located(pathsOfValue(req.data, value), pathsOfValue(req.query, value)).map((path) => ({ path, message }))
}

function located(inData: string[][], inQuery: string[][]): string[] {
  const paths = [...inData.map(fieldPath), ...inQuery.map(queryParameter)]
  return paths.length ? paths : ['(body)']
}
