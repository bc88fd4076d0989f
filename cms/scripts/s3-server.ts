/**
 * A real S3-compatible server (fauxqs, in this process) for tests and benchmarks: the CMS and the
 * site target talk to it over HTTP with the AWS SDK, exactly as to a cloud bucket. fauxqs runs on
 * Node 24 (s3rver does not: it needs the DES cipher OpenSSL 3 dropped), keeps MD5 ETags,
 * Content-Type, Cache-Control and metadata, pages ListObjectsV2 and answers anonymous GETs, so a
 * test can read the published site back from the bucket like a CDN would.
 */
import { CreateBucketCommand, ListObjectsV2Command, S3Client, type _Object } from '@aws-sdk/client-s3'
import { startFauxqs } from 'fauxqs'

export type S3Server = {
  endpoint: string
  /** How the CMS reaches this server; S3_BUCKET (media) or SITE_S3_BUCKET (site) name the bucket. */
  env: Record<string, string>
  client: S3Client
  createBucket: (bucket: string) => Promise<void>
  /** Every object of a bucket, paging through the listing. */
  list: (bucket: string) => Promise<_Object[]>
  /** The anonymous URL of an object, as a reader behind a CDN would fetch it. */
  objectUrl: (bucket: string, key: string) => string
  stop: () => Promise<void>
}

const REGION = 'eu-central-1'
const CREDENTIALS = { accessKeyId: 'test-key', secretAccessKey: 'test-secret' }

export async function startS3Server(): Promise<S3Server> {
  const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false, defaultRegion: REGION })
  const endpoint = `http://127.0.0.1:${server.port}`
  const client = new S3Client({ endpoint, region: REGION, forcePathStyle: true, credentials: CREDENTIALS })
  return {
    endpoint,
    client,
    env: {
      S3_ENDPOINT: endpoint,
      S3_REGION: REGION,
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    createBucket: async (bucket) => {
      await client.send(new CreateBucketCommand({ Bucket: bucket }))
    },
    list: async (bucket) => {
      const objects: _Object[] = []
      let token: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))
        objects.push(...(page.Contents ?? []))
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
      return objects
    },
    objectUrl: (bucket, key) => `${endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
    stop: async () => {
      client.destroy()
      await server.stop()
    },
  }
}
