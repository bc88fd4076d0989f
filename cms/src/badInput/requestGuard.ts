import { MEDIA_MAX_BYTES } from '@masterplan/shared'
import type { SanitizedConfig } from 'payload'
import { declaredBodies, declaredBody } from './declaredBodies.ts'
import { shapeProblem } from './jsonShape.ts'
import { fieldErrors, type Problem, quote, requestError } from './problem.ts'

/** Generous for a document with long rich text; a JSON body above it is not an editor's save. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024
/** An upload: the largest file Payload accepts plus its `_payload` document. */
const MAX_FORM_BYTES = MEDIA_MAX_BYTES + MAX_JSON_BYTES

const WRITES = new Set(['POST', 'PATCH', 'PUT'])

/** What an endpoint that declares a `form` body (declaredBodies.ts) may be sent: a few fields. */
export const MAX_FORM_FIELDS_BYTES = 16 * 1024
const MB = (bytes: number) => Math.round(bytes / 1024 / 1024)

type Handler<A extends unknown[]> = (request: Request, ...rest: A) => Promise<Response>

/**
 * Checks what Payload's REST handlers take on trust before they run: Payload reads a body of any
 * size, ignores one of a type it does not know (and then saves `undefined`), and walks the parsed
 * JSON recursively, so each of these ended in a 500. Refusals say what is wrong and leave the
 * request unread by Payload, so nothing is written.
 */
export function guardRequest<A extends unknown[]>(
  handler: Handler<A>,
  config: Promise<SanitizedConfig> | SanitizedConfig,
): Handler<A> {
  let routes: ReturnType<typeof declaredBodies> | undefined
  return async (request, ...rest) => {
    routes ??= declaredBodies(await config)
    return (await refusal(request, routes)) ?? handler(request, ...rest)
  }
}

async function refusal(request: Request, routes: ReturnType<typeof declaredBodies>): Promise<Response | null> {
  const query = queryProblem(new URL(request.url).searchParams)
  if (query) return Response.json(fieldErrors([query]), { status: 400 })
  if (!WRITES.has(request.method.toUpperCase()) || request.body === null) return null

  const contentType = request.headers.get('content-type') ?? ''
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase()
  const declared = declaredBody(routes, request.method, new URL(request.url).pathname)
  if (type === 'multipart/form-data' && declared === 'file') return null
  // The admin's list searches: POST with a query string as body, answered as a GET. Payload reads
  // that body whole into the URL, so it is bounded like a JSON body.
  if (type === 'application/x-www-form-urlencoded' && isGetOverride(request)) {
    return (await readAtMost(request.clone(), MAX_JSON_BYTES)) ? null : tooLarge(MAX_JSON_BYTES)
  }
  if (type === 'application/x-www-form-urlencoded' && declared === 'form') {
    const fields = await readAtMost(request.clone(), MAX_FORM_FIELDS_BYTES)
    return fields
      ? null
      : Response.json(
          requestError(
            `Das Formular ist größer als ${MAX_FORM_FIELDS_BYTES / 1024} KB / the form is larger than ${MAX_FORM_FIELDS_BYTES / 1024} KB`,
          ),
          { status: 413 },
        )
  }
  if (type && type !== 'application/json' && type !== 'multipart/form-data') return unsupported(type)

  const limit = type === 'multipart/form-data' ? MAX_FORM_BYTES : MAX_JSON_BYTES
  const body = await readAtMost(request.clone(), limit)
  if (!body) return tooLarge(limit)
  if (body.size === 0) return null
  if (!type) return unsupported('')
  if (type === 'multipart/form-data') return formProblem(body, contentType)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await body.arrayBuffer())
  } catch {
    return Response.json(
      requestError('Der Request-Body ist kein gültiges UTF-8 / the request body is not valid UTF-8'),
      { status: 400 },
    )
  }
  return documentProblem(text, { de: 'Der Request-Body', en: 'the request body' })
}

function tooLarge(limit: number): Response {
  const message = `Der Request-Body ist größer als ${MB(limit)} MB / the request body is larger than ${MB(limit)} MB`
  return Response.json(requestError(message), { status: 413 })
}

function isGetOverride(request: Request): boolean {
  const override =
    request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override')
  return request.method.toUpperCase() === 'POST' && override?.toUpperCase() === 'GET'
}

function unsupported(type: string): Response {
  const message = type
    ? `Der Content-Type ${quote(type)} wird nicht unterstützt, bitte application/json oder multipart/form-data senden / unsupported Content-Type ${quote(type)}, send application/json or multipart/form-data`
    : 'Der Request-Body hat keinen Content-Type, bitte application/json oder multipart/form-data angeben / the request body has no Content-Type, send application/json or multipart/form-data'
  return Response.json(requestError(message), { status: 415 })
}

/** The body, or null once it passes `limit` bytes (read no further, whatever Content-Length says). */
async function readAtMost(request: Request, limit: number): Promise<Blob | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null
  const reader = request.body!.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return new Blob(chunks)
    size += value.byteLength
    if (size > limit) {
      // Not awaited: a cancelled branch of a cloned body settles only once the other one is done too.
      reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value as Uint8Array<ArrayBuffer>)
  }
}

type What = { de: string; en: string }

function documentProblem(text: string, what: What): Response | null {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    const detail = (error as Error).message.slice(0, 120)
    return Response.json(requestError(`${what.de} ist kein gültiges JSON / ${what.en} is not valid JSON (${detail})`), {
      status: 400,
    })
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return Response.json(requestError(`${what.de} muss ein JSON-Objekt sein / ${what.en} must be a JSON object`), {
      status: 400,
    })
  }
  const problem = shapeProblem(document as Record<string, unknown>)
  return problem ? Response.json(fieldErrors([problem]), { status: 400 }) : null
}

/** Payload reads a form's document from its `_payload` field, unchecked: without it it saves nothing valid. */
async function formProblem(body: Blob, contentType: string): Promise<Response | null> {
  let form: FormData
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData()
  } catch {
    return Response.json(
      requestError(
        'Der Request-Body ist kein gültiges multipart/form-data / the request body is not valid multipart/form-data',
      ),
      { status: 400 },
    )
  }
  const document = form.get('_payload')
  if (typeof document !== 'string') {
    const problem: Problem = {
      path: '_payload',
      message:
        'Das Formularfeld _payload mit dem Dokument als JSON fehlt / the form field _payload with the document as JSON is missing',
    }
    return Response.json(fieldErrors([problem]), { status: 400 })
  }
  return documentProblem(document, { de: 'Das Formularfeld _payload', en: 'the form field _payload' })
}

/** PostgreSQL cannot compare text with a NUL character in it; name the parameter instead of failing. */
function queryProblem(params: URLSearchParams): Problem | null {
  for (const [name, value] of params) {
    if (name.includes('\u0000') || value.includes('\u0000')) {
      return {
        path: quote(name),
        message: 'Der Parameter enthält ein NUL-Zeichen / the parameter contains a NUL character',
      }
    }
  }
  return null
}
