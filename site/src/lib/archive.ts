import type { Locale, PressRelease } from '@masterplan/shared'
import type { Shown } from './data.ts'
import { shortDate } from './format.ts'
import { t } from './i18n.ts'
import { localePath } from './urls.ts'

export const PAGE_SIZE = 20

/** What a list shows of a release; list pages carry only this, so their cache keys stay small. */
export type ReleaseSummary = {
  slug: string
  title: string
  subtitle: string | null
  releaseDate: string
  issuers: string[]
}

export const summary = ({ doc }: Shown<PressRelease>): ReleaseSummary => ({
  slug: doc.slug,
  title: doc.title,
  subtitle: doc.subtitle ?? null,
  releaseDate: doc.releaseDate,
  // An issuer the API left as a bare id is not public: it is not named.
  issuers: doc.issuers.flatMap((i) => (typeof i === 'object' ? [i.shortName ?? i.name] : [])),
})

export type ListProps = {
  kind: 'list'
  locale: Locale
  heading: string
  /** The German path of the page, e.g. /aktuelles/archiv/3/ */
  path: string
  items: ReleaseSummary[]
  years: number[]
  currentYear?: number
  newer?: string
  older?: string
  /** Whether the other language has a list page at this address (then it is declared and linked). */
  translated?: boolean
}
export type RedirectProps = { kind: 'redirect'; locale: Locale; to: string }

/**
 * The pages of one list of releases (all of them, or one year's) below `base`, e.g. /aktuelles/:
 * - `base` shows the newest 20;
 * - `base` + `archiv/k/` hold 20 each, counted from the oldest release and shown newest first, so a
 *   new release changes the entry page and the newest archive page only, never the older ones;
 * - `base` + `seite/n/` were the newest-first pages before; they lead to `base` now (their content
 *   moved with every release, so no fixed archive page matches them).
 * Returned with the route's rest parameter (relative to `base`, undefined for `base` itself).
 */
export function listPages(
  locale: Locale,
  base: string,
  title: string,
  all: Array<Shown<PressRelease>>,
  years: number[],
  currentYear?: number,
) {
  const s = t(locale)
  const oldestFirst = all.map(summary).reverse()
  const count = Math.ceil(oldestFirst.length / PAGE_SIZE)
  const archivePath = (k: number) => `${base}archiv/${k}/`
  const bucketOf = (index: number) => Math.floor(index / PAGE_SIZE) + 1
  const pages: Array<{ rest: string | undefined; props: ListProps | RedirectProps }> = []
  const list = (
    rest: string | undefined,
    heading: string,
    items: ReleaseSummary[],
    links: { newer?: string; older?: string },
  ) => {
    const path = rest ? `${base}${rest}/` : base
    const props: ListProps = { kind: 'list', locale, heading, path, items, years, currentYear, ...links }
    pages.push({ rest, props })
  }
  list(undefined, title, oldestFirst.slice(-PAGE_SIZE).reverse(), {
    older:
      oldestFirst.length > PAGE_SIZE
        ? localePath(locale, archivePath(bucketOf(oldestFirst.length - PAGE_SIZE - 1)))
        : undefined,
  })
  for (let k = 1; k <= count; k++) {
    const items = oldestFirst.slice((k - 1) * PAGE_SIZE, k * PAGE_SIZE).reverse()
    const range = `${shortDate(items.at(-1)!.releaseDate, locale)} ${s.until} ${shortDate(items[0]!.releaseDate, locale)}`
    list(`archiv/${k}`, `${title}: ${range}`, items, {
      newer: localePath(locale, k < count ? archivePath(k + 1) : base),
      older: k > 1 ? localePath(locale, archivePath(k - 1)) : undefined,
    })
  }
  for (let n = 2; n <= count; n++) pages.push({ rest: `seite/${n}`, props: { kind: 'redirect', locale, to: base } })
  return pages
}

/**
 * The list pages of both languages, each marked `translated` where the other language has a list page
 * at the same address. English lists hold only the releases with an English version, so a year (or an
 * archive page) of German-only releases has no English page: it must not be declared or linked.
 */
export async function listsInBothLanguages<T extends { props: ListProps | RedirectProps }>(
  pagesIn: (locale: Locale) => Promise<T[]>,
): Promise<Record<Locale, T[]>> {
  const pages = { de: await pagesIn('de'), en: await pagesIn('en') }
  const paths = (locale: Locale) =>
    new Set(pages[locale].flatMap(({ props }) => (props.kind === 'list' ? [props.path] : [])))
  const mark = (locale: Locale, other: Set<string>) =>
    pages[locale].map((page) =>
      page.props.kind === 'list' ? { ...page, props: { ...page.props, translated: other.has(page.props.path) } } : page,
    )
  return { de: mark('de', paths('en')), en: mark('en', paths('de')) }
}
