import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { DEFAULT_USAGE_TERMS, IMAGE_MAX_PIXELS, type Locale, type Media, type PressRelease } from '@masterplan/shared'
import type { StaticPath } from './cache-key.ts'
import { isMedia, type Shown } from './data.ts'
import { cmsFileUrl } from './media.ts'

/**
 * Press photos: each image of a published release is offered beside its figure in print quality, at
 * the size it was uploaded in, with its credit and terms of use written into the file (XMP, the IPTC
 * Core properties newsroom systems read). The files are made at build time from the originals the
 * CMS serves to anonymous readers (so an embargoed release's original never reaches a build), kept
 * in a folder beside Astro's cache under a name made of everything they contain, and made again only
 * when that changes.
 */
const DIR: string = import.meta.env.SITE_PRESS_PHOTO_DIR

/** How the files are made; part of their names, so a change here makes every file again. */
const RENDERING = { version: 1, jpeg: { quality: 95 }, sharp: sharp.versions }

/** One press photo file as the pages link it and the site serves it. */
export type PressPhoto = {
  /** Its name in the cache folder and the part of the page's key that stands for the file. */
  key: string
  /** The site address: /medien/druck/<upload id>/<upload's name>.<jpg|png>. */
  path: string
  mimeType: 'image/jpeg' | 'image/png'
  width: number
  height: number
  /** Bytes. */
  size: number
}

/** What a release page shows beside one of its images. */
export type PhotoNotes = {
  file: PressPhoto
  terms: string
  /** The language of `terms`: German on an English page whose upload has no English terms. */
  termsLang: Locale
}

/** Per locale: the German text is always there; English only where it is known. */
type Texts = { de: string; en?: string }

/** A localized field of an upload in both languages; `en` is the English read, which falls back to German. */
function bothLanguages(de: string | null | undefined, en: Media | undefined, english: (m: Media) => unknown) {
  const value = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
  const inEnglish = en ? value(english(en)) : undefined
  // The same text in both reads is the German one, shown where no English was written.
  return { de: value(de), en: inEnglish !== undefined && inEnglish !== value(de) ? inEnglish : undefined }
}

/** The terms of use of an upload in both languages; empty fields mean the standard terms. */
export function usageTerms(de: Media, en?: Media): Texts {
  const written = bothLanguages(de.usageTerms, en, (m) => m.usageTerms)
  if (written.de === undefined) return { de: DEFAULT_USAGE_TERMS.de, en: written.en ?? DEFAULT_USAGE_TERMS.en }
  return { de: written.de, en: written.en }
}

// XML 1.0 allows tab, line feed, carriage return and the characters from U+0020 on, except surrogates and U+FFFE/F.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const xmlText = (text: string) =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** An XMP language alternative: German is the default, English follows where there is one. */
const langAlt = (texts: Texts) =>
  `<rdf:Alt>${[
    ['x-default', texts.de],
    ['de', texts.de],
    ['en', texts.en],
  ]
    .filter(([, text]) => text !== undefined)
    .map(([lang, text]) => `<rdf:li xml:lang="${lang}">${xmlText(text!)}</rdf:li>`)
    .join('')}</rdf:Alt>`

/**
 * The XMP packet of a press photo: the credit as IPTC's Credit Line and Copyright Notice, the terms
 * of use as Rights Usage Terms and the alternative text as IPTC's Alt Text (Accessibility), each in
 * German and, where known, English.
 */
