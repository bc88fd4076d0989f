import { z } from 'zod'
import { MILESTONE_STATUSES } from '../constants.ts'
import { documentBase, id, publishedStatus, ref, richText, slug, timestamp } from './common.ts'
import { partner } from './partner.ts'

/** What a milestone shows of a related release; the full release schema would be circular. */
const relatedRelease = z.looseObject({ id, slug, title: z.string() })

export const milestone = documentBase.extend({
  title: z.string().min(1),
  slug,
  plannedDate: timestamp,
  plannedEndDate: timestamp.nullish(),
  actualDate: timestamp.nullish(),
  status: z.enum(MILESTONE_STATUSES),
  phase: z.string().nullish(),
  description: richText.nullish(),
  relatedPressReleases: z.array(ref(relatedRelease)).nullish(),
  partners: z.array(ref(partner)).nullish(),
  _status: publishedStatus,
})
export type Milestone = z.infer<typeof milestone>
