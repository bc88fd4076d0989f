import { z } from 'zod'
import { IMAGE_MIME_TYPES, MEDIA_MIME_TYPES } from '../constants.ts'
import { documentBase } from './common.ts'

const imageSize = z.object({
  url: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  mimeType: z.string().nullish(),
  filesize: z.number().nullish(),
  filename: z.string().nullish(),
})

export const media = documentBase.extend({
  alt: z.string().min(1),
  credit: z.string().min(1),
  /** Terms of use of the file; empty: DEFAULT_USAGE_TERMS. */
  usageTerms: z.string().nullish(),
  filename: z.string().min(1),
  mimeType: z.enum(MEDIA_MIME_TYPES),
  filesize: z.number().int().positive(),
  width: z.number().int().nullish(),
  height: z.number().int().nullish(),
  url: z.string().min(1),
  sizes: z.record(z.string(), imageSize).nullish(),
})
export type Media = z.infer<typeof media>

/** Media the site renders as a picture (release images, logos). */
export const imageMedia = media.extend({ mimeType: z.enum(IMAGE_MIME_TYPES) })
