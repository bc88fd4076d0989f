import type { Locale } from '@masterplan/shared'
import { releases } from './data.ts'
import { berlinYear } from './format.ts'
import { localePath } from './urls.ts'

export const PAGE_SIZE = 20

/** `/aktuelles/` for page 1, `/aktuelles/seite/N/` after it. */
export const archivePage = (locale: Locale, n: number) => localePath(locale, n === 1 ? '/aktuelles/' : `/aktuelles/seite/${n}/`)

export async function archive(locale: Locale) {
  const items = await releases(locale)
  const years = [...new Set(items.map(({ doc }) => berlinYear(doc.releaseDate)))].sort((a, b) => b - a)
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE))
  return { items, years, pages }
}
