import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import config from '@payload-config'

type Handler = (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>

const handlers = {
  GET: REST_GET(config) as Handler,
  POST: REST_POST(config) as Handler,
  PATCH: REST_PATCH(config) as Handler,
  DELETE: REST_DELETE(config) as Handler,
}
const graphql = GRAPHQL_POST(config) as (req: Request) => Promise<Response>

const ORIGIN = 'http://localhost:3000'

export type Reply = { status: number; body: any }

/**
 * Calls Payload's real Next.js route handlers in-process: the same code path as the running
 * server, without a server. `token` authenticates as a user; without it the call is anonymous.
 */
export async function rest(
  method: keyof typeof handlers,
  path: string,
  {
    token,
    json,
    form,
    body,
    headers: extra,
  }: { token?: string; json?: unknown; form?: FormData; body?: URLSearchParams; headers?: HeadersInit } = {},
): Promise<Reply & { headers: Headers }> {
  const url = new URL(`/api${path}`, ORIGIN)
  const headers = new Headers(extra)
  if (token) headers.set('Authorization', `JWT ${token}`)
  if (json !== undefined) headers.set('Content-Type', 'application/json')
  const request = new Request(url, {
    method,
    headers,
    body: form ?? body ?? (json === undefined ? undefined : JSON.stringify(json)),
  })
  const slug = url.pathname.replace(/^\/api\//, '').split('/')
  const response = await handlers[method](request, { params: Promise.resolve({ slug }) })
  const text = await response.text()
  // HTML pages (e.g. the subscription answers) come back as text.
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = text
  }
  return { status: response.status, body: parsed, headers: response.headers }
}

export async function graphqlQuery(query: string, token?: string): Promise<Reply> {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (token) headers.set('Authorization', `JWT ${token}`)
  const response = await graphql(
    new Request(`${ORIGIN}/api/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) }),
  )
  return { status: response.status, body: await response.json() }
}

/** The field paths a Payload validation error names. */
export function errorPaths(reply: Reply): string[] {
  return (reply.body?.errors ?? []).flatMap((e: any) => (e.data?.errors ?? []).map((d: any) => d.path ?? d.field))
}

/** A raw response of the REST handler, for file downloads (headers and bytes, no JSON parsing). */
export async function fileResponse(url: string, token?: string): Promise<Response> {
  const target = new URL(url, ORIGIN)
  const slug = target.pathname.replace(/^\/api\//, '').split('/')
  const headers = new Headers(token ? { Authorization: `JWT ${token}` } : {})
  return handlers.GET(new Request(target, { headers }), { params: Promise.resolve({ slug }) })
}
