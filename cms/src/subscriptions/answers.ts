import { type Locale, localizedSitePath } from '@masterplan/shared'
import { readEnv } from '../lib/env.ts'

/**
 * Whether the request came from the site's HTML form (answered with redirects to static pages) or
 * from an API client (answered with status codes and JSON). Browsers submitting a form ask for HTML.
 */
export const fromBrowser = (request: Request) => {
  const accept = request.headers.get('accept') ?? ''
  return (
    accept.includes('text/html') ||
    (!accept.includes('application/json') && !request.headers.get('content-type')?.includes('json'))
  )
}

/** 303 See Other: the browser follows with a GET, so reloading the page never posts again. */
export const toSitePage = (locale: Locale, path: string) =>
  new Response(null, {
    status: 303,
    headers: {
      Location: new URL(localizedSitePath(locale, path), readEnv().SITE_URL).toString(),
      'Cache-Control': 'no-store',
    },
  })

export const escapeText = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)

/**
 * A small page of the CMS itself, for the two answers that cannot be a static page of the site: a
 * refusal with its status (429) and the unsubscribe button (a GET must not unsubscribe: mail
 * scanners follow links). No script, no style sheet, nothing from elsewhere.
 */
export function cmsPage(
  locale: Locale,
  title: string,
  body: string,
  status = 200,
  headers: Record<string, string> = {},
) {
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeText(title)}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}button{font:inherit;padding:.5rem 1rem}a{color:#00508c}</style>
</head><body><main><h1>${escapeText(title)}</h1>
${body}
</main></body></html>`
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}
