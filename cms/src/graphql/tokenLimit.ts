import { parse } from 'graphql'
import { requestError } from '../errors/problem.ts'

type Handler = (request: Request) => Promise<Response>

/**
 * Far more than any query a journalist's script or the site writes (a list with 30 fields and a
 * filter is about 150 tokens), far fewer than an alias flood (190 aliases: 3,800 tokens).
 */
export const MAX_QUERY_TOKENS = 1_000

/**
 * Refuses a GraphQL document with more tokens than MAX_QUERY_TOKENS before anything else reads it.
 * graphql-js validates a document with rules that compare every field of a selection with every
 * other one, so 190 aliases cost a second of the server's only thread before the cost rule
 * (queryCost.ts) could refuse them. Counting tokens stops at the limit: linear, and short.
 */
export function limitTokens(handler: Handler): Handler {
  return async (request) => {
    const query = await queryOf(request)
    if (query !== null) {
      try {
        parse(query, { maxTokens: MAX_QUERY_TOKENS })
      } catch (error) {
        // graphql-js words it "Document contains more that N tokens" (sic).
        if (/contains more \w+ \d+ tokens/.test((error as Error).message)) {
          return Response.json(
            requestError(
              `Die GraphQL-Abfrage ist zu lang: mehr als ${MAX_QUERY_TOKENS} Tokens. Bitte teilen Sie sie auf. / The GraphQL query is too long: more than ${MAX_QUERY_TOKENS} tokens; please split it.`,
            ),
            { status: 400 },
          )
        }
        // Any other syntax error is graphql-http's to report, in GraphQL's own words.
      }
    }
    return handler(request)
  }
}

/** The body's `query`, or null when the body is no JSON object with a string query. */
async function queryOf(request: Request): Promise<string | null> {
  try {
    const body = (await request.clone().json()) as { query?: unknown }
    return typeof body?.query === 'string' ? body.query : null
  } catch {
    return null
  }
}
