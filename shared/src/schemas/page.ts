import { z } from 'zod'
import { documentBase, publishedStatus, richText, slug } from './common.ts'

export const page = documentBase.extend({
  title: z.string().min(1),
  slug,
  summary: z.string().nullish(),
  content: richText,
  /** Set while a legal page still carries placeholder text that the publisher must replace. */
  placeholder: z.boolean().nullish(),
  _status: publishedStatus,
})
export type Page = z.infer<typeof page>
