import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCALE, isReservedPageSlug, isSlug, LOCALES } from '@masterplan/shared'

const pages = new URL('../src/pages/', import.meta.url)

/** The first path segment of every route the site builds next to the standing pages (/<slug>/). */
async function topLevelSegments(): Promise<string[]> {
  const names = [...(await readdir(pages)), ...(await readdir(new URL('[...locale]/', pages)))]
  return names
    .filter((name) => !name.startsWith('[') && !/^index\.\w+$/.test(name))
    .map((name) => name.replace(/\.(astro|ts|js|md|mdx)$/, ''))
}

describe('page slugs the CMS refuses', () => {
  it('include every route of the site a page slug could take', async () => {
    const segments = await topLevelSegments()
    expect(segments).toContain('aktuelles')
    // Names with a dot (feed.xml, zeitplan.ics) are no slugs, so no page can take them.
    const takeable = segments.filter(isSlug)
    expect(takeable.filter((segment) => !isReservedPageSlug(segment))).toEqual([])
  })

  it('include the prefix of every other language', () => {
    for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) expect(isReservedPageSlug(locale)).toBe(true)
  })
})
