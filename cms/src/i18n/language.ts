/**
 * The project's own admin texts, in the language the account chose (Payload's i18n). German is
 * the default; English only where the account asked for it.
 */
export type AdminLanguage = 'de' | 'en'

export const adminLanguage = (i18n?: { language?: string } | null): AdminLanguage =>
  i18n?.language === 'en' ? 'en' : 'de'

/** Picks the text of the account's language: `say('Gespeichert', 'Saved')`. */
export const speaker =
  (language: AdminLanguage) =>
  (de: string, en: string): string =>
    language === 'en' ? en : de

/** Numbers and dates as the account's language writes them (Berlin time either way). */
export const numberFormat = (language: AdminLanguage) => new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE')

export const dateTimeFormat = (language: AdminLanguage) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
