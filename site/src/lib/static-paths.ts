import { LOCALES, type Locale } from '@masterplan/shared'
import { type StaticPath, withCacheKeys } from './cache-key.ts'
import type { Shown } from './data.ts'
import { localeParam } from './urls.ts'

/** getStaticPaths for pages that exist in both languages, once each. */
export const bothLocales = () =>
  LOCALES.map((locale) => ({ params: { locale: localeParam(locale) }, props: { locale } }))

/**
 * getStaticPaths for pages generated from content: `staticPathsIn(locale)` lists a locale's pages without the locale
 * param, which is put first here, and every page gets the incremental build's key (cache-key.ts). The locales are read
 * one after the other so that the pages keep their order.
 */
export async function perLocale<P>(staticPathsIn: (locale: Locale) => Promise<Array<StaticPath<P>>>) {
  const staticPaths: Array<StaticPath<P>> = []
  for (const locale of LOCALES) {
    for (const { params, props } of await staticPathsIn(locale))
      staticPaths.push({ params: { locale: localeParam(locale), ...params }, props })
  }
  return withCacheKeys(staticPaths)
}

/** One page per document shown in a locale, at the document's slug. */
export const perDocument = <T extends { slug: string }>(shownIn: (locale: Locale) => Promise<Array<Shown<T>>>) =>
  perLocale(async (locale) =>
    (await shownIn(locale)).map((shown) => ({ params: { slug: shown.doc.slug }, props: { locale, shown } })),
  )
