type Header = { key: string; value: string }
type Route = { source: string; headers: Header[] }

const csp = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`.trim())
    .join('; ')

/**
 * Security headers for everything the CMS serves. The admin is a Next.js app whose inline boot
 * scripts carry no nonce, so scripts and styles allow 'unsafe-inline' but only from this origin;
 * nothing is loaded from or sent to another host, and no other site may frame the admin.
 */
export function securityHeaders({ https, dev }: { https: boolean; dev: boolean }): Route[] {
  const common: Header[] = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] : []),
  ]
  const page = (frameAncestors: "'none'" | "'self'") =>
    csp({
      'default-src': "'self'",
      // Hot reload evaluates code and talks over a websocket; production needs neither.
      'script-src': `'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': `'self'${dev ? ' ws: wss:' : ''}`,
      // The live preview shows /vorschau/… of this origin in a frame.
      'frame-src': "'self'",
      'frame-ancestors': frameAncestors,
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    })
  return [
    {
      source: '/:path*',
      headers: [
        ...common,
        { key: 'X-Frame-Options', value: 'DENY' },
        { key: 'Content-Security-Policy', value: page("'none'") },
      ],
    },
    // The draft preview is framed by the admin of the same origin.
    {
      source: '/vorschau/:path*',
      headers: [
        { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
        { key: 'Content-Security-Policy', value: page("'self'") },
      ],
    },
    // Uploaded files are data, never a page: a file that looks like HTML runs nothing.
    {
      source: '/api/media/file/:path*',
      headers: [
        {
          key: 'Content-Security-Policy',
          value:
            "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
        },
      ],
    },
  ]
}
