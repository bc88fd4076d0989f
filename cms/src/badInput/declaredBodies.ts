import type { Endpoint, SanitizedConfig } from 'payload'

/**
 * What an endpoint of ours takes instead of the JSON or upload that Payload's own routes take:
 * `form`, a few fields a plain HTML form posts (the site's subscription form, one-click unsubscribe
 * from a mail client, the correction button); `file`, one file without a `_payload` document, which
 * the endpoint bounds itself. Declared on the endpoint (`custom.body`), read by the request guard.
 */
export type DeclaredBody = 'form' | 'file'

export const takes = (body: DeclaredBody): Pick<Endpoint, 'custom'> => ({ custom: { body } })

type Route = { method: string; pattern: RegExp; body: DeclaredBody }

/** `/:id/deployed` as a pattern for one path segment each. */
const pathPattern = (prefix: string, path: string) =>
  new RegExp(`^${`${prefix}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`)

/** Every endpoint of the config (root, collections, globals) that declares a body, with its full path. */
export function declaredBodies(config: SanitizedConfig): Route[] {
  const api = config.routes.api
  const groups: [string, Endpoint[] | false | undefined][] = [
    [api, config.endpoints],
    ...config.collections.map((c): [string, Endpoint[] | false] => [`${api}/${c.slug}`, c.endpoints]),
    ...config.globals.map((g): [string, Endpoint[] | false] => [`${api}/globals/${g.slug}`, g.endpoints]),
  ]
  return groups.flatMap(([prefix, endpoints]) =>
    (endpoints || [])
      .filter((endpoint) => endpoint.custom?.body === 'form' || endpoint.custom?.body === 'file')
      .map((endpoint) => ({
        method: endpoint.method.toUpperCase(),
        pattern: pathPattern(prefix, endpoint.path),
        body: endpoint.custom!.body as DeclaredBody,
      })),
  )
}

/** The body the endpoint at this method and path declares, if any. */
export function declaredBody(routes: Route[], method: string, pathname: string): DeclaredBody | undefined {
  return routes.find((route) => route.method === method.toUpperCase() && route.pattern.test(pathname))?.body
}
