import type { Payload } from 'payload'
import { startLastMessage } from '../archiveMode/lastMessage.ts'
import { startNightlyBuilds } from '../siteBuild/nightlyBuild.ts'
import { startLeaseSweeper } from './leases.ts'

/**
 * What a process that runs the job queues starts beside Payload's own queue crons: the nightly
 * build check, the archive's last message and the sweep that releases jobs whose runner died
 * (payload#17645). Safe in several processes at once: the nightly check and the last message are
 * taken under a lock, the sweep claims what it releases.
 */
export function startJobRunners(payload: Payload): void {
  startNightlyBuilds(payload)
  startLastMessage(payload)
  startLeaseSweeper(payload)
}
