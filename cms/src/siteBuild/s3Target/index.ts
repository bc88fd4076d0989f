import { S3Client } from '@aws-sdk/client-s3'
import { readEnv } from '../../lib/env.ts'
import { purgeCdn } from './purge.ts'
import { syncFolder } from './sync.ts'

/**
 * Uploads a built site (the local target's `live` folder) to SITE_S3_BUCKET and purges the changed
 * paths at CDN_PURGE_URL. Returns the log lines naming every object written or deleted.
 */
export async function uploadSite(dir: string): Promise<string> {
  const env = readEnv()
  const bucket = env.SITE_S3_BUCKET!
  const client = new S3Client({
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    // Required with SITE_BUILD_TARGET=s3 (env.ts).
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! },
    // The SDK's default CRC32 checksums are refused by some S3-compatible stores; ContentMD5 guards the bytes.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  try {
    const { uploaded, unchanged, deleted } = await syncFolder({ client, bucket, dir })
    const log = [
      `s3://${bucket}: ${uploaded.length} uploaded, ${unchanged} unchanged, ${deleted.length} deleted`,
      ...uploaded.map((key) => `uploaded ${key}`),
      ...deleted.map((key) => `deleted ${key}`),
    ]
    if (env.CDN_PURGE_URL) {
      const paths = await purgeCdn(env.CDN_PURGE_URL, [...uploaded, ...deleted]).catch((error: Error) => {
        throw new Error(
          `${error.message}. The bucket s3://${bucket} already holds the new site (${uploaded.length} uploaded, ${deleted.length} deleted); ` +
            'only the CDN may serve old copies until they expire',
        )
      })
      log.push(`CDN purge: ${paths.length} path(s)`)
    }
    return log.join('\n')
  } finally {
    client.destroy()
  }
}
