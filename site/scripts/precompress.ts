import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { contentHash, ENCODINGS } from './content-hash.ts'
import { filesBelow } from './relink-unchanged.ts'
import { contentTypeFor, isCompressible } from './content-types.ts'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Scripts, styles, the search's entry, feeds, sitemaps, calendars: few files, loaded on every visit. Pages are compressed on request (scripts/compression.ts). */
const atBuildTime = (file: string) => !file.endsWith('.html') && isCompressible(contentTypeFor(file))
const MIN_BYTES = 256
/** Copies no build has used for this long are removed. */
const UNUSED_MS = 14 * 24 * 60 * 60_000

/**
 * Writes brotli (strongest setting) and gzip copies of the build's text assets into `store`, named by
 * content hash, where scripts/serve.ts finds them. Copies stay outside the build folder, which other
 * targets upload as it is. Unchanged files already have their copies: only new bytes are compressed.
 */
export async function precompress(
  dir: string,
  store: string,
  allFiles?: string[],
): Promise<{ compressed: number; reused: number }> {
  await mkdir(store, { recursive: true })
  const files = (allFiles ?? (await filesBelow(dir))).filter((file) => atBuildTime(file))
  let compressed = 0
  let reused = 0
  const now = new Date()
  for (const file of files) {
    const bytes = await readFile(file)
    if (bytes.length < MIN_BYTES) continue
    const hash = contentHash(bytes)
    const brFile = path.join(store, `${hash}.${ENCODINGS.br}`)
    const gzFile = path.join(store, `${hash}.${ENCODINGS.gzip}`)
    if (existsSync(brFile) && existsSync(gzFile)) {
      // Marks the copies as in use, so they outlive the clean-up below.
      await Promise.all([utimes(brFile, now, now), utimes(gzFile, now, now)])
      reused++
      continue
    }
    const [br, gz] = await Promise.all([
      brotli(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
      gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ])
    // Written under another name first: the server never reads half a copy.
    await Promise.all([writeAtomically(brFile, br), writeAtomically(gzFile, gz)])
    compressed++
  }
  await dropUnused(store, now.getTime())
  return { compressed, reused }
}

async function writeAtomically(file: string, bytes: Buffer) {
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, bytes)
  await rename(temporary, file)
}

async function dropUnused(store: string, now: number) {
  for (const name of await readdir(store)) {
    const file = path.join(store, name)
    const { mtimeMs } = await stat(file)
    if (now - mtimeMs > UNUSED_MS) await rm(file, { force: true })
  }
}
