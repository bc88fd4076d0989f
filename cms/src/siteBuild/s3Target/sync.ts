import { createHash } from 'node:crypto'
import { readdir, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { PHASES, ruleFor } from './objectRules.ts'

export type SyncResult = { uploaded: string[]; unchanged: number; deleted: string[] }

type Options = {
  client: S3Client
  bucket: string
  /** The built site; a symlink (the `live` link) is resolved once, so a later swap cannot mix two builds. */
  dir: string
  concurrency?: number
}

/** The SDK's words for a failure ("NoSuchBucket: The specified bucket does not exist"), with what was tried. */
function s3Failure(what: string, error: unknown): Error {
  const { name, message, code } = error as Error & { code?: string }
  const parts = [name !== 'Error' && name, code, message].filter((part): part is string => Boolean(part))
  return new Error(`${what} failed: ${[...new Set(parts)].join(': ') || String(error)}`, { cause: error })
}

/** Runs `work` over the items, at most `limit` at a time; after a failure no new item starts. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!
      await work(item).catch((error) => {
        failed = true
        throw error
      })
    }
  }
  // Every running request ends before the error is thrown, so nothing writes after the build failed.
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker))
  const failure = results.find((result) => result.status === 'rejected')
  if (failure) throw failure.reason
}

/** Key → MD5 (hex) of every file of the build. */
async function localFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(
      path.relative(root, file).split(path.sep).join('/'),
      createHash('md5')
        .update(await readFile(file))
        .digest('hex'),
    )
  }
  return files
}

/** Key → ETag of every object in the bucket. */
async function bucketObjects(client: S3Client, bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>()
  let token: string | undefined
  do {
    const page = await client
      .send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))
      .catch((error) => {
        throw s3Failure(`listing the bucket s3://${bucket}`, error)
      })
    for (const object of page.Contents ?? []) objects.set(object.Key!, object.ETag ?? '')
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return objects
}

/**
 * A single-part upload's ETag is the quoted MD5 of its bytes. A multipart one (with a '-') is not,
 * and neither is an encrypted one: those count as changed, which costs an upload, never a stale file.
 */
const isUnchanged = (etag: string | undefined, md5: string) =>
  etag !== undefined && etag.replaceAll('"', '').toLowerCase() === md5

/**
 * Makes the bucket hold exactly the files of `dir`, writing only what changed: first the assets,
 * then what loads them, then the pages (objectRules.ts), and deletes last, so that a reader never
 * gets a page naming a file that is not there yet.
 */
export async function syncFolder({ client, bucket, dir, concurrency = 8 }: Options): Promise<SyncResult> {
  const root = await realpath(dir)
  const local = await localFiles(root)
  // A wrong or empty folder would otherwise empty the bucket, i.e. take the public site down.
  if (!local.has('index.html'))
    throw new Error(`${root} holds no index.html; the bucket s3://${bucket} is left as it is`)
  const remote = await bucketObjects(client, bucket)

  const changed = [...local]
    .filter(([key, md5]) => !isUnchanged(remote.get(key), md5))
    .map(([key]) => key)
    .sort()
  const uploaded: string[] = []
  for (const phase of PHASES) {
    await eachLimited(
      changed.filter((key) => ruleFor(key).phase === phase),
      concurrency,
      async (key) => {
        const { contentType, cacheControl } = ruleFor(key)
        const body = await readFile(path.join(root, ...key.split('/')))
        await client
          .send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: body,
              ContentType: contentType,
              CacheControl: cacheControl,
              // The store checks the bytes it received against the MD5 the next sync compares with.
              ContentMD5: Buffer.from(local.get(key)!, 'hex').toString('base64'),
            }),
          )
          .catch((error) => {
            throw s3Failure(`uploading s3://${bucket}/${key}`, error)
          })
        uploaded.push(key)
      },
    )
  }

  const gone = [...remote.keys()].filter((key) => !local.has(key)).sort()
  const deleted: string[] = []
  await eachLimited(gone, concurrency, async (key) => {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch((error) => {
      throw s3Failure(`deleting s3://${bucket}/${key}`, error)
    })
    deleted.push(key)
  })
  return { uploaded: uploaded.sort(), unchanged: local.size - changed.length, deleted: deleted.sort() }
}
