import { describe, expect, it } from 'vitest'
import { isSlug, slugify } from '../src/slug.ts'

describe('slugify', () => {
  it('transliterates German umlauts and ß the German way', () => {
    expect(slugify('Größere Übersicht für Bürger')).toBe('groessere-uebersicht-fuer-buerger')
    expect(slugify('Straße der Ölmühle')).toBe('strasse-der-oelmuehle')
    expect(slugify('ÄÖÜ äöü ẞ')).toBe('aeoeue-aeoeue-ss')
  })

  it('drops other accents and punctuation and collapses hyphens', () => {
    expect(slugify('  Café „Zukunft“ – 600.000 € für Südwestsachsen!  ')).toBe(
      'cafe-zukunft-600-000-fuer-suedwestsachsen',
    )
  })

  it('yields valid slugs only', () => {
    for (const title of ['Kabinett gibt Startschuss', '---', `${'A'.repeat(300)} Ende`]) {
      const slug = slugify(title)
      if (slug) expect(isSlug(slug)).toBe(true)
    }
    expect(slugify('A'.repeat(300)).length).toBeLessThanOrEqual(120)
  })

  it('rejects what is not a slug', () => {
    expect(isSlug('Mit Leerzeichen')).toBe(false)
    expect(isSlug('gross-')).toBe(false)
    expect(isSlug('ok-123')).toBe(true)
  })
})
