import type { Media } from '@masterplan/shared'
import { env } from './cms.ts'

/** Files are served from the site itself under /medien/, copied from the CMS at build time. */
export const mediaPath = (filename: string) => `/medien/${encodeURIComponent(filename)}`

/** The CMS URL to fetch a file from during the build (relative URLs are resolved against CMS_URL). */
export const cmsFileUrl = (url: string) => new URL(url, env.CMS_URL).toString()

/** The 1200×630 social card of an image, when the CMS made one. */
export function ogImageOf(media: Media | null): string | null {
  const og = media?.sizes?.og
  return og?.filename ? mediaPath(og.filename) : null
}
