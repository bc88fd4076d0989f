import { z } from 'zod'
import { timestamp } from './common.ts'

const link = z.object({ label: z.string().min(1), href: z.string().min(1) })

export const siteSettings = z.object({
  siteName: z.string().min(1),
  processWindow: z.object({ start: timestamp, end: timestamp }),
  /** After the process: see isArchived (archive.ts). */
  archive: z
    .object({
      mode: z.enum(['auto', 'on', 'off']),
      presentedOn: timestamp.nullish(),
      /** A site path or web address, checked by the CMS like every link target. */
      presentationLink: z.string().nullish(),
    })
    .nullish(),
  navigation: z.array(link).nullish(),
  footer: z.object({ text: z.string().nullish(), links: z.array(link).nullish() }).nullish(),
  legal: z.object({
    publisher: z.string().min(1),
    address: z.string().min(1),
    email: z.email(),
    phone: z.string().nullish(),
    /** Person responsible for the content under § 18 (2) MStV. */
    responsiblePerson: z.string().min(1),
    responsibleAddress: z.string().nullish(),
    accessibilityContactEmail: z.email(),
  }),
})
export type SiteSettings = z.infer<typeof siteSettings>
