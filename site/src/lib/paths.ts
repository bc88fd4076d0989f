import { LOCALES } from '@masterplan/shared'
import { localeParam } from './urls.ts'

/** getStaticPaths for pages that exist in both languages. */
export const bothLocales = () => LOCALES.map((locale) => ({ params: { locale: localeParam(locale) }, props: { locale } }))
