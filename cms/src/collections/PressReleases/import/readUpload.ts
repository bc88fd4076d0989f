import type { PayloadRequest } from 'payload'
import { ImportRefused } from './importRefused.ts'
import { boundaryOf, readFormFile } from './multipart.ts'
import { DOCX_MAX_BYTES } from './refusal.ts'

// The multipart framing around the file: boundaries, headers, the file name.
const FORM_OVERHEAD = 64 * 1024
const MB = DOCX_MAX_BYTES / 1024 / 1024

const tooLarge = () =>
  new ImportRefused(
    `Die Word-Datei ist größer als ${MB} MB; bitte Bilder verkleinern oder einzeln hochladen`,
    `the Word file is larger than ${MB} MB; shrink the pictures or upload them separately`,
    413,
  )

/** The body, read no further than the limit, whatever Content-Length claims. */
async function readBounded(req: PayloadRequest): Promise<Buffer> {
  if (Number(req.headers.get('content-length') ?? 0) > DOCX_MAX_BYTES + FORM_OVERHEAD) throw tooLarge()
  const reader = req.body?.getReader()
  if (!reader) return Buffer.alloc(0)
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    size += value.byteLength
    if (size > DOCX_MAX_BYTES + FORM_OVERHEAD) {
      reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value as Uint8Array<ArrayBuffer>)
  }
}

/** The Word file from the multipart field `file`. */
export async function readUpload(req: PayloadRequest): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = req.headers.get('content-type') ?? ''
  const missing = new ImportRefused(
    'Bitte die Word-Datei als multipart/form-data im Feld „file“ senden',
    'send the Word file as multipart/form-data in the field "file"',
  )
  const boundary = boundaryOf(contentType)
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !boundary) throw missing
  const file = readFormFile(await readBounded(req), boundary, 'file')
  if (!file || file.bytes.length === 0) throw missing
  if (file.bytes.length > DOCX_MAX_BYTES) throw tooLarge()
  return { name: file.name || 'word.docx', bytes: file.bytes }
}
