import type React from 'react'
import '@masterplan/site/styles.css'

/** Drafts are previewed in the public site's own stylesheet. */
export default function PreviewLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="de">
      <body>{children}</body>
    </html>
  )
}
