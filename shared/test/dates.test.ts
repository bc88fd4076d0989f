import { describe, expect, it } from 'vitest'
import { berlinDay, germanDate, isWithinDays } from '../src/dates.ts'

describe('dates in Europe/Berlin', () => {
  it('put a late-evening UTC moment on the next Berlin day', () => {
    expect(berlinDay('2026-12-31T23:30:00.000Z')).toBe('2027-01-01')
    expect(berlinDay('2026-06-30T22:30:00.000Z')).toBe('2026-07-01') // summer time: UTC+2
  })

  it('format the German short date', () => {
    expect(germanDate('2025-04-15T08:00:00.000Z')).toBe('15.04.2025')
  })

  it('include both ends of a window', () => {
    expect(isWithinDays('2025-04-15T00:30:00.000Z', '2025-04-15', '2026-12-31')).toBe(true)
    expect(isWithinDays('2026-12-31T20:00:00.000Z', '2025-04-15', '2026-12-31')).toBe(true)
    expect(isWithinDays('2025-04-14T12:00:00.000Z', '2025-04-15', '2026-12-31')).toBe(false)
    expect(isWithinDays('2026-12-31T23:30:00.000Z', '2025-04-15', '2026-12-31')).toBe(false)
  })
})
