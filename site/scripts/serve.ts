#!/usr/bin/env node
/**
 * Serves the built site: `node scripts/serve.ts [folder] [--port 4321] [--compressed <dir>]`. The
 * folder may be a symlink that a publisher swaps atomically; it is resolved on every request, so a
 * swap needs no restart. Compressed copies made at build time are read from `--compressed` (by default
 * the `compressed` folder beside the served one, where scripts/publish.ts writes them).
 */
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readServeEnv } from '@masterplan/shared'
import { createSiteHandler } from './static-site.ts'

const env = readServeEnv()
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: String(env.SITE_PORT) },
    compressed: { type: 'string' },
  },
})
const root = path.resolve(positionals[0] ?? 'dist')
const besideRoot = path.join(path.dirname(root), 'compressed')
const compressedDir = values.compressed ? path.resolve(values.compressed) : existsSync(besideRoot) ? besideRoot : null

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

const server = createServer(createSiteHandler({ root, compressedDir, headers: SECURITY_HEADERS }))
server.listen(Number(values.port), () => console.log(`Site: http://localhost:${values.port} (serving ${root})`))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)))
