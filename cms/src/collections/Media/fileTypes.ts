import type { MEDIA_MIME_TYPES } from '@masterplan/shared'

type MediaMimeType = (typeof MEDIA_MIME_TYPES)[number]
type Signature = {
  mime: MediaMimeType
  extensions: [canonical: string, ...others: string[]]
  matches: (head: Uint8Array) => boolean
}

/** How many leading bytes `detectFileType` needs. */
export const HEAD_BYTES = 16

const ascii = (head: Uint8Array, offset: number, text: string) =>
  [...text].every((char, i) => head[offset + i] === char.charCodeAt(0))
const bytes = (head: Uint8Array, expected: number[]) => expected.every((byte, i) => head[i] === byte)

/**
 * The magic numbers of the media types the collection accepts, the same ones file-type (which Payload
 * uses) looks for. Keyed by the shared list, so a type added there cannot be forgotten here.
 */
const signatures: { [M in MediaMimeType]: Signature & { mime: M } } = {
  'image/jpeg': {
    mime: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe'],
    matches: (h) => bytes(h, [0xff, 0xd8, 0xff]),
  },
  'image/png': {
    mime: 'image/png',
    extensions: ['png'],
    matches: (h) => bytes(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  'image/webp': {
    mime: 'image/webp',
    extensions: ['webp'],
    matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP'),
  },
  'image/avif': {
    mime: 'image/avif',
    extensions: ['avif'],
    matches: (h) => ascii(h, 4, 'ftyp') && (ascii(h, 8, 'avif') || ascii(h, 8, 'avis')),
  },
  'application/pdf': { mime: 'application/pdf', extensions: ['pdf'], matches: (h) => ascii(h, 0, '%PDF-') },
  // ISO base media: a `ftyp` box of any brand but the still-image ones (AVIF above, HEIF).
  'video/mp4': {
    mime: 'video/mp4',
    extensions: ['mp4', 'm4v'],
    matches: (h) =>
      ascii(h, 4, 'ftyp') && !['avif', 'avis', 'heic', 'heix', 'mif1', 'msf1'].some((b) => ascii(h, 8, b)),
  },
  // The EBML header of Matroska, which WebM is.
  'video/webm': { mime: 'video/webm', extensions: ['webm'], matches: (h) => bytes(h, [0x1a, 0x45, 0xdf, 0xa3]) },
  // WebVTT starts with its name (after an optional byte-order mark), then a space, tab or line end.
  'text/vtt': {
    mime: 'text/vtt',
    extensions: ['vtt'],
    matches: (h) => {
      const start = bytes(h, [0xef, 0xbb, 0xbf]) ? 3 : 0
      const after = h[start + 6]
      return ascii(h, start, 'WEBVTT') && (after === undefined || [0x20, 0x09, 0x0a, 0x0d].includes(after))
    },
  },
}

export type FileType = { mime: MediaMimeType; extensions: readonly string[] }

/** The accepted media type the bytes are, whatever the file is called; null for anything else. */
export function detectFileType(head: Uint8Array): FileType | null {
  return Object.values(signatures).find((s) => s.matches(head)) ?? null
}

/** The file name with an extension of its detected type: kept when it already is one, else replaced. */
export function nameForType(filename: string, type: FileType): string {
  const dot = filename.lastIndexOf('.')
  const [stem, extension] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot + 1)] : [filename, '']
  return type.extensions.includes(extension.toLowerCase()) ? filename : `${stem}.${type.extensions[0]}`
}

/** The accepted type with this MIME type, if it is one. */
export const fileTypeOf = (mime: string): FileType | null =>
  Object.values(signatures).find((s) => s.mime === mime) ?? null
