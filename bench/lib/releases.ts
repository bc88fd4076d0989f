import type { Payload } from '@masterplan/cms/testing'

/**
 * The smallest release the CMS accepts (one paragraph, the first issuer, one contact), through the
 * Local API: the figures that time a publish should not depend on what the release holds.
 */
export function createRelease(
  payload: Payload,
  { slug, title = `Messung ${slug}`, status }: { slug: string; title?: string; status: 'draft' | 'published' },
) {
  return payload.create({
    collection: 'press-releases',
    draft: status === 'draft',
    overrideAccess: true,
    data: {
      title,
      slug,
      lead: 'Messung.',
      issuers: [1],
      contacts: [{ name: 'Messung', email: 'messung@beispiel.example' }],
      body: {
        root: {
          type: 'root',
          version: 1,
          children: [
            { type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Messung.', version: 1, format: 0 }] },
          ],
        },
      },
      _status: status,
    } as never,
  })
}
