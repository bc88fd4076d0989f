import { berlinDay, type Milestone } from '@masterplan/shared'

export type TimelineItem = { kind: 'milestone'; milestone: Milestone; next: boolean } | { kind: 'today'; day: string }

/** The day a milestone is placed at: when it happened, else when it is planned. */
export const milestoneDay = (m: Milestone) => berlinDay(m.actualDate ?? m.plannedDate)

/**
 * Milestones in date order with a "today" marker where the build date falls, and the first
 * milestone still open from today on flagged as next. Without a day (archive mode), the final
 * state: the milestones alone.
 */
export function timeline(milestones: Milestone[], today: string | null): TimelineItem[] {
  const sorted = [...milestones].sort((a, b) => milestoneDay(a).localeCompare(milestoneDay(b)))
  if (today === null) return sorted.map((milestone) => ({ kind: 'milestone', milestone, next: false }))
  const nextId = sorted.find((m) => m.status !== 'done' && milestoneDay(m) >= today)?.id
  const items: TimelineItem[] = []
  let placedToday = false
  for (const milestone of sorted) {
    if (!placedToday && milestoneDay(milestone) > today) {
      items.push({ kind: 'today', day: today })
      placedToday = true
    }
    items.push({ kind: 'milestone', milestone, next: milestone.id === nextId })
  }
  if (!placedToday) items.push({ kind: 'today', day: today })
  return items
}
