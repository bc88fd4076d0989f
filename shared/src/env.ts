import { z } from 'zod'

const siteEnv = z.object({
  /** Where the CMS's REST API answers. */
  CMS_URL: z.url().default('http://localhost:3000'),
  /** The public origin: canonical links, feed, sitemap. */
  SITE_URL: z.url().default('http://localhost:4321'),
})

export type SiteEnv = z.infer<typeof siteEnv>

export function readSiteEnv(source: Record<string, string | undefined> = process.env): SiteEnv {
  const result = siteEnv.safeParse(source)
  if (!result.success) {
    throw new Error(`Site environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  return result.data
}
