import { createHash } from 'node:crypto'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Locale, PressRelease } from '@masterplan/shared'
import type { StaticPath } from './cache-key.ts'
import { env } from './cms.ts'
import { releases, type Shown } from './data.ts'
import { type PhotoNotes, withPressPhotos } from './press-photos.ts'
import { perDocument } from './static-paths.ts'
import { releasePath } from './urls.ts'

/**
 * The PDF of each release page is printed by Chromium from the live page (scripts/pdfs.ts, run by
 * `publish.ts --pdfs`, which the CMS queues after a build), into a folder beside Astro's cache that
 * no build empties. A PDF is named by the page's cache key and the site's code, so it is printed
 * again exactly when what the page shows (or how it is styled) changes; the build after it links it.
 */
const PDF_DIR: string = import.meta.env.SITE_PDF_DIR
const CODE: string = import.meta.env.SITE_CODE_DIGEST

/** What publish.ts prints: the page to print, the PDF's file, and the date its metadata carries. */
export type WantedPdf = { page: string; key: string; date: string }

export const PDF_FILE = 'medieninformation.pdf'
export const pdfFile = (key: string) => path.join(PDF_DIR, `${key}.pdf`)
export const pdfPath = (locale: Locale, slug: string) => `${releasePath(locale, slug)}${PDF_FILE}`

type ReleasePath = StaticPath<{ locale: Locale; shown: Shown<PressRelease>; photos: Record<string, PhotoNotes> }> & {
  cacheKey: string
}
export type WithPdf = StaticPath<{
  locale: Locale
  shown: Shown<PressRelease>
  photos: Record<string, PhotoNotes>
  pdf: { key: string; size: number } | null
}> & {
  cacheKey: string
}

/**
 * Adds to each release page its PDF, if one is printed for what it shows now (else the page goes
 * without the link until the PDF exists), and records which PDFs the pages want. The size is part
 * of the key, so a page is rendered again once its PDF appears.
 */
function withPdfs(staticPaths: ReleasePath[]): WithPdf[] {
  const wanted: WantedPdf[] = []
  const result = staticPaths.map((staticPath) => {
    const { locale, shown } = staticPath.props
    // The PDF's links and its printed address are absolute: another public origin prints it again.
    const key = createHash('sha256').update(staticPath.cacheKey).update(CODE).update(env.SITE_URL).digest('base64url')
    wanted.push({ page: releasePath(locale, shown.doc.slug), key, date: shown.doc.releaseDate })
    const size = statSync(pdfFile(key), { throwIfNoEntry: false })?.size
    const pdf = size ? { key, size } : null
    return {
      ...staticPath,
      props: { ...staticPath.props, pdf },
      cacheKey: pdf ? `${staticPath.cacheKey}.${size}` : staticPath.cacheKey,
    }
  })
  mkdirSync(PDF_DIR, { recursive: true })
  writeFileSync(path.join(PDF_DIR, 'wanted.json'), JSON.stringify(wanted))
  return result
}

let releasePages: Promise<WithPdf[]> | undefined

/**
 * getStaticPaths of the release pages, their PDFs and their press photos (press-photos.ts): worked out
 * once per build for all three routes.
 */
export const releasePagesWithPdfs = () => (releasePages ??= perDocument(releases).then(withPressPhotos).then(withPdfs))
