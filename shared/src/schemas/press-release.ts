import { z } from 'zod'
import { documentBase, id, publishedStatus, ref, richText, slug, timestamp } from './common.ts'
import { imageMedia, media } from './media.ts'
import { partner } from './partner.ts'

export const contact = z.object({
  name: z.string().min(1),
  office: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.email(),
})

const relatedMilestone = z.looseObject({ id, slug, title: z.string() })

export const pressRelease = documentBase.extend({
  title: z.string().min(1),
  subtitle: z.string().nullish(),
  slug,
  releaseDate: timestamp,
  embargoUntil: timestamp.nullish(),
  issuers: z.array(ref(partner)).min(1),
  contacts: z.array(contact).min(1),
  lead: z.string().min(1),
  body: richText,
  background: richText.nullish(),
  images: z.array(z.object({ image: ref(imageMedia), caption: z.string().nullish() })).nullish(),
  attachments: z.array(ref(media)).nullish(),
  relatedMilestones: z.array(ref(relatedMilestone)).nullish(),
  corrections: z.array(z.object({ date: timestamp, note: z.string().min(1) })).nullish(),
  _status: publishedStatus,
})
export type PressRelease = z.infer<typeof pressRelease>
