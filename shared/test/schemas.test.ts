import { describe, expect, it } from 'vitest'
import { partner, pressRelease } from '../src/index.ts'

const paragraph = (text: string) => ({ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text }] })

const release = {
  id: 1,
  createdAt: '2025-04-15T08:00:00.000Z',
  updatedAt: '2025-04-15T08:00:00.000Z',
  title: 'Kabinett gibt den Auftakt zum Masterplan',
  slug: 'kabinett-auftakt-masterplan',
  releaseDate: '2025-04-15T08:00:00.000Z',
  issuers: [3],
  contacts: [{ name: 'Pressestelle', phone: '+49 371 000000', email: 'presse@example.org' }],
  lead: 'Die Landesregierung fördert die Strategie der Region.',
  body: {
    root: {
      type: 'root',
      version: 1,
      children: [paragraph('Der Regionalkonvent schreibt den Masterplan bis Ende 2026.')],
    },
  },
  _status: 'published',
}

describe('the press release schema', () => {
  it('accepts the fixture release', () => {
    expect(pressRelease.safeParse(release).success).toBe(true)
  })

  it('refuses a draft, which must never reach the public', () => {
    const result = pressRelease.safeParse({ ...release, _status: 'draft' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['_status'])
  })

  it('names the field of a malformed contact e-mail', () => {
    const result = pressRelease.safeParse({ ...release, contacts: [{ name: 'X', email: 'kein-mail' }] })
    expect(result.error?.issues[0]?.path).toEqual(['contacts', 0, 'email'])
  })

  it('requires at least one issuer', () => {
    expect(pressRelease.safeParse({ ...release, issuers: [] }).error?.issues[0]?.path).toEqual(['issuers'])
  })
})

describe('the partner schema', () => {
  it('refuses a website that is not http(s)', () => {
    const base = {
      id: 1,
      createdAt: release.createdAt,
      updatedAt: release.updatedAt,
      name: 'X',
      slug: 'x',
      kind: 'other',
      _status: 'published',
    }
    expect(partner.safeParse({ ...base, website: 'https://x.example' }).success).toBe(true)
    expect(partner.safeParse({ ...base, website: 'javascript:alert(1)' }).success).toBe(false)
  })
})
