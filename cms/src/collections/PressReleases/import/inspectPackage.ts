import JSZip from 'jszip'
import { IMPORT_LIMITS } from './limits.ts'
import { Refusal } from './refusal.ts'

const ZIP = [0x50, 0x4b, 0x03, 0x04]
// Word saves a password-protected .docx, and any old .doc, as a Compound File (OLE), not as a zip.
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte)

// Text and pictures of a press release unpack to a few MB; far more is a zip bomb, not a release.
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024

/** JSZip's documented entry stream, which its type declarations leave out. */
type EntryStream = {
  on(event: 'data', listener: (chunk: Uint8Array) => void): EntryStream
  on(event: 'error', listener: (error: Error) => void): EntryStream
  on(event: 'end', listener: () => void): EntryStream
  pause(): EntryStream
  resume(): EntryStream
}
type Streamable = { internalStream(type: 'uint8array'): EntryStream }

const DOCUMENT_PART = 'word/document.xml'

/**
 * Whether the entries unpack to at most `limit` bytes, and the text part to at most the import's
 * limit, counted as they come out and stopped at the limit: the sizes in the zip's directory are
 * the sender's claim (JSZip checks them only after unpacking an entry whole, by then 10 MB may have
 * become 10 GB). A broken entry rejects.
 */
async function unpacksWithin(zip: JSZip, limit: number): Promise<'ok' | 'package' | 'document'> {
  let total = 0
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue
    const partLimit = entry.name === DOCUMENT_PART ? IMPORT_LIMITS.documentBytes : Number.POSITIVE_INFINITY
    let part = 0
    const within = await new Promise<'ok' | 'package' | 'document'>((resolve, reject) => {
      const stream = (entry as unknown as Streamable).internalStream('uint8array')
      stream.on('data', (chunk) => {
        total += chunk.length
        part += chunk.length
        if (total > limit || part > partLimit) {
          stream.pause()
          resolve(part > partLimit ? 'document' : 'package')
        }
      })
      stream.on('error', reject)
      stream.on('end', () => resolve('ok'))
      stream.resume()
    })
    if (within !== 'ok') return within
  }
  return 'ok'
}

const MACRO_TYPE = /application\/vnd\.ms-word\.(document|template)\.macroEnabled/i
const EMBEDDED_PART = /^word\/(embeddings\/|activeX\/)|oleObject/i

/** The package is a readable Word document without code or foreign objects in it; else the reason. */
export async function inspectPackage(bytes: Uint8Array, filename: string): Promise<JSZip> {
  if (startsWith(bytes, COMPOUND_FILE)) {
    throw new Refusal(
      'Die Datei ist passwortgeschützt (verschlüsselt) oder im alten Word-Format .doc; bitte ohne Kennwort als .docx speichern',
      'the file is password-protected (encrypted) or an old .doc; save it as .docx without a password',
    )
  }
  if (!startsWith(bytes, ZIP)) {
    throw new Refusal(`„${filename}“ ist keine Word-Datei (.docx)`, `"${filename}" is not a Word file (.docx)`, 415)
  }
  let zip: JSZip
  let within: 'ok' | 'package' | 'document'
  try {
    zip = await JSZip.loadAsync(bytes)
    within = await unpacksWithin(zip, MAX_UNPACKED_BYTES)
  } catch {
    throw new Refusal(
      'Die Word-Datei ist beschädigt und lässt sich nicht öffnen',
      'the Word file is corrupt and cannot be opened',
    )
  }
  if (within === 'document') {
    const mb = IMPORT_LIMITS.documentBytes / 1024 / 1024
    throw new Refusal(
      `Der Text des Dokuments entpackt sich zu mehr als ${mb} MB; so lang ist keine Medieninformation. Bitte kürzen oder aufteilen`,
      `the document's text unpacks to more than ${mb} MB, longer than any press release`,
    )
  }
  if (within === 'package') {
    throw new Refusal(
      `Die Word-Datei entpackt sich zu mehr als ${MAX_UNPACKED_BYTES / 1024 / 1024} MB und wird nicht gelesen`,
      `the Word file unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB and is not read`,
    )
  }
  const types = await zip.file('[Content_Types].xml')?.async('string')
  if (!types || !zip.file(DOCUMENT_PART)) {
    throw new Refusal(
      `„${filename}“ ist ein Zip-Archiv, aber kein Word-Dokument (.docx)`,
      `"${filename}" is a zip archive but not a Word document (.docx)`,
      415,
    )
  }
  const parts = Object.keys(zip.files)
  if (MACRO_TYPE.test(types) || parts.some((part) => /vbaProject\.bin$/i.test(part))) {
    throw new Refusal(
      'Das Dokument enthält Makros (.docm); bitte als Word-Dokument ohne Makros (.docx) speichern',
      'the document contains macros (.docm); save it as a Word document without macros (.docx)',
    )
  }
  const embedded = parts.filter((part) => EMBEDDED_PART.test(part))
  if (embedded.length > 0) {
    throw new Refusal(
      `Das Dokument enthält eingebettete Objekte (${embedded.length}, z. B. Excel-Tabellen oder OLE-Objekte); bitte entfernen oder als Bild einfügen`,
      `the document contains embedded objects (${embedded.length}, e.g. Excel sheets or OLE objects); remove them or paste them as pictures`,
    )
  }
  return zip
}
