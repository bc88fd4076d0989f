import { describe, expect, it } from 'vitest'
import type { Partner, PressRelease } from '@masterplan/shared'
import { organization, releaseLd } from '../src/lib/json-ld.ts'
import { absolute } from '../src/lib/urls.ts'

const issuer = {
  id: 7,
  name: 'Landkreis Zwickau',
  slug: 'landkreis-zwickau',
  kind: 'district',
  website: 'https://www.landkreis-zwickau.de',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  _status: 'published',
} as unknown as Partner

const release = (extra: Partial<PressRelease> = {}) =>
  ({
    id: 1,
    title: 'Regionalkonvent tagt',
    slug: 'regionalkonvent-tagt',
    releaseDate: '2026-03-12T09:00:00.000Z',
    issuers: [issuer, 12],
    contacts: [{ name: 'Erika Beispiel', email: 'presse@beispiel.example' }],
    lead: 'Der Regionalkonvent tagt.',
    body: null,
    createdAt: '2026-03-10T09:00:00.000Z',
    // Saved by the seed, an import or a typo fix long after the release: not a public change.
    updatedAt: '2026-12-03T19:00:00.000Z',
    _status: 'published',
    ...extra,
  }) as unknown as PressRelease

describe('a press release in JSON-LD', () => {
  it('was last changed on its release date while it has no corrections', () => {
    const ld = releaseLd(release(), 'de', null)
    expect(ld).toMatchObject({ datePublished: '2026-03-12T09:00:00.000Z', dateModified: '2026-03-12T09:00:00.000Z' })
  })

  it('was last changed on the date of its latest correction, in whatever order they are listed', () => {
    const corrections = [
      { date: '2026-05-02T10:00:00.000Z', note: 'Termin korrigiert' },
      { date: '2026-03-13T08:00:00.000Z', note: 'Name korrigiert' },
    ]
    expect(releaseLd(release({ corrections }), 'de', null).dateModified).toBe('2026-05-02T10:00:00.000Z')
  })

  it('names the public issuers as authors and publishers, each linked to its page in the language of the release', () => {
    const ld = releaseLd(release(), 'en', '/medien/karte-1200x630.jpg')
    const expected = [
      expect.objectContaining({
        '@type': 'GovernmentOrganization',
        name: 'Landkreis Zwickau',
        url: absolute('/en/partner/landkreis-zwickau/'),
        sameAs: ['https://www.landkreis-zwickau.de'],
      }),
    ]
    expect(ld.author).toEqual(expected)
    expect(ld.publisher).toEqual(expected)
    expect(ld).toMatchObject({ inLanguage: 'en', image: [absolute('/medien/karte-1200x630.jpg')] })
    expect(JSON.stringify(ld.author)).not.toContain('@context')
  })
})

describe('the website in JSON-LD', () => {
  it('is the home page of its language', () => {
    expect(organization({ siteName: 'Masterplan Südwestsachsen' } as never, 'en')).toMatchObject({
      url: absolute('/en/'),
      inLanguage: 'en',
    })
    expect(organization({ siteName: 'Masterplan Südwestsachsen' } as never, 'de')).toMatchObject({
      url: absolute('/'),
      inLanguage: 'de',
    })
  })
})
