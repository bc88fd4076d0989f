import type { Locale } from '@masterplan/shared'
import { localeParam } from './urls.ts'

export const LOCALES: Locale[] = ['de', 'en']

/** getStaticPaths for pages that exist in both languages. */
export const bothLocales = () => LOCALES.map((locale) => ({ params: { locale: localeParam(locale) }, props: { locale } }))
