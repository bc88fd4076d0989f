/** Facts of the process and the public vocabulary that CMS and site share. */

/** The Masterplan's process window: cabinet decision to deadline (inclusive, calendar days). */
export const PROCESS_WINDOW = { start: '2025-04-15', end: '2026-12-31' } as const

export const LOCALES = ['de', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'de'

export const USER_ROLES = ['admin', 'press', 'editor'] as const
export type UserRole = (typeof USER_ROLES)[number]

export const PARTNER_KINDS = [
  'district',
  'city',
  'state-ministry',
  'state-chancellery',
  'business',
  'science',
  'civil-society',
  'municipality',
  'other',
] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

export const PARTNER_ROLES = ['regionalkonvent', 'chair', 'imag', 'lenkungskreis', 'funder'] as const
export type PartnerRole = (typeof PARTNER_ROLES)[number]

export const MILESTONE_STATUSES = ['planned', 'in-progress', 'done', 'postponed'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]

/** Pictures the site renders (release images, partner logos) through sharp. */
export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const
/** Videos a page may carry (played by the browser's own <video>), and their captions. */
export const VIDEO_MIME_TYPES = ['video/mp4', 'video/webm'] as const
export const CAPTION_MIME_TYPES = ['text/vtt'] as const
/** Upload types the media library accepts; SVG is refused because it can carry script. */
export const MEDIA_MIME_TYPES = [
  ...IMAGE_MIME_TYPES,
  'application/pdf',
  ...VIDEO_MIME_TYPES,
  ...CAPTION_MIME_TYPES,
] as const
export const MEDIA_MAX_BYTES = 20 * 1024 * 1024
/**
 * The most pixels an uploaded image may have: 64 megapixels (e.g. 9,800 × 6,530), above the
 * largest sensors of press cameras (about 61 MP). A small file can claim far more (a 775 kB PNG of
 * 16,000 × 16,000 pixels took 12 s and a gigabyte to decode), so the header is checked first.
 */
export const IMAGE_MAX_PIXELS = 64_000_000

/**
 * The terms of use of a press photo whose upload leaves its own empty ("Nutzungsbedingungen"): shown
 * beside the download on the release page and written into the file's metadata.
 */
export const DEFAULT_USAGE_TERMS = {
  de: 'Honorarfrei bei Nennung des Urhebers, nur im Zusammenhang mit dieser Medieninformation',
  en: 'Free of charge with credit to the author, only in connection with this press release',
} as const satisfies Record<Locale, string>
/** The longest terms of use an upload may carry. */
export const USAGE_TERMS_MAX_LENGTH = 500
