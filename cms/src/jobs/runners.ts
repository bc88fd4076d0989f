import type { Payload } from 'payload'
import { startNightlyBuilds } from '../publishing/nightly.ts'
import { startLeaseSweeper } from './leases.ts'

/**
 * What a process that runs the job queues starts beside Payload's own queue crons: the nightly
 * build check and the sweep that releases jobs whose runner died (payload#17645). Safe in several
 * processes at once: the nightly check is keyed on the night, the sweep claims what it releases.
 */
export function startJobRunners(payload: Payload): void {
  startNightlyBuilds(payload)
  startLeaseSweeper(payload)
}
