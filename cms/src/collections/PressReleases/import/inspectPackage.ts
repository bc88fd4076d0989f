import JSZip from 'jszip'
import { ImportRefused } from './refusal.ts'

const ZIP = [0x50, 0x4b, 0x03, 0x04]
// Word saves a password-protected .docx, and any old .doc, as a Compound File (OLE), not as a zip.
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte)

// Text and pictures of a press release unpack to a few MB; far more is a zip bomb, not a release.
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024

/** JSZip's documented entry stream, which its type declarations leave out. */
type EntryStream = {
  on(event: 'data', listener: (chunk: Uint8Array) => void): EntryStream
  on(event: 'error', listener: (error: Error) => void): EntryStream
  on(event: 'end', listener: () => void): EntryStream
  pause(): EntryStream
  resume(): EntryStream
}
type Streamable = { internalStream(type: 'uint8array'): EntryStream }

/**
 * Whether the entries unpack to at most `limit` bytes, counted as they come out and stopped at the
 * limit: the sizes in the zip's directory are the sender's claim (JSZip checks them only after
 * unpacking an entry whole, by then 10 MB may have become 10 GB). A broken entry rejects.
 */
async function unpacksWithin(zip: JSZip, limit: number): Promise<boolean> {
  let total = 0
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue
    const within = await new Promise<boolean>((resolve, reject) => {
      const stream = (entry as unknown as Streamable).internalStream('uint8array')
      stream.on('data', (chunk) => {
        total += chunk.length
        if (total > limit) {
          stream.pause()
          resolve(false)
        }
      })
      stream.on('error', reject)
      stream.on('end', () => resolve(true))
      stream.resume()
    })
    if (!within) return false
  }
  return true
}

const MACRO_TYPE = /application\/vnd\.ms-word\.(document|template)\.macroEnabled/i
const EMBEDDED_PART = /^word\/(embeddings\/|activeX\/)|oleObject/i

/** The package is a readable Word document without code or foreign objects in it; else the reason. */
export async function inspectPackage(bytes: Uint8Array, filename: string): Promise<JSZip> {
  if (startsWith(bytes, COMPOUND_FILE)) {
    throw new ImportRefused(
      'Die Datei ist passwortgeschützt (verschlüsselt) oder im alten Word-Format .doc; bitte ohne Kennwort als .docx speichern',
      'the file is password-protected (encrypted) or an old .doc; save it as .docx without a password',
    )
  }
  if (!startsWith(bytes, ZIP)) {
    throw new ImportRefused(
      `„${filename}“ ist keine Word-Datei (.docx)`,
      `"${filename}" is not a Word file (.docx)`,
      415,
    )
  }
  let zip: JSZip
  let within: boolean
  try {
    zip = await JSZip.loadAsync(bytes)
    within = await unpacksWithin(zip, MAX_UNPACKED_BYTES)
  } catch {
    throw new ImportRefused(
      'Die Word-Datei ist beschädigt und lässt sich nicht öffnen',
      'the Word file is corrupt and cannot be opened',
    )
  }
  if (!within) {
    throw new ImportRefused(
      `Die Word-Datei entpackt sich zu mehr als ${MAX_UNPACKED_BYTES / 1024 / 1024} MB und wird nicht gelesen`,
      `the Word file unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB and is not read`,
    )
  }
  const types = await zip.file('[Content_Types].xml')?.async('string')
  if (!types || !zip.file('word/document.xml')) {
    throw new ImportRefused(
      `„${filename}“ ist ein Zip-Archiv, aber kein Word-Dokument (.docx)`,
      `"${filename}" is a zip archive but not a Word document (.docx)`,
      415,
    )
  }
  const parts = Object.keys(zip.files)
  if (MACRO_TYPE.test(types) || parts.some((part) => /vbaProject\.bin$/i.test(part))) {
    throw new ImportRefused(
      'Das Dokument enthält Makros (.docm); bitte als Word-Dokument ohne Makros (.docx) speichern',
      'the document contains macros (.docm); save it as a Word document without macros (.docx)',
    )
  }
  const embedded = parts.filter((part) => EMBEDDED_PART.test(part))
  if (embedded.length > 0) {
    throw new ImportRefused(
      `Das Dokument enthält eingebettete Objekte (${embedded.length}, z. B. Excel-Tabellen oder OLE-Objekte); bitte entfernen oder als Bild einfügen`,
      `the document contains embedded objects (${embedded.length}, e.g. Excel sheets or OLE objects); remove them or paste them as pictures`,
    )
  }
  return zip
}
