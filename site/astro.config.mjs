// @ts-check
import mdx from '@astrojs/mdx'
import sitemap from '@astrojs/sitemap'
import { readSiteEnv } from '@masterplan/shared'
import { defineConfig } from 'astro/config'
import { siteCacheDir, siteCodeDigest, siteContentFile, sitePdfDir, sitePressPhotoDir } from './scripts/build-inputs.ts'
import { startContentSync } from './src/lib/content-store.ts'
import { isUnlisted } from './src/lib/subscription-pages.ts'

const env = readSiteEnv()
const cmsUrl = new URL(env.CMS_URL)

export default defineConfig({
  site: env.SITE_URL,
  outDir: env.SITE_OUT_DIR,
  // Image cache and incremental-build copies; kept so unchanged things are reused.
  cacheDir: siteCacheDir(),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One request per page: the small stylesheet travels inside the HTML.
    inlineStylesheets: 'always',
    // Rendering one page at a time left the CPU idle most of the time, waiting for each page's file
    // writes; four at a time cut a cold build at 10,000 releases by a quarter (BENCHMARKS.md).
    // Astro 7.3's incremental cache works with it (each render keeps its own metadata scope).
    concurrency: 4,
  },
  image: {
    // Images are fetched from the CMS at build time only; the public site serves its own copies.
    remotePatterns: [{ protocol: cmsUrl.protocol.replace(':', ''), hostname: cmsUrl.hostname, port: cmsUrl.port }],
  },
  integrations: [
    {
      // The build reads the CMS while Astro starts and bundles, not after (src/lib/content-store.ts).
      name: 'masterplan:content-sync',
      hooks: {
        'astro:config:setup': ({ command }) => {
          if (command === 'build') startContentSync(siteContentFile(), siteCodeDigest())
        },
      },
    },
    mdx(),
    sitemap({
      // Not listed: the 404 page, search, the form's answers and the old list addresses (redirects).
      filter: (page) =>
        !page.endsWith('/404/') &&
        !page.includes('/suche/') &&
        !/\/aktuelles\/(jahr\/\d+\/)?seite\//.test(page) &&
        !isUnlisted(new URL(page).pathname),
      // The language codes the pages declare (layouts/Base.astro): German and English, for every region.
      i18n: { defaultLocale: 'de', locales: { de: 'de', en: 'en' } },
      // And, as the pages do, the German page as the default for every other language. A new array:
      // the patched plugin hands both pages of a path the same one.
      serialize: (item) => {
        const links = item.links ?? []
        const german = links.find((link) => link.lang === 'de')
        return german ? { ...item, links: [...links, { url: german.url, lang: 'x-default' }] } : item
      },
    }),
  ],
  // Pages whose cache key (src/lib/cache-key.ts) and code are unchanged are copied from the last
  // build instead of rendered again. `astro build --force` renders everything.
  experimental: { incrementalBuild: true },
  // Part of Astro's config hash: any change to the site's code invalidates the whole cache.
  vite: {
    define: {
      'import.meta.env.SITE_CODE_DIGEST': JSON.stringify(siteCodeDigest()),
      'import.meta.env.SITE_PDF_DIR': JSON.stringify(sitePdfDir()),
      'import.meta.env.SITE_PRESS_PHOTO_DIR': JSON.stringify(sitePressPhotoDir()),
      'import.meta.env.SITE_CONTENT_FILE': JSON.stringify(siteContentFile()),
    },
    // scripts/publish.ts fills the folder with the last build's pages first, so they need no copying.
    build: { emptyOutDir: !env.SITE_OUT_DIR_PREFILLED },
  },
  devToolbar: { enabled: false },
})
