import path from 'node:path'
import { startS3Server } from '@masterplan/cms/testing'
import { buildsIn } from '../lib/build-records.ts'
import type { Bench } from '../lib/context.ts'
import { createRelease } from '../lib/releases.ts'
import { table } from '../lib/table.ts'
import { secondsUntilServed, sleep } from '../lib/wait.ts'

/**
 * The `s3` target: the CMS server restarted with it against a local S3-compatible server, a first
 * publish that fills the bucket, then one more release published and timed until a reader gets its
 * page from the bucket; the bucket's listing before and after counts the objects that one publish
 * wrote or deleted.
 */
export async function publishToBucket(bench: Bench, releases: number): Promise<void> {
  const { cms } = bench
  bench.progress(`publish-to-live with the s3 target at ${releases} releases`)
  const s3 = await startS3Server()
  await s3.createBucket('site')
  await cms.stopServer()
  await cms.startServer({
    ...s3.env,
    SITE_BUILD_TARGET: 's3',
    SITE_S3_BUCKET: 'site',
    SITE_TARGET_DIR: path.join(bench.work, 'site-s3'),
  })
  const payload = await bench.localApi()
  const listing = async () =>
    new Map((await s3.list('site')).map((o) => [o.Key!, `${o.ETag} ${o.LastModified?.toISOString()}`]))
  const inBucket = (slug: string, from: number) =>
    secondsUntilServed(
      s3.objectUrl('site', `aktuelles/${slug}/index.html`),
      from,
      10 * 60_000,
      `${slug} never reached the bucket`,
    )
  const builds = () => buildsIn(payload, ['success', 'failed'])
  /** The page reaches the bucket before the build's last pages and its deletions: wait for the build's end. */
  const buildEnded = async (before: number) => {
    while ((await builds()) === before) await sleep(250)
  }
  const publish = (slug: string) => createRelease(payload, { slug, status: 'published' })
  try {
    let done = await builds()
    let started = Date.now()
    await publish('messung-s3-erst')
    const firstS = await inBucket('messung-s3-erst', started)
    await buildEnded(done)
    const before = await listing()
    done = await builds()
    started = Date.now()
    await publish('messung-s3')
    const publishS = await inBucket('messung-s3', started)
    await buildEnded(done)
    const after = await listing()
    const written = [...after].filter(([key, version]) => before.get(key) !== version).length
    const deleted = [...before.keys()].filter((key) => !after.has(key)).length
    bench.results.publishToBucket = { releases, firstS, objects: after.size, publishS, written, deleted }
    bench.print(
      table(
        `Publish-to-live, s3 target (${releases} releases)`,
        ['figure', 'value'],
        [
          ['first publish: empty bucket → page in the bucket (s)', firstS],
          ['objects in the bucket', after.size],
          ['one more release: publish → page in the bucket (s)', publishS],
          ['objects written by that publish', written],
          ['objects deleted by that publish', deleted],
        ],
      ),
    )
  } finally {
    await cms.stopServer()
    await cms.startServer()
    await s3.stop()
  }
}