export function pressPhotoXmp(credit: string, terms: Texts, alt: Texts): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"',
    ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"',
    ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">',
    `<photoshop:Credit>${xmlText(credit)}</photoshop:Credit>`,
    `<dc:rights>${langAlt({ de: credit })}</dc:rights>`,
    `<xmpRights:UsageTerms>${langAlt(terms)}</xmpRights:UsageTerms>`,
    `<Iptc4xmpCore:AltTextAccessibility>${langAlt(alt)}</Iptc4xmpCore:AltTextAccessibility>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n')
}

/** PNG stays PNG (graphics, transparency, no loss); photos in any other format become JPEG, which every newsroom takes. */
const outputOf = (media: Media) =>
  media.mimeType === 'image/png'
    ? ({ mimeType: 'image/png', ext: 'png' } as const)
    : ({ mimeType: 'image/jpeg', ext: 'jpg' } as const)

/** The file's address: under the upload's id, so uploads of the same name never meet, with the upload's own name. */
const sitePath = (media: Media, ext: string) =>
  `/medien/druck/${media.id}/${encodeURIComponent(`${media.filename.replace(/\.[^.]+$/, '')}.${ext}`)}`

/** The cached file of a key. */
export const pressPhotoFile = (photo: Pick<PressPhoto, 'key' | 'mimeType'>) =>
  path.join(DIR, `${photo.key}.${photo.mimeType === 'image/png' ? 'png' : 'jpg'}`)

type Made = Pick<PressPhoto, 'width' | 'height' | 'size'>

/**
 * Makes the file from the original: turned upright, its colour profile kept, every other piece of
 * the original's metadata (camera, GPS position) left out, the XMP written in. Decoding stops at the
 * CMS's pixel limit, whatever the file claims.
 */
async function make(media: Media, xmp: string, file: string, mimeType: PressPhoto['mimeType']): Promise<Made> {
  const response = await fetch(cmsFileUrl(media.url))
  if (!response.ok) throw new Error(`press photo of ${media.filename}: the CMS answered HTTP ${response.status}`)
  const image = sharp(Buffer.from(await response.arrayBuffer()), { limitInputPixels: IMAGE_MAX_PIXELS })
    .autoOrient()
    .keepIccProfile()
    .withXmp(xmp)
  const encoded = mimeType === 'image/png' ? image.png() : image.flatten({ background: '#ffffff' }).jpeg(RENDERING.jpeg)
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
  // Written whole and renamed: a build that dies meanwhile leaves no half file under the final name.
  await writeFile(`${file}.tmp`, data)
  await rename(`${file}.tmp`, file)
  const made = { width: info.width, height: info.height, size: data.length }
  await writeFile(`${file}.json`, JSON.stringify(made))
  return made
}

/** The press photo of an upload, made unless the cache holds it already. */
async function pressPhoto(media: Media, xmp: string): Promise<PressPhoto> {
  const { mimeType, ext } = outputOf(media)
  const key = createHash('sha256')
    .update(JSON.stringify([RENDERING, media.id, media.filename, media.filesize, media.updatedAt, mimeType, xmp]))
    .digest('base64url')
  const file = pressPhotoFile({ key, mimeType })
  const kept = existsSync(file)
    ? await readFile(`${file}.json`, 'utf8').then(
        (text) => JSON.parse(text) as Made,
        () => null,
      )
    : null
  const made = kept ?? (await make(media, xmp, file, mimeType))
  return { key, path: sitePath(media, ext), mimeType, ...made }
}

type ReleasePath = StaticPath<{ locale: Locale; shown: Shown<PressRelease> }> & { cacheKey: string }
export type WithPhotos<P extends ReleasePath> = P & {
  props: P['props'] & { photos: Record<string, PhotoNotes> }
}

/**
 * Adds to each release page the press photos of its images (by upload id), making the files that
 * are not in the cache yet, one at a time, and removes cached files no page uses any more. The
 * files are part of the page's key: a new credit or new terms render the page again.
 */
export async function withPressPhotos<P extends ReleasePath>(staticPaths: P[]): Promise<Array<WithPhotos<P>>> {
  const uploads = { de: new Map<number, Media>(), en: new Map<number, Media>() }
  for (const { props } of staticPaths)
    for (const { image } of props.shown.doc.images ?? []) if (isMedia(image)) uploads[props.locale].set(image.id, image)

  await mkdir(DIR, { recursive: true })
  const photos = new Map<number, { file: PressPhoto; terms: Texts }>()
  for (const [id, media] of uploads.de) {
    const english = uploads.en.get(id)
    const terms = usageTerms(media, english)
    const alt = bothLanguages(media.alt, english, (m) => m.alt)
    const xmp = pressPhotoXmp(media.credit, terms, { de: alt.de ?? media.alt, en: alt.en })
    photos.set(id, { file: await pressPhoto(media, xmp), terms })
  }

  const used = new Set([...photos.values()].map(({ file }) => path.basename(pressPhotoFile(file))))
  for (const name of await readdir(DIR))
    if (!used.has(name.replace(/\.(json|tmp)$/, ''))) await rm(path.join(DIR, name), { force: true })

  return staticPaths.map((staticPath) => {
    const { locale, shown } = staticPath.props
    const notes: Record<string, PhotoNotes> = {}
    for (const { image } of shown.doc.images ?? []) {
      if (!isMedia(image)) continue
      const photo = photos.get(image.id)
      if (!photo) continue
      const english = locale === 'en' && photo.terms.en !== undefined
      notes[String(image.id)] = {
        file: photo.file,
        terms: english ? photo.terms.en! : photo.terms.de,
        termsLang: english ? 'en' : 'de',
      }
    }
    const keys = Object.values(notes).map(({ file, terms }) => `${file.key}:${terms}`)
    return {
      ...staticPath,
      props: { ...staticPath.props, photos: notes },
      cacheKey: keys.length
        ? `${staticPath.cacheKey}.${createHash('sha256').update(keys.join()).digest('base64url')}`
        : staticPath.cacheKey,
    }
  })
}

/** Every press photo file the release pages link, once each. */
export function pressPhotoFiles(staticPaths: Array<{ props: { photos: Record<string, PhotoNotes> } }>): PressPhoto[] {
  const files = new Map<string, PressPhoto>()
  for (const { props } of staticPaths) for (const { file } of Object.values(props.photos)) files.set(file.path, file)
  return [...files.values()]
}
