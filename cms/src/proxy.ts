import { type NextRequest, NextResponse } from 'next/server'

/**
 * The admin speaks German unless a user picked English in their account (Payload keeps that
 * choice in the `payload-lng` cookie). Without this, an English browser would get English.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has('payload-lng')) return NextResponse.next()
  const headers = new Headers(request.headers)
  headers.set('accept-language', 'de')
  return NextResponse.next({ request: { headers } })
}

export const config = { matcher: ['/admin/:path*'] }
