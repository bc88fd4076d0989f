import config from '@payload-config'
import '@payloadcms/next/css'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import { queueDocumentSaves } from '../../../../db/documentSaveQueue.ts'
import { guardRequest } from '../../../../badInput/requestGuard.ts'

// Payload takes bodies and query strings on trust; the guard answers 4xx where they ended in a 500.
export const GET = guardRequest(REST_GET(config), config)
export const POST = guardRequest(REST_POST(config), config)
export const DELETE = guardRequest(REST_DELETE(config), config)
export const PATCH = guardRequest(queueDocumentSaves(REST_PATCH(config)), config)
export const PUT = guardRequest(REST_PUT(config), config)
export const OPTIONS = REST_OPTIONS(config)

/**
 * HEAD answers as GET does, without the body: uptime checkers that probe with HEAD (/api/health,
 * the lists) would otherwise get Payload's 404, as it matches endpoints by method.
 */
export async function HEAD(request: Request, context: { params: Promise<{ slug: string[] }> }): Promise<Response> {
  const answer = await GET(new Request(request.url, { method: 'GET', headers: request.headers }), context)
  await answer.body?.cancel()
  return new Response(null, { status: answer.status, statusText: answer.statusText, headers: answer.headers })
}
