import { requestError } from '../badInput/problem.ts'

type Handler = (request: Request) => Promise<Response>

/** GraphQL requests one client may have in flight; more are refused, not queued. */
export const PER_CLIENT = 1
/** GraphQL requests the whole process runs at once, so that REST, the admin and /api/health keep their share. */
export const IN_ALL = 2

/**
 * Bounds how many GraphQL operations run at once, per client and in all. Each may cost up to
 * MAX_QUERY_COST (queryCost.ts), so this bounds the work GraphQL can hold the server with: eight
 * parallel queries of 190 aliases each kept /api/health waiting 12 s. Over a bound the answer is
 * 429 at once, with Retry-After, as a client that waits its turn needs nothing else.
 */
export function limitConcurrency(handler: Handler, clientOf: (request: Request) => string): Handler {
  const running = new Map<string, number>()
  let total = 0
  return async (request) => {
    const client = clientOf(request)
    const mine = running.get(client) ?? 0
    if (mine >= PER_CLIENT || total >= IN_ALL) {
      const who = mine >= PER_CLIENT ? 'von Ihnen / from you' : 'insgesamt / in all'
      return Response.json(
        requestError(
          `Zu viele GraphQL-Abfragen gleichzeitig (${who}), bitte versuchen Sie es gleich noch einmal / too many GraphQL requests at once, please retry shortly`,
        ),
        { status: 429, headers: { 'Retry-After': '1' } },
      )
    }
    running.set(client, mine + 1)
    total++
    try {
      // graphql-http has executed the whole operation by the time its Response is returned.
      return await handler(request)
    } finally {
      total--
      const left = (running.get(client) ?? 1) - 1
      if (left > 0) running.set(client, left)
      else running.delete(client)
    }
  }
}
