import type { FileHandle } from 'node:fs/promises'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { ENCODINGS, type Encoding } from './content-hash.ts'

/**
 * The encoding to send for an `Accept-Encoding` header: brotli before gzip, either only where the
 * client accepts it with a weight above 0; `null` for the bytes as they are.
 */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const weight = q ? Number(q.slice(2)) : 1
    weights.set(name, Number.isFinite(weight) ? weight : 0)
  }
  const weightOf = (name: string) => weights.get(name) ?? (weights.has('*') ? weights.get('*')! : 0)
  const br = weightOf('br')
  const gzip = weightOf('gzip')
  if (br > 0 && br >= gzip) return 'br'
  if (gzip > 0) return 'gzip'
  return null
}

/** Files larger than this are sent as they are unless a copy was compressed at build time. */
export const MAX_COMPRESS_ON_REQUEST = 8 * 1024 * 1024
/** What the compressed copies made on request may hold in memory. */
const CACHE_BYTES = 64 * 1024 * 1024

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Compressed copies by content hash: those written at build time (scripts/precompress.ts, strongest
 * setting) are read from `storeDir`; others (the pages) are made on the first request, off the main
 * thread (zlib runs in Node's thread pool), at a quick setting, and kept in memory.
 */
export class CompressedCopies {
  private cache = new Map<string, Buffer>()
  private cachedBytes = 0
  private pending = new Map<string, Promise<Buffer>>()
  private storeDir: string | null

  constructor(storeDir: string | null) {
    this.storeDir = storeDir
  }

  async get(hash: string, encoding: Encoding, source: FileHandle): Promise<Buffer> {
    const key = `${hash}.${ENCODINGS[encoding]}`
    const cached = this.cache.get(key)
    if (cached) {
      // Most recently used last: the oldest entry is the first to go.
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    const stored = this.storeDir ? await readFile(path.join(this.storeDir, key)).catch(() => null) : null
    if (stored) return stored
    let making = this.pending.get(key)
    if (!making) {
      making = (async () => {
        const bytes = await source.readFile()
        const compressed =
          encoding === 'br'
            ? await brotli(bytes, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                },
              })
            : await gzip(bytes, { level: 6 })
        this.keep(key, compressed)
        return compressed
      })().finally(() => this.pending.delete(key))
      this.pending.set(key, making)
    }
    return making
  }

  private keep(key: string, bytes: Buffer) {
    this.cache.set(key, bytes)
    this.cachedBytes += bytes.length
    for (const [oldKey, old] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break
      this.cache.delete(oldKey)
      this.cachedBytes -= old.length
    }
  }
}
