import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type S3Server, startS3Server } from '../scripts/s3-server.ts'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { mediaCacheControl, objectCacheControl } from '../src/collections/Media/storage.ts'
import { imageUpload, validDocument } from './helpers/documents.ts'

/**
 * Media uploads on an S3-compatible store (fauxqs, in this process), through a real
 * CMS server with S3_BUCKET set: what lands in the bucket, what is served through
 * `/api/media/file/…` to whom, and what is removed again.
 */
const BUCKET = 'media'
const PASSWORD = 'correct-horse-battery-staple'
let s3: S3Server
let cms: TestCms
let admin: string
let press: string
let partner: number

type Upload = {
  id: number
  filename: string
  mimeType: string
  filesize: number
  url: string
  focalX: number
  focalY: number
  sizes: Record<string, { filename: string | null; url: string | null }>
}
type Reply = { status: number; body: any }

async function api(
  method: string,
  path: string,
  { token, json, form }: { token?: string; json?: unknown; form?: FormData } = {},
): Promise<Reply> {
  const headers = new Headers(token ? { Authorization: `JWT ${token}` } : {})
  if (json !== undefined) headers.set('Content-Type', 'application/json')
  const response = await fetch(`${cms.url}/api${path}`, {
    method,
    headers,
    body: form ?? (json === undefined ? undefined : JSON.stringify(json)),
    signal: AbortSignal.timeout(30_000),
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}

/** A file download from the CMS, signed in when a token is given. */
const download = (name: string, { token, headers }: { token?: string; headers?: Record<string, string> } = {}) =>
  fetch(`${cms.url}/api/media/file/${encodeURIComponent(name)}`, {
    headers: { ...(token ? { Authorization: `JWT ${token}` } : {}), ...headers },
    signal: AbortSignal.timeout(30_000),
  })

/** The status of a download, its body read and dropped. */
const statusOf = async (response: Promise<Response>) => {
  const r = await response
  await r.arrayBuffer()
  return r.status
}

/** A PNG uploaded through REST by the press office, and the bytes it sent. */
async function upload(): Promise<{ doc: Upload; bytes: Uint8Array }> {
  const form = await imageUpload()
  const bytes = new Uint8Array(await (form.get('file') as Blob).arrayBuffer())
  const reply = await api('POST', '/media', { token: press, form })
  if (reply.status !== 201) throw new Error(`upload: ${reply.status} ${JSON.stringify(reply.body)}`)
  return { doc: reply.body.doc, bytes }
}

/** The original and every image size: each is one object. */
const filesOf = (doc: Upload) => [
  doc.filename,
  ...Object.values(doc.sizes).flatMap((size) => (size.filename ? [size.filename] : [])),
]
const keysInBucket = async () => new Set((await s3.list(BUCKET)).map((object) => object.Key))
const head = (key: string) => s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

beforeAll(async () => {
  // On a thread of its own: startTestCms loads the fixtures, whose media go into the bucket, with spawnSync.
  s3 = await startS3Server()
  // Before the CMS starts, for the same reason.
  await s3.createBucket(BUCKET)
  cms = await startTestCms({ env: { ...s3.env, S3_BUCKET: BUCKET } })
  const created = await fetch(`${cms.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@media-s3.example', password: PASSWORD, role: 'admin' }),
  })
  admin = (await created.json()).token
  expect(
    (
      await api('POST', '/users', {
        token: admin,
        json: { email: 'presse@media-s3.example', password: PASSWORD, role: 'press' },
      })
    ).status,
  ).toBe(201)
  press = (await api('POST', '/users/login', { json: { email: 'presse@media-s3.example', password: PASSWORD } })).body
    .token
  partner = (
    await api('POST', '/partners', {
      token: admin,
      json: { ...validDocument('partners', { partner: 0 }), _status: 'published' },
    })
  ).body.doc.id
}, 600_000)

afterAll(async () => {
  await cms?.stop()
  await s3?.stop()
})

describe('media uploads with S3_BUCKET set', () => {
  it('store the original and every image size as objects with Content-Type and Cache-Control, nothing in MEDIA_DIR', async () => {
    const { doc, bytes } = await upload()
    const files = filesOf(doc)
    expect(files).toHaveLength(5) // the original, thumbnail, medium, large, og
    const keys = await keysInBucket()
    for (const file of files) {
      expect(keys, file).toContain(file)
      const object = await head(file)
      expect(object.ContentType, file).toBe('image/png')
      expect(object.CacheControl, file).toBe(mediaCacheControl())
    }
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: doc.filename }))
    expect(new Uint8Array(await stored.Body!.transformToByteArray())).toEqual(bytes)
    // Still served by the CMS, not from the bucket's address.
    expect(doc.url).toBe(`${cms.url}/api/media/file/${doc.filename}`)
    const local = await readdir(cms.env.MEDIA_DIR!, { recursive: true }).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? [] : Promise.reject(error),
    )
    expect(local).toEqual([])
  })

  it('serve files to staff through Payload, with the collection’s headers, an ETag and byte ranges', async () => {
    const { doc, bytes } = await upload()
    const response = await download(doc.filename, { token: press })
    expect(response.status).toBe(200)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe(mediaCacheControl())
    expect(response.headers.get('vary')).toMatch(/Cookie/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    const etag = response.headers.get('etag')
    expect(etag).toBe((await head(doc.filename)).ETag)

    const part = await download(doc.filename, { token: press, headers: { Range: 'bytes=0-99' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`)
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(0, 100))

    const unchanged = await download(doc.filename, { token: press, headers: { 'If-None-Match': etag! } })
    expect(unchanged.status).toBe(304)
    expect(await unchanged.arrayBuffer()).toHaveProperty('byteLength', 0)
    expect(unchanged.headers.get('etag')).toBe(etag)
    expect(unchanged.headers.get('cache-control')).toBe(mediaCacheControl())
    expect(
      await statusOf(
        download(doc.filename, { token: press, headers: { 'If-None-Match': '"0123456789abcdef0123456789abcdef"' } }),
      ),
    ).toBe(200)

    const size = doc.sizes.og!.filename!
    const og = await download(size, { token: press })
    expect(og.status).toBe(200)
    expect(og.headers.get('content-type')).toBe('image/png')
    expect(og.headers.get('cache-control')).toBe(mediaCacheControl())
    expect(og.headers.get('etag')).toBe((await head(size)).ETag)
    await og.arrayBuffer()

    expect(await statusOf(download('gibt-es-nicht.png', { token: press }))).toBe(404)
  })

  it('keep the files of an embargoed release from anonymous readers, sizes and conditional requests included, until it is public', async () => {
    const { doc } = await upload()
    const files = filesOf(doc)
    const etags = Object.fromEntries(
      await Promise.all(files.map(async (file) => [file, (await head(file)).ETag!] as const)),
    )
    const created = await api('POST', '/press-releases', {
      token: admin,
      json: {
        ...validDocument('press-releases', { partner }),
        _status: 'published',
        embargoUntil: inMinutes(2),
        images: [{ image: doc.id }],
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const release = created.body.doc.id

    expect((await api('GET', `/media/${doc.id}`)).status).toBe(404)
    for (const file of files) {
      expect([403, 404], file).toContain(await statusOf(download(file)))
      // Knowing the ETag must not turn a refusal into "not modified".
      expect([403, 404], file).toContain(await statusOf(download(file, { headers: { 'If-None-Match': etags[file]! } })))
      expect(await statusOf(download(file, { token: press })), file).toBe(200)
    }

    const lifted = await api('PATCH', `/press-releases/${release}`, {
      token: admin,
      json: { embargoUntil: inMinutes(-1), _status: 'published' },
    })
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200)
    expect((await api('GET', `/media/${doc.id}`)).status).toBe(200)
    for (const file of files) {
      const response = await download(file)
      await response.arrayBuffer()
      expect(response.status, file).toBe(200)
      expect(response.headers.get('cache-control'), file).toBe(mediaCacheControl())
      expect(response.headers.get('etag'), file).toBe(etags[file])
      // What the site build's image cache sends when its copy is older than max-age.
      expect(await statusOf(download(file, { headers: { 'If-None-Match': etags[file]! } })), file).toBe(304)
    }
  })

  it('keep the files of a draft release from anonymous readers', async () => {
    const { doc } = await upload()
    const created = await api('POST', '/press-releases', {
      token: admin,
      json: { ...validDocument('press-releases', { partner }), _status: 'draft', images: [{ image: doc.id }] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    for (const file of filesOf(doc)) expect([403, 404], file).toContain(await statusOf(download(file)))
  })

  it('re-make the image sizes from the stored original when the focal point changes', async () => {
    // Private (used nowhere): the CMS fetches the original from itself as the signed-in editor.
    const { doc } = await upload()
    const sizes = filesOf(doc).slice(1)
    for (const size of sizes) await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: size }))
    // As the admin sends a new focal point: as an upload edit in the query.
    const edits = new URLSearchParams({ 'uploadEdits[focalPoint][x]': '10', 'uploadEdits[focalPoint][y]': '10' })
    const reply = await api('PATCH', `/media/${doc.id}?${edits}`, { token: press, json: {} })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.doc).toMatchObject({ focalX: 10, focalY: 10, filename: doc.filename })
    expect(filesOf(reply.body.doc)).toEqual(filesOf(doc))
    const keys = await keysInBucket()
    for (const file of filesOf(doc)) expect(keys, file).toContain(file)
    for (const size of sizes) expect((await head(size)).CacheControl, size).toBe(mediaCacheControl())
  })

  it('replace the objects when a new file is uploaded to the document', async () => {
    const { doc } = await upload()
    const reply = await api('PATCH', `/media/${doc.id}`, { token: press, form: await imageUpload() })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const keys = await keysInBucket()
    for (const file of filesOf(doc)) expect(keys, file).not.toContain(file)
    for (const file of filesOf(reply.body.doc)) expect(keys, file).toContain(file)
  })

  it('remove the original and every image size from the bucket when the document is deleted', async () => {
    const { doc } = await upload()
    const keysBefore = await keysInBucket()
    for (const file of filesOf(doc)) expect(keysBefore).toContain(file)
    expect((await api('DELETE', `/media/${doc.id}`, { token: press })).status).toBe(200)
    const keys = await keysInBucket()
    for (const file of filesOf(doc)) {
      expect(keys, file).not.toContain(file)
      expect(await statusOf(download(file, { token: press })), file).toBe(404)
    }
  })
})

