import { z } from 'zod'
import { PARTNER_KINDS, PARTNER_ROLES } from '../constants.ts'
import { documentBase, publishedStatus, ref, richText, slug } from './common.ts'
import { imageMedia } from './media.ts'

export const partner = documentBase.extend({
  name: z.string().min(1),
  shortName: z.string().nullish(),
  slug,
  kind: z.enum(PARTNER_KINDS),
  roles: z.array(z.enum(PARTNER_ROLES)).nullish(),
  representative: z.object({ name: z.string().nullish(), office: z.string().nullish() }).nullish(),
  logo: ref(imageMedia).nullish(),
  description: richText.nullish(),
  website: z.url({ protocol: /^https?$/ }).nullish(),
  address: z
    .object({ street: z.string().nullish(), postalCode: z.string().nullish(), city: z.string().nullish() })
    .nullish(),
  _status: publishedStatus,
})
export type Partner = z.infer<typeof partner>
