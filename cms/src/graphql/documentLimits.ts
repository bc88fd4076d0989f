import { type DocumentNode, Kind, parse, type SelectionSetNode } from 'graphql'
import { requestError } from '../badInput/problem.ts'

type Handler = (request: Request) => Promise<Response>

/**
 * Far more than any query a journalist's script or the site writes (a list with 30 fields and a
 * filter is about 150 tokens), far fewer than an alias flood (190 aliases: 3,800 tokens).
 */
export const MAX_QUERY_TOKENS = 1_000
/** Fields a document may select once its fragments are spread out. */
export const MAX_EXPANDED_FIELDS = 5_000

/**
 * Refuses a GraphQL document before anything else reads it when it has more than MAX_QUERY_TOKENS
 * tokens (graphql-js validates with rules that compare every field of a selection with every
 * other one: 190 aliases held the server's only thread for a second) or selects more than
 * MAX_EXPANDED_FIELDS fields once its fragments are spread out (forty fragments that each spread
 * the next twice are 400 tokens and 2^40 fields; Payload's complexity rule walks every one of them
 * and never returned). Both counts are linear in the document.
 */
export function limitDocuments(handler: Handler): Handler {
  return async (request) => {
    const query = await queryOf(request)
    if (query === null) return handler(request)
    let document: DocumentNode
    try {
      document = parse(query, { maxTokens: MAX_QUERY_TOKENS })
    } catch (error) {
      // graphql-js words it "Document contains more that N tokens" (sic).
      if (/contains more \w+ \d+ tokens/.test((error as Error).message)) {
        return refuse(
          `Die GraphQL-Abfrage ist zu lang: mehr als ${MAX_QUERY_TOKENS} Tokens. Bitte teilen Sie sie auf. / The GraphQL query is too long: more than ${MAX_QUERY_TOKENS} tokens; please split it.`,
        )
      }
      // Any other syntax error is graphql-http's to report, in GraphQL's own words.
      return handler(request)
    }
    if (expandedFields(document) > MAX_EXPANDED_FIELDS) {
      return refuse(
        `Die GraphQL-Abfrage wählt mit ihren Fragmenten mehr als ${MAX_EXPANDED_FIELDS} Felder aus. Bitte teilen Sie sie auf. / The GraphQL query selects more than ${MAX_EXPANDED_FIELDS} fields once its fragments are spread; please split it.`,
      )
    }
    return handler(request)
  }
}

const refuse = (message: string) => Response.json(requestError(message), { status: 400 })

/** How many fields the operations select with every fragment spread out; each fragment is counted once and kept. */
function expandedFields(document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  )
  const sizes = new Map<string, number>()
  const size = (selectionSet: SelectionSetNode, spreading: Set<string>): number => {
    let fields = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        fields += 1 + (selection.selectionSet ? size(selection.selectionSet, spreading) : 0)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        fields += size(selection.selectionSet, spreading)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        // An unknown fragment or a cycle is graphql-js's to refuse; it adds nothing here.
        if (!fragment || spreading.has(name)) continue
        if (!sizes.has(name)) sizes.set(name, size(fragment.selectionSet, new Set([...spreading, name])))
        fields += sizes.get(name)!
      }
      if (fields > MAX_EXPANDED_FIELDS) return fields
    }
    return fields
  }
  let total = 0
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += size(definition.selectionSet, new Set())
  }
  return total
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
