import type { Endpoint } from 'payload'
import { requestError } from './problem.ts'

/**
 * Payload offers `/versions` routes on every collection and global, and those without versions
 * answered them with a 500 (the version table does not exist). They answer 404 naming the route.
 */
export function noVersionRoutes(kind: 'collection' | 'global', slug: string): Endpoint[] {
  const what =
    kind === 'collection' ? { de: 'Die Sammlung', en: 'the collection' } : { de: 'Die Einstellung', en: 'the global' }
  const handler = () =>
    Response.json(requestError(`${what.de} ${slug} hat keine Versionen / ${what.en} ${slug} keeps no versions`), {
      status: 404,
    })
  return [
    { path: '/versions', method: 'get', handler },
    { path: '/versions/:id', method: 'get', handler },
    { path: '/versions/:id', method: 'post', handler },
  ]
}
