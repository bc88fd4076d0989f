/** A file part of a multipart/form-data body. */
export type FormFile = { name: string; bytes: Uint8Array }

// A part's headers are a few lines; far longer ones are not a browser's.
const MAX_PART_HEADERS = 16 * 1024

/** The boundary from a multipart Content-Type header, or null. */
export function boundaryOf(contentType: string): string | null {
  const at = contentType.toLowerCase().indexOf('boundary=')
  if (at < 0) return null
  let value = contentType
    .slice(at + 'boundary='.length)
    .split(';')[0]!
    .trim()
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
  return value.length > 0 && value.length <= 200 ? value : null
}

/** A parameter of a Content-Disposition header: `filename*=UTF-8''…` (RFC 5987) before `filename="…"`. */
function parameter(disposition: string, name: string): string | undefined {
  for (const piece of disposition.split(';')) {
    const [key = '', ...rest] = piece.split('=')
    const value = rest.join('=').trim()
    const k = key.trim().toLowerCase()
    if (k === `${name}*` && /^utf-8''/i.test(value)) {
      try {
        return decodeURIComponent(value.slice("utf-8''".length))
      } catch {
        return undefined
      }
    }
    if (k === name) return value.replace(/^"|"$/g, '').replace(/%22/g, '"')
  }
  return undefined
}

/**
 * The part named `field` of a multipart/form-data body, found with the buffer's native search for
 * the boundary. (undici's formData() parses in JavaScript: a 9 MB upload held the server's thread
 * for a second.) Null when there is no such part or the body is not well-formed.
 */
export function readFormFile(body: Buffer, boundary: string, field: string): FormFile | null {
  const delimiter = Buffer.from(`--${boundary}`)
  const separator = Buffer.from(`\r\n--${boundary}`)
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) return null
    const headStart = afterDelimiter + 2
    const headEnd = body.indexOf('\r\n\r\n', headStart)
    if (headEnd < 0 || headEnd - headStart > MAX_PART_HEADERS) return null
    const next = body.indexOf(separator, headEnd + 4)
    if (next < 0) return null
    const headers = body.subarray(headStart, headEnd).toString('utf8').split('\r\n')
    const disposition = headers.find((line) => /^content-disposition\s*:/i.test(line)) ?? ''
    if (parameter(disposition, 'name') === field) {
      const name = parameter(disposition, 'filename')
      if (name === undefined) return null
      return { name, bytes: body.subarray(headEnd + 4, next) }
    }
    at = next + 2
  }
  return null
}