describe('the media bucket’s client', () => {
  /** The requests as signed and sent, over the client's own middleware stack. */
  function recordingClient(cacheControl: string) {
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.env.S3_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! },
      extensions: [objectCacheControl(cacheControl)],
    })
    const sent: { method: string; query: Record<string, unknown>; headers: Record<string, string> }[] = []
    type Middleware = Parameters<typeof client.middlewareStack.addRelativeTo>[0]
    const record = ((next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
      const request = args.request as (typeof sent)[number]
      sent.push({ method: request.method, query: { ...request.query }, headers: { ...request.headers } })
      return next(args)
    }) as unknown as Middleware
    client.middlewareStack.addRelativeTo(record, {
      name: 'recordSignedRequest',
      relation: 'after',
      toMiddleware: 'httpSigningMiddleware',
    })
    return { client, sent }
  }
  const signedHeaders = (headers: Record<string, string>) =>
    /SignedHeaders=([^,]+)/.exec(headers.authorization ?? '')?.[1]?.split(';') ?? []

  it('writes Cache-Control onto created objects, as the SDK sends its own CacheControl parameter, and onto nothing else', async () => {
    const { client, sent } = recordingClient('public, max-age=60')
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'probe/put.txt', Body: 'x', ContentType: 'text/plain' }),
    )
    const added = sent.at(-1)!
    expect(added.headers['cache-control']).toBe('public, max-age=60')
    expect((await head('probe/put.txt')).CacheControl).toBe('public, max-age=60')

    // One the caller sets itself is kept, and goes out the same way (SigV4 never signs Cache-Control).
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'probe/own.txt',
        Body: 'x',
        ContentType: 'text/plain',
        CacheControl: 'no-store',
      }),
    )
    const own = sent.at(-1)!
    expect(own.headers['cache-control']).toBe('no-store')
    expect(signedHeaders(added.headers)).toEqual(signedHeaders(own.headers))
    expect((await head('probe/own.txt')).CacheControl).toBe('no-store')

    // Files of 50 MB and more go up in parts: the object is created by CreateMultipartUpload.
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'probe/parts.txt', ContentType: 'text/plain' }),
    )
    expect(sent.at(-1)!.headers['cache-control']).toBe('public, max-age=60')
    const { ETag } = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: 'probe/parts.txt', UploadId, PartNumber: 1, Body: 'teil' }),
    )
    expect(sent.at(-1)!.headers['cache-control']).toBeUndefined()
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'probe/parts.txt',
        UploadId,
        MultipartUpload: { Parts: [{ ETag, PartNumber: 1 }] },
      }),
    )
    expect((await head('probe/parts.txt')).CacheControl).toBe('public, max-age=60')

    const { Body } = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'probe/put.txt' }))
    await Body!.transformToString()
    expect(sent.at(-1)!.headers['cache-control']).toBeUndefined()
    client.destroy()
  })
})
