import config from '@payload-config'
import { longDate } from '@masterplan/shared'
import { renderRichText } from '@masterplan/shared/rich-text'
import { headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { getPayload } from 'payload'
import { isEditorialSlug } from '../../../../../collections/editorialSlugs.ts'

export const dynamic = 'force-dynamic'

type Args = { params: Promise<{ collection: string; id: string }>; searchParams: Promise<{ locale?: string }> }
type Draft = Record<string, unknown> & {
  id: number
  title?: string
  name?: string
  subtitle?: string
  lead?: string
  releaseDate?: string
}

/**
 * The latest draft in the site's design, for signed-in staff only: anonymous visitors are sent to
 * the login, and the document is read with the visitor's own access rights.
 */
export default async function Preview({ params, searchParams }: Args) {
  const { collection, id } = await params
  const locale = (await searchParams).locale === 'en' ? 'en' : 'de'
  if (!isEditorialSlug(collection)) notFound()
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  if (!user) redirect(`/admin/login?redirect=${encodeURIComponent(`/vorschau/${collection}/${id}`)}`)
  const doc = (await payload
    .findByID({ collection, id: Number(id), draft: true, locale, depth: 1, user, overrideAccess: false })
    .catch(() => null)) as Draft | null
  if (!doc) notFound()
  const rich = (field: string) =>
    renderRichText(doc[field], { document: `${collection} ${id}, field ${field}`, locale, internalHref: () => null })
  return (
    <>
      <p className="notice wrap">
        <strong>Vorschau</strong> –{' '}
        {doc._status === 'published' ? 'veröffentlichte Fassung mit Entwurfsänderungen' : 'Entwurf, nicht öffentlich'}
      </p>
      <main className="wrap" id="inhalt">
        <article className="prose">
          {doc.releaseDate && <p className="meta">{longDate(doc.releaseDate, locale)}</p>}
          <h1>{doc.title ?? doc.name}</h1>
          {doc.subtitle && <p className="lead">{doc.subtitle}</p>}
          {doc.lead && (
            <p>
              <strong>{doc.lead}</strong>
            </p>
          )}
          {['body', 'content', 'description'].map((field) =>
            // biome-ignore lint/security/noDangerouslySetInnerHtml: renderRichText (the site's own renderer) escapes every text and writes only known elements
            doc[field] ? <div key={field} dangerouslySetInnerHTML={{ __html: rich(field) }} /> : null,
          )}
          {doc.background ? (
            <section>
              <h2>Hintergrund</h2>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: renderRichText (the site's own renderer) escapes every text and writes only known elements */}
              <div dangerouslySetInnerHTML={{ __html: rich('background') }} />
            </section>
          ) : null}
        </article>
      </main>
    </>
  )
}
