import { createHash } from 'node:crypto'
import type { RuntimeExtension, S3ClientConfig } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import type { CollectionConfig, Plugin } from 'payload'
import { type Env, readEnv } from '../../lib/env.ts'
import { Media } from './index.ts'

type Upload = Exclude<CollectionConfig['upload'], boolean | undefined>
type AuthScheme = ReturnType<Parameters<RuntimeExtension['configure']>[0]['httpAuthSchemes']>[number]
type SignedRequest = Parameters<AuthScheme['signer']['sign']>[0]

/** The Cache-Control the collection answers its files with (its modifyResponseHeaders). */
export function mediaCacheControl(upload = Media.upload as Upload): string {
  const headers = upload.modifyResponseHeaders?.({ headers: new Headers() }) ?? undefined
  const value = headers?.get('Cache-Control')
  if (!value) throw new Error('the media collection sets no Cache-Control on its files')
  return value
}

/** PutObject, and CreateMultipartUpload, which the plugin uses from 50 MB on (lib-storage). */
const createsObject = ({ method, query }: SignedRequest) =>
  (method === 'PUT' && query?.['x-id'] === 'PutObject') ||
  (method === 'POST' && query !== undefined && 'uploads' in query)

/**
 * Writes Cache-Control onto every object the client creates. The plugin has no option for it (it
 * sets only Content-Type), and the client it makes takes no middleware, but it takes extensions:
 * this one wraps the signer and adds the header where the SDK puts the CacheControl parameter
 * (SigV4 never signs Cache-Control, so the request is the one `CacheControl: …` would make). A
 * Cache-Control already set is kept; parts, copies and reads are left as they are.
 */
export const objectCacheControl = (cacheControl: string): RuntimeExtension => ({
  configure(extension) {
    for (const scheme of [...extension.httpAuthSchemes()]) {
      const { signer } = scheme
      extension.setHttpAuthScheme({
        ...scheme,
        signer: {
          sign: (request, identity, properties) => {
            if (
              createsObject(request) &&
              !Object.keys(request.headers).some((name) => name.toLowerCase() === 'cache-control')
            ) {
              request.headers['cache-control'] = cacheControl
            }
            return signer.sign(request, identity, properties)
          },
        },
      })
    }
  },
})

/**
 * Re-processing a stored upload (a new focal point or crop, a duplicate) needs its file again. From
 * MEDIA_DIR Payload reads it from disk; from the bucket it fetches its URL, `/api/media/file/…` on
 * this server, and that as the editor: with the cookie (the admin) or the bearer token (REST
 * clients) the request came with, so the file's read access applies as to any download. Payload's
 * safe fetch would refuse the address of a server on localhost or behind a proxy, so this server's
 * file URLs, and only these, are fetched without it. Other URLs (an upload by URL) get no
 * credentials at all.
 */
function fetchOwnFiles(upload: Upload, serverURL: string): Upload {
  const { origin, protocol, hostname, port } = new URL(serverURL)
  const pathname = '/api/media/file/'
  const own = (url: string) =>
    URL.canParse(url) && new URL(url).origin === origin && new URL(url).pathname.startsWith(pathname)
  return {
    ...upload,
    skipSafeFetch: [
      { protocol: protocol.replace(/:$/, '') as 'http' | 'https', hostname, port, pathname: `${pathname}*` },
    ],
    externalFileHeaderFilter: (headers, context) => {
      if (!context?.isSameOrigin || !own(context.url)) return {}
      const { cookie, authorization } = headers
      return { ...(cookie ? { cookie } : {}), ...(authorization ? { authorization } : {}) }
    },
  }
}

/**
 * Uploads of the media collection go to S3_BUCKET (any S3-compatible store) when it is set, else to
 * MEDIA_DIR. Files are still served through Payload (`/api/media/file/…`), so the collection's read
 * access and response headers apply to both storages; the bucket stays private. The plugin's fields
 * (`prefix`, `_objectKey`) exist either way (`alwaysInsertFields`), so the schema and its migrations
 * do not depend on the storage.
 */
export function mediaStorage(env: Env = readEnv()): Plugin {
  const { S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env
  const cacheControl = mediaCacheControl()
  const config: S3ClientConfig = {
    endpoint: S3_ENDPOINT,
    region: S3_REGION,
    forcePathStyle: S3_FORCE_PATH_STYLE,
    // readEnv() requires both with S3_BUCKET.
    credentials:
      S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY
        ? { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY }
        : undefined,
    extensions: [objectCacheControl(cacheControl)],
    // The SDK's default CRC32 checksums are refused by some S3-compatible stores (as in the site target).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }
  // The plugin keeps one client per key for the life of the process; keyed by everything the
  // client is made from, a changed endpoint or key (a config reloaded in development) gets a new one.
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        S3_BUCKET,
        S3_ENDPOINT,
        S3_REGION,
        S3_FORCE_PATH_STYLE,
        S3_ACCESS_KEY_ID,
        S3_SECRET_ACCESS_KEY,
        cacheControl,
      ]),
    )
    .digest('hex')
    .slice(0, 16)
  const plugin = s3Storage({
    enabled: Boolean(S3_BUCKET),
    alwaysInsertFields: true,
    bucket: S3_BUCKET ?? '',
    clientCacheKey: `media:${fingerprint}`,
    collections: { media: true },
    config,
  })
  if (!S3_BUCKET) return plugin
  return (incoming) =>
    plugin({
      ...incoming,
      collections: incoming.collections?.map((collection) =>
        collection.slug === 'media'
          ? { ...collection, upload: fetchOwnFiles(collection.upload as Upload, env.SERVER_URL) }
          : collection,
      ),
    })
}
