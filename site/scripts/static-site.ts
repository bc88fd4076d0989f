/**
 * The request handler of the bundled static server (scripts/serve.ts): the built site from a folder
 * that may be a symlink swapped by a publish. Nothing is listed or cached per folder: each request
 * resolves the link and opens its one file, so a swap, or a folder being removed, is never read half.
 */
import type { Stats } from 'node:fs'
import { type FileHandle, open, readFile, realpath } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CompressedCopies, MAX_COMPRESS_ON_REQUEST, negotiateEncoding } from './compression.ts'
import { type Encoding, ENCODINGS, hashOpenFile } from './content-hash.ts'
import { contentTypeFor, isCompressible } from './content-types.ts'

export type SiteHandlerOptions = {
  /** The built site, or a symlink to it. */
  root: string
  /** Compressed copies written at build time (scripts/precompress.ts), if any. */
  compressedDir?: string | null
  /** Sent with every answer (the security headers). */
  headers?: Record<string, string>
  log?: (line: string) => void
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** Hashed names never change their bytes; everything else must be revalidated so a publish shows at once. */
const IMMUTABLE = /^\/(_astro\/|pagefind\/(index\/|fragment\/|[^/]*\.pf_meta$))/
const cacheControlFor = (urlPath: string) =>
  IMMUTABLE.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache'

/** Content hashes by file identity: an unchanged file (the same inode, size and time) is hashed once. */
const HASHES_KEPT = 100_000
const hashes = new Map<string, Promise<string>>()
function hashOf(handle: FileHandle, stats: Stats): Promise<string> {
  const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`
  let hash = hashes.get(key)
  if (!hash) {
    hash = hashOpenFile(handle, stats.size)
    hash.catch(() => hashes.delete(key))
    hashes.set(key, hash)
    if (hashes.size > HASHES_KEPT) hashes.delete(hashes.keys().next().value!)
  }
  return hash
}

class BadRequest extends Error {}

/** The URL's path, decoded and checked: no `..`, no NUL, no hidden files (except .well-known). */
function sitePath(url: string): { urlPath: string; hidden: boolean } {
  const raw = url.split('?')[0]!.split('#')[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    throw new BadRequest('malformed URL')
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) throw new BadRequest('bad path')
  const segments = decoded.split('/').filter(Boolean)
  if (segments.some((segment) => segment === '..' || segment === '.')) throw new BadRequest('bad path')
  const hidden = segments.some((segment) => segment.startsWith('.') && segment !== '.well-known')
  const urlPath = `/${segments.join('/')}${decoded.endsWith('/') && segments.length ? '/' : ''}`
  return { urlPath, hidden }
}

/** `If-None-Match` holds the tag (weak comparison, RFC 9110 13.1.2), or `*`. */
function noneMatch(header: string, etag: string): boolean {
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === bare
  })
}

const notModifiedSince = (header: string | undefined, mtime: Date) => {
  const since = header ? Date.parse(header) : Number.NaN
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since
}

/** One `bytes=` range of a file of `size` bytes; `null` to send all of it; 'unsatisfiable' for a 416. */
function rangeOf(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match || (!match[1] && !match[2])) return null
  if (!match[1]) {
    const suffix = Number(match[2])
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1
  if (start >= size) return 'unsatisfiable'
  if (end < start) return null
  return { start, end }
}

export function createSiteHandler({
  root,
  compressedDir = null,
  headers = {},
  log = console.error,
}: SiteHandlerOptions): Handler {
  const copies = new CompressedCopies(compressedDir)
  const common = (res: ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  }

  async function notFound(req: IncomingMessage, res: ServerResponse, folder: string | null) {
    const page = folder ? await readFile(path.join(folder, '404.html')).catch(() => null) : null
    const body = page ?? Buffer.from('Nicht gefunden / Not found')
    res.writeHead(404, {
      'Content-Type': page ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const plain = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    if (res.headersSent) return void res.destroy()
    const body = Buffer.from(text)
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...extra })
    res.end(body)
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    common(res)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
    const { urlPath, hidden } = sitePath(req.url ?? '/')
    const folder = await realpath(root).catch(() => null)
    if (!folder)
      return plain(res, 503, 'Die Website wird gerade erstellt / The site is being built', { 'Retry-After': '5' })
    if (hidden) return notFound(req, res, folder)
    const wanted = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath
    let handle = await open(path.join(folder, wanted), 'r').catch(() => null)
    try {
      const stats = handle ? await handle.stat() : null
      if (!urlPath.endsWith('/') && (!stats || stats.isDirectory())) {
        // One address per page, the one with the slash that the site links: the other redirects to it.
        const index = await open(path.join(folder, urlPath, 'index.html'), 'r').catch(() => null)
        if (index) {
          await index.close()
          const query = req.url!.includes('?') ? req.url!.slice(req.url!.indexOf('?')) : ''
          res.writeHead(301, { Location: `${encodeURI(`${urlPath}/`)}${query}`, 'Cache-Control': 'no-cache' })
          return void res.end()
        }
      }
      if (!handle || !stats?.isFile()) return notFound(req, res, folder)

      const contentType = contentTypeFor(wanted)
      const status = wanted === '/404.html' ? 404 : 200
      const hash = await hashOf(handle, stats)
      const compressible = isCompressible(contentType) && stats.size >= 256
      let encoding: Encoding | null = compressible ? negotiateEncoding(req.headers['accept-encoding']) : null
      if (encoding && stats.size > MAX_COMPRESS_ON_REQUEST && !compressedDir) encoding = null
      const etag = `"${hash}${encoding ? `-${ENCODINGS[encoding]}` : ''}"`
      const validators: Record<string, string> = {
        ETag: etag,
        'Last-Modified': stats.mtime.toUTCString(),
        'Cache-Control': cacheControlFor(urlPath),
        ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
      }
      const ifNoneMatch = req.headers['if-none-match']
      if (
        status === 200 &&
        (ifNoneMatch ? noneMatch(ifNoneMatch, etag) : notModifiedSince(req.headers['if-modified-since'], stats.mtime))
      ) {
        res.writeHead(304, validators)
        return void res.end()
      }

      if (encoding) {
        const body = await copies.get(hash, encoding, handle)
        res.writeHead(status, {
          ...validators,
          'Content-Type': contentType,
          'Content-Encoding': encoding,
          'Content-Length': body.length,
        })
        return void res.end(req.method === 'HEAD' ? undefined : body)
      }

      // Ranges (a PDF viewer's) on the bytes as they are; If-Range must name this very file.
      const ifRange = req.headers['if-range']
      const rangeAllowed = status === 200 && (!ifRange || ifRange === etag || ifRange === validators['Last-Modified'])
      const range = rangeAllowed ? rangeOf(req.headers.range, stats.size) : null
      if (range === 'unsatisfiable') {
        res.writeHead(416, { 'Content-Range': `bytes */${stats.size}` })
        return void res.end()
      }
      const { start, end } = range ?? { start: 0, end: stats.size - 1 }
      res.writeHead(range ? 206 : status, {
        ...validators,
        'Content-Type': contentType,
        'Content-Length': Math.max(0, end - start + 1),
        'Accept-Ranges': 'bytes',
        ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stats.size}` } : {}),
      })
      if (req.method === 'HEAD' || stats.size === 0) return void res.end()
      // The stream closes the file when it is done.
      const stream = handle.createReadStream({ start, end, autoClose: true })
      handle = null
      await pipeline(stream, res)
    } finally {
      await handle?.close().catch(() => {})
    }
  }

  return (req, res) => {
    serve(req, res).catch((error: Error) => {
      if (error instanceof BadRequest) return plain(res, 400, `Bad request: ${error.message}`)
      // A reader that went away mid-file is not the server's error.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return
      log(`Site server: ${req.method} ${req.url} failed: ${error.stack ?? error.message}`)
      plain(res, 500, 'Interner Fehler / Internal error')
    })
  }
}
