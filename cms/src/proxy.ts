import { type NextRequest, NextResponse } from 'next/server'

/** Names of this machine: a CMS run locally can be opened under any of them. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The admin signs in and checks each request's origin against SERVER_URL: opened under another name
 * of the same machine (127.0.0.1 for localhost), every save was refused as if the user lacked the
 * rights. Such a request is sent on to the same path at SERVER_URL. Only for a local SERVER_URL: a
 * public one may sit behind a proxy that reaches the CMS as 127.0.0.1.
 */
function atServerUrl(request: NextRequest): URL | null {
  const server = process.env.SERVER_URL ? new URL(process.env.SERVER_URL) : null
  const host = request.headers.get('host')
  if (!server || !host || !LOOPBACK.has(server.hostname)) return null
  const asked = new URL(`http://${host}`)
  if (!LOOPBACK.has(asked.hostname) || asked.host === server.host) return null
  return new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, server)
}

/**
 * A page that names the right address and goes there. Not a redirect: Next turns the Location of a
 * middleware's redirect into a path when it thinks the origin is its own, and sends the browser back
 * to the wrong address.
 */
function wrongAddress(to: URL): Response {
  const href = to.toString().replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}">
<title>Bitte die Adresse ${to.host} verwenden</title></head>
<body><p>Der Verwaltungsbereich ist unter <a href="${href}">${href}</a> erreichbar; unter dieser Adresse funktioniert die Anmeldung nicht. Sie werden weitergeleitet.</p>
<p lang="en">The admin works at <a href="${href}">${href}</a>; signing in does not work at this address. You are being sent there.</p></body></html>`
  return new Response(html, { status: 421, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
}

/**
 * The admin speaks German unless a user picked English in their account (Payload keeps that
 * choice in the `payload-lng` cookie). Without this, an English browser would get English.
 */
export function proxy(request: NextRequest) {
  const moved = atServerUrl(request)
  if (moved) return wrongAddress(moved)
  if (request.cookies.has('payload-lng')) return NextResponse.next()
  const headers = new Headers(request.headers)
  headers.set('accept-language', 'de')
  return NextResponse.next({ request: { headers } })
}

export const config = { matcher: ['/admin/:path*'] }
