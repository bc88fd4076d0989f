import { z } from 'zod'

const siteEnv = z.object({
  /** Where the CMS's REST API answers. */
  CMS_URL: z.url().default('http://localhost:3000'),
  /** The public origin: canonical links, feed, sitemap. */
  SITE_URL: z.url().default('http://localhost:4321'),
  /** Where `astro build` writes, relative to site/ (site/scripts/publish.ts sets its own folder). */
  SITE_OUT_DIR: z.string().default('./dist'),
  /** Set by publish.ts when the folder already holds the last build's pages, so Astro keeps them. */
  SITE_OUT_DIR_PREFILLED: z.stringbool().default(false),
  /** Astro's cache (incremental-build copies, images) and the content store, relative to site/. */
  SITE_CACHE_DIR: z.string().default('node_modules/.astro'),
  /**
   * The moment the build stands for (ISO 8601), instead of now: what depends on the date (the
   * timeline's "today", archive mode) can be built as of any day — tests use it, nothing else should.
   */
  SITE_NOW: z.iso.datetime({ offset: true }).optional(),
  /** Benchmarks only: a JSON dump of the API to build from instead of the CMS. */
  CMS_DUMP: z.string().optional(),
})

const serveEnv = z.object({
  SITE_PORT: z.coerce.number().int().min(1).max(65_535).default(4321),
  /** The origin the subscription form may post to; without it, none but the site's own. */
  CMS_URL: z.url().optional(),
})

export type SiteEnv = z.infer<typeof siteEnv>

type Source = Record<string, string | undefined>

function parse<T extends z.ZodType>(schema: T, source: Source, what: string): z.infer<T> {
  const result = schema.safeParse(source)
  if (!result.success) {
    throw new Error(
      `${what} environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  }
  return result.data
}

/** The site build's settings (astro.config.mjs, the API client), checked once with every problem named. */
export const readSiteEnv = (source: Source = process.env): SiteEnv => parse(siteEnv, source, 'Site')

/** The settings of the site's static server (site/scripts/serve.ts). */
export const readServeEnv = (source: Source = process.env) => parse(serveEnv, source, 'Site server')
