import { DOCUMENT_SAVE_LOCKS } from './advisoryLocks.ts'

type Handler<A extends unknown[]> = (request: Request, ...rest: A) => Promise<Response>

const versioned = Object.keys(DOCUMENT_SAVE_LOCKS).join('|')
const SAVE_PATH = new RegExp(`^/api/(${versioned})/(\\d+)$`)
const tails = new Map<string, Promise<unknown>>()

/**
 * Saves of one document wait their turn in this process before Payload opens their transaction.
 * The database lock (documentSaveLock.ts) alone would serialise them too, but each waiting save
 * would hold a pooled connection: a burst of autosaves on one release could then take the whole
 * pool and starve every other request. Across instances, the database lock still decides.
 */
export function queueDocumentSaves<A extends unknown[]>(handler: Handler<A>): Handler<A> {
  return (request, ...rest) => {
    const match = request.method === 'PATCH' ? SAVE_PATH.exec(new URL(request.url).pathname) : null
    if (!match) return handler(request, ...rest)
    const key = `${match[1]}/${match[2]}`
    const previous = tails.get(key) ?? Promise.resolve()
    const turn = previous.then(() => handler(request, ...rest))
    const tail = turn.catch(() => {})
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return turn
  }
}
