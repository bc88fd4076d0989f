import { z } from 'zod'
import { CAPTION_MIME_TYPES, VIDEO_MIME_TYPES } from '../constants.ts'
import { documentBase, publishedStatus, richText, slug } from './common.ts'
import { media } from './media.ts'

export const page = documentBase.extend({
  title: z.string().min(1),
  slug,
  summary: z.string().nullish(),
  content: richText,
  /** Set while a legal page still carries placeholder text that the publisher must replace. */
  placeholder: z.boolean().nullish(),
  /** E.g. the sign-language page: each video with its captions, both copied into the site. */
  videos: z
    .array(
      z.object({
        title: z.string().min(1),
        video: media.extend({ mimeType: z.enum(VIDEO_MIME_TYPES) }),
        captions: media.extend({ mimeType: z.enum(CAPTION_MIME_TYPES) }),
      }),
    )
    .nullish(),
  _status: publishedStatus,
})
export type Page = z.infer<typeof page>
