import { berlinDay } from './dates.ts'
import type { SiteSettings } from './schemas/site-settings.ts'

/**
 * Whether the site is an archive of the finished process: switched on or off by hand, or — the
 * default — from the first Berlin day after the process window ends (01.01.2027). The CMS (no new
 * subscriptions, no more alerts) and the site build (banner, final timeline) ask the same question.
 */
export function isArchived(settings: Pick<SiteSettings, 'archive' | 'processWindow'>, now: Date): boolean {
  const mode = settings.archive?.mode ?? 'auto'
  if (mode !== 'auto') return mode === 'on'
  return berlinDay(now) > berlinDay(settings.processWindow.end)
}
