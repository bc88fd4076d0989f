import JSZip from 'jszip'
import { ImportRefused } from './refusal.ts'

const ZIP = [0x50, 0x4b, 0x03, 0x04]
// Word saves a password-protected .docx, and any old .doc, as a Compound File (OLE), not as a zip.
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte)

// Text and pictures of a press release unpack to a few MB; far more is a zip bomb, not a release.
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024
const unpackedSize = (zip: JSZip) =>
  Object.values(zip.files).reduce(
    // JSZip reads each entry's size from the central directory but does not type it.
    (sum, entry) =>
      sum + ((entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0),
    0,
  )

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
  try {
    // Only the directory is read here, nothing unpacked: its sizes decide whether to unpack at all.
    zip = await JSZip.loadAsync(bytes)
  } catch {
    throw new ImportRefused(
      'Die Word-Datei ist beschädigt und lässt sich nicht öffnen',
      'the Word file is corrupt and cannot be opened',
    )
  }
  if (unpackedSize(zip) > MAX_UNPACKED_BYTES) {
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
