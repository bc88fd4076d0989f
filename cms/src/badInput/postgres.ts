/** The parts of a node-postgres error that say what PostgreSQL refused. */
export type DatabaseError = {
  code: string
  message: string
  detail?: string
  table?: string
  column?: string
  constraint?: string
}

/**
 * The PostgreSQL error behind `error`, if any. Drizzle wraps it ("Failed query: …") with the
 * original as `cause`; GraphQL wraps that as `originalError`.
 */
export function databaseError(error: unknown): DatabaseError | null {
  for (let current = error, hops = 0; current && typeof current === 'object' && hops < 5; hops++) {
    const candidate = current as Partial<DatabaseError> & {
      severity?: unknown
      cause?: unknown
      originalError?: unknown
    }
    if (
      typeof candidate.code === 'string' &&
      /^[0-9A-Z]{5}$/.test(candidate.code) &&
      typeof candidate.severity === 'string'
    ) {
      return candidate as DatabaseError
    }
    current = candidate.cause ?? candidate.originalError
  }
  return null
}

/** The value PostgreSQL quotes in messages like `invalid input syntax for type integer: "abc"`. */
export function quotedValue(message: string): string | null {
  return /"(.*)"/s.exec(message)?.[1] ?? null
}
