// @ts-check
import mdx from '@astrojs/mdx'
import sitemap from '@astrojs/sitemap'
import { defineConfig } from 'astro/config'
import { isUnlisted } from './src/lib/subscription-pages.ts'

const cmsUrl = new URL(process.env.CMS_URL ?? 'http://localhost:3000')
const siteUrl = process.env.SITE_URL ?? 'http://localhost:4321'

export default defineConfig({
  site: siteUrl,
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  // Content store and image cache; kept between builds so unchanged documents and images are reused.
  cacheDir: process.env.SITE_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One request per page: the small stylesheet travels inside the HTML.
    inlineStylesheets: 'always',
  },
  image: {
    // Images are fetched from the CMS at build time only; the public site serves its own copies.
    remotePatterns: [{ protocol: cmsUrl.protocol.replace(':', ''), hostname: cmsUrl.hostname, port: cmsUrl.port }],
  },
  integrations: [
    mdx(),
    sitemap({
      filter: (page) => !page.endsWith('/404/') && !page.includes('/suche/') && !isUnlisted(new URL(page).pathname),
      i18n: { defaultLocale: 'de', locales: { de: 'de-DE', en: 'en-GB' } },
    }),
  ],
  devToolbar: { enabled: false },
})
