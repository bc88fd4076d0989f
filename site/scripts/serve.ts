#!/usr/bin/env node
/**
 * Serves the built site: `node scripts/serve.ts [folder] [--port 4321]`. The folder may be a symlink
 * that a publisher swaps atomically; it is resolved on every request, so a swap needs no restart.
 */
import { realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readServeEnv } from '@masterplan/shared'
import sirv from 'sirv'

const env = readServeEnv()
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: String(env.SITE_PORT) } },
})
const root = path.resolve(positionals[0] ?? 'dist')

/**
 * The subscription form posts straight to the CMS (CMS_URL, as the build had it); no other origin
 * may receive a form. Without CMS_URL the form cannot be sent from here, rather than anywhere.
 */
const formAction = ["'self'", ...(env.CMS_URL ? [new URL(env.CMS_URL).origin] : [])].join(' ')

/** Strict by default: only the site's own origin, no inline script, no framing. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action ${formAction}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'interest-cohort=()',
}

const handlers = new Map<string, ReturnType<typeof sirv>>()
function handlerFor(folder: string) {
  let handler = handlers.get(folder)
  if (!handler) {
    handler = sirv(folder, {
      dev: false,
      etag: true,
      setHeaders: (res, pathname) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
        // Hashed assets never change; pages must revalidate so a publish shows at once.
        res.setHeader(
          'Cache-Control',
          pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
    handlers.set(folder, handler)
  }
  return handler
}

const server = createServer((req, res) => {
  const folder = realpathSync(root)
  handlerFor(folder)(req, res, async () => {
    res.statusCode = 404
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    res.end(await readFile(path.join(folder, '404.html')).catch(() => 'Not found'))
  })
})
server.listen(Number(values.port), () => console.log(`Site: http://localhost:${values.port} (serving ${root})`))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
