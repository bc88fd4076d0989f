import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'
import { transactionDb } from '../../db/transaction.ts'

/** Every field of the editorial collections that holds media; a test compares it with the config. */
export const MEDIA_FIELDS = [
  'press-releases.images.image',
  'press-releases.attachments',
  'partners.logo',
  'pages.videos.video',
  'pages.videos.captions',
] as const

/**
 * Ids of the uploads that a document the public can see uses (MEDIA_FIELDS), or, given `only`, that
 * one upload's id if it is among them. One SQL statement, because this runs for every anonymous
 * read of media: each file a site build downloads, each page of releases that populates images.
 * Reading the documents through the Local API instead takes time in proportion to them (0.43 s at
 * 2,000 releases with images, against 2 ms for this query).
 *
 * "Public" has to mean what the collections' read access says: a press release is published and
 * its embargo has passed (against the server's clock, as PressReleases does), a partner or a page
 * is published. A draft saved over a published document lives in the versions tables until it is
 * published, so the main tables read here hold only what the public sees.
 */
export async function publicMediaIds(req: PayloadRequest, only?: number): Promise<number[]> {
  const db = await transactionDb(req)
  const now = new Date().toISOString()
  const publicRelease = sql`p._status = 'published' AND (p.embargo_until IS NULL OR p.embargo_until <= ${now})`
  const used = (column: ReturnType<typeof sql>) =>
    only === undefined ? sql`${column} IS NOT NULL` : sql`${column} = ${only}`
  const { rows } = await db.execute<{ id: number }>(sql`
    SELECT i.image_id AS id FROM press_releases_images i JOIN press_releases p ON p.id = i._parent_id
      WHERE ${used(sql`i.image_id`)} AND ${publicRelease}
    UNION
    SELECT r.media_id FROM press_releases_rels r JOIN press_releases p ON p.id = r.parent_id
      WHERE r.path = 'attachments' AND ${used(sql`r.media_id`)} AND ${publicRelease}
    UNION
    SELECT logo_id FROM partners WHERE ${used(sql`logo_id`)} AND _status = 'published'
    UNION
    SELECT v.video_id FROM pages_videos v JOIN pages pg ON pg.id = v._parent_id
      WHERE ${used(sql`v.video_id`)} AND pg._status = 'published'
    UNION
    SELECT v.captions_id FROM pages_videos v JOIN pages pg ON pg.id = v._parent_id
      WHERE ${used(sql`v.captions_id`)} AND pg._status = 'published'`)
  return rows.map((row) => row.id)
}
