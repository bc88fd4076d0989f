import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'

/**
 * The name of a file's bytes: the server's ETag and the key of its compressed copies. The same bytes
 * give the same name in every build, so a rebuilt but unchanged file keeps its validator.
 */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22)
}

const CHUNK = 256 * 1024

/** The same hash read from an open file, a chunk at a time (the file may be a large PDF). */
export async function hashOpenFile(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)))
  for (let position = 0; position < size; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position)
    if (bytesRead === 0) break
    hash.update(buffer.subarray(0, bytesRead))
    position += bytesRead
  }
  return hash.digest('base64url').slice(0, 22)
}

/** Encodings the site is served in, with the suffix of their precompressed copies. */
export const ENCODINGS = { br: 'br', gzip: 'gz' } as const
export type Encoding = keyof typeof ENCODINGS
