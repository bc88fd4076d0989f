import {
  isArchived,
  type Locale,
  type Media,
  type Milestone,
  type Page,
  type Partner,
  type PressRelease,
  type SiteSettings,
} from '@masterplan/shared'
import { buildTime } from './clock.ts'
import { content } from './content-store.ts'
import type { Localized } from './content-sync.ts'
import { berlinYear } from './format.ts'
import { partnerPath } from './urls.ts'

/** A document in the page's locale, plus the fields that fell back to German (marked lang="de"). */
export type Shown<T> = { doc: T; untranslated: string[]; hasEnglish: boolean }

function inLocale<T>(entries: unknown[], locale: Locale): Array<Shown<T>> {
  return (entries as Array<Localized<T>>).flatMap((data): Array<Shown<T>> => {
    if (locale === 'de') return [{ doc: data.de, untranslated: [], hasEnglish: data.en !== null }]
    return data.en ? [{ doc: data.en, untranslated: data.untranslated, hasEnglish: true }] : []
  })
}

/**
 * Published releases, newest first. The API already hides embargoed ones; the check here is a
 * second lock so a misconfigured CMS still cannot publish a release before its embargo.
 */
export async function releases(locale: Locale, now = new Date()): Promise<Array<Shown<PressRelease>>> {
  const all = inLocale<PressRelease>((await content()).pressReleases, locale)
  return all
    .filter(({ doc }) => !doc.embargoUntil || new Date(doc.embargoUntil) <= now)
    .sort((a, b) => b.doc.releaseDate.localeCompare(a.doc.releaseDate) || b.doc.id - a.doc.id)
}

/** Whether the site is built as the archive of the finished process (banner, final timeline, no sign-up). */
export async function archived(): Promise<boolean> {
  return isArchived(await settings('de'), buildTime())
}

/** The published releases of a locale, newest first, and the years that have any, newest first. */
export async function archive(locale: Locale) {
  const items = await releases(locale)
  const years = [...new Set(items.map(({ doc }) => berlinYear(doc.releaseDate)))].sort((a, b) => b - a)
  return { items, years }
}

export async function milestones(locale: Locale): Promise<Array<Shown<Milestone>>> {
  const all = inLocale<Milestone>((await content()).milestones, locale)
  return all.sort((a, b) => a.doc.plannedDate.localeCompare(b.doc.plannedDate))
}

export async function partners(locale: Locale): Promise<Array<Shown<Partner>>> {
  const all = inLocale<Partner>((await content()).partners, locale)
  return all.sort((a, b) => a.doc.name.localeCompare(b.doc.name, locale))
}

export async function pages(locale: Locale): Promise<Array<Shown<Page>>> {
  return inLocale<Page>((await content()).pages, locale)
}

export async function settings(locale: Locale): Promise<SiteSettings> {
  return (await content()).settings[locale]
}

/** A populated relationship, or null where the API returned only an id (not public, or too deep). */
export const populated = <T extends object>(ref: number | T | null | undefined): T | null =>
  ref !== null && typeof ref === 'object' ? ref : null

export const isMedia = (ref: unknown): ref is Media =>
  populated(ref as object) !== null && 'mimeType' in (ref as object)

/** Ids of the partners who issued a release, whatever the population depth. */
export const issuerIds = (release: PressRelease) => release.issuers.map((i) => (typeof i === 'number' ? i : i.id))

/** Where a partner's page is: in the page's language where it was built, else the German one (`lang`). */
export type PartnerLink = { href: string; lang?: Locale }

/** A partner has an English page only with an English name (see `partners`). */
export async function partnerLinks(locale: Locale): Promise<(partner: Partner) => PartnerLink> {
  if (locale === 'de') return (partner) => ({ href: partnerPath('de', partner.slug) })
  const english = new Set((await partners('en')).map(({ doc }) => doc.id))
  return (partner) =>
    english.has(partner.id)
      ? { href: partnerPath('en', partner.slug) }
      : { href: partnerPath('de', partner.slug), lang: 'de' }
}
