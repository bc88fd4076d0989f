import type { Payload } from 'payload'
import { LOCALES, type Locale, longDate, type MilestoneStatus } from '@masterplan/shared'
import { readEnv } from '../lib/env.ts'
import { archived } from '../archiveMode/archived.ts'
import type { Alert } from '../payload-types.ts'

/** What an alert says, in each language: read once per send, not once per mail. */
export type AlertContent = Record<
  Locale,
  {
    title: string
    subtitle?: string | null
    date: string
    summary: string
    url: string
    note?: string | null
    /** The release has no English version: the English mail links the German page and says so. */
    germanOnly?: boolean
  }
>

const statusWords: Record<Locale, Record<MilestoneStatus, string>> = {
  de: { planned: 'geplant', 'in-progress': 'in Arbeit', done: 'erledigt', postponed: 'verschoben' },
  en: { planned: 'planned', 'in-progress': 'in progress', done: 'done', postponed: 'postponed' },
}

const idOf = (ref: number | { id: number } | null | undefined) => (typeof ref === 'object' ? ref?.id : ref)
const sitePath = (locale: Locale, path: string) =>
  new URL(locale === 'en' ? `/en${path}` : path, readEnv().SITE_URL).toString()
/**
 * The published state of the alert's document, or null when it is no longer public (then the alert
 * is cancelled rather than announcing a page that is gone).
 */
export async function alertContent(payload: Payload, alert: Alert): Promise<AlertContent | null> {
  // Switched off again since its build: no last message, and a later one can still be recorded.
  if (alert.kind === 'archive') return (await archived(payload)) ? lastMessage(payload) : null
  const entries = await Promise.all(
    LOCALES.map(async (locale) => {
      if (alert.kind === 'milestone') {
        const doc = await payload.findByID({
          collection: 'milestones',
          id: idOf(alert.milestone)!,
          locale,
          depth: 0,
          draft: false,
          overrideAccess: true,
          disableErrors: true,
        })
        if (doc?._status !== 'published') return null
        const date = doc.actualDate ?? doc.plannedDate
        const when = doc.plannedEndDate
          ? `${longDate(doc.plannedDate, locale)} – ${longDate(doc.plannedEndDate, locale)}`
          : longDate(date, locale)
        const summary =
          locale === 'en'
            ? `Status: ${statusWords.en[doc.status]}. Date: ${when}.`
            : `Stand: ${statusWords.de[doc.status]}. Termin: ${when}.`
        return [locale, { title: doc.title, date, summary, url: sitePath(locale, `/zeitplan/#${doc.slug}`) }] as const
      }
      const doc = await payload.findByID({
        collection: 'press-releases',
        id: idOf(alert.pressRelease)!,
        locale,
        depth: 0,
        draft: false,
        overrideAccess: true,
        disableErrors: true,
      })
      if (doc?._status !== 'published' || (doc.embargoUntil && new Date(doc.embargoUntil) > new Date())) return null
      const note = alert.kind === 'correction' ? doc.corrections?.at(-1)?.note : null
      // The site has an English page only for a release with an English title (site/src/lib/content-sync.ts).
      const germanOnly = locale === 'en' && !(await hasEnglishTitle(payload, doc.id))
      return [
        locale,
        {
          title: doc.title,
          subtitle: doc.subtitle,
          date: longDate(doc.releaseDate, locale),
          summary: doc.lead,
          url: sitePath(germanOnly ? 'de' : locale, `/aktuelles/${doc.slug}/`),
          note,
          germanOnly,
        },
      ] as const
    }),
  )
  if (entries.some((entry) => entry === null)) return null
  return Object.fromEntries(entries as [Locale, AlertContent[Locale]][]) as AlertContent
}

async function hasEnglishTitle(payload: Payload, id: number): Promise<boolean> {
  const english = await payload.findByID({
    collection: 'press-releases',
    id,
    locale: 'en',
    fallbackLocale: false,
    select: { title: true },
    depth: 0,
    draft: false,
    overrideAccess: true,
    disableErrors: true,
  })
  return Boolean(english?.title)
}

/** The archive's last message: the process ended, when the Masterplan was presented, where it stays. */
async function lastMessage(payload: Payload): Promise<AlertContent> {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })
  const { presentedOn, presentationLink } = settings.archive ?? {}
  const link = (locale: Locale) =>
    presentationLink ? new URL(presentationLink, readEnv().SITE_URL).toString() : sitePath(locale, '/')
  const end = settings.processWindow.end
  return {
    de: {
      title: 'Der Prozess zum Masterplan Südwestsachsen ist abgeschlossen',
      date: longDate(presentedOn ?? end, 'de'),
      summary: presentedOn
        ? 'An diesem Tag wurde der Masterplan vorgestellt. Dies ist die letzte Benachrichtigung, danach erhalten Sie keine weiteren. Die Website bleibt als Archiv online.'
        : 'Der Prozess endete an diesem Tag. Dies ist die letzte Benachrichtigung, danach erhalten Sie keine weiteren. Die Website bleibt als Archiv online.',
      url: link('de'),
    },
    en: {
      title: 'The process for the Masterplan Südwestsachsen has ended',
      date: longDate(presentedOn ?? end, 'en'),
      summary: presentedOn
        ? 'The Masterplan was presented on this day. This is the last alert; no more will follow. The website stays online as a record.'
        : 'The process ended on this day. This is the last alert; no more will follow. The website stays online as a record.',
      url: link('en'),
    },
  }
}
