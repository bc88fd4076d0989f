/**
 * Graceful stop for work that must not be cut in half, such as a mail the server has accepted but
 * the CMS has not yet recorded (it would be sent again after the restart).
 *
 * `next start` exits at once on SIGTERM unless NEXT_MANUAL_SIG_HANDLE is set (the start script,
 * the test CMS and DEPLOY.md set it). Then this handler stops new work, waits for the tracked
 * work to end (at most DRAIN_MS, below the 10 s after which scripts/processes.ts sends SIGKILL)
 * and exits with the signal's code.
 */
import { readEnv } from './env.ts'
const DRAIN_MS = 8_000
const running = new Set<Promise<unknown>>()
let stopping = false

export const isStopping = () => stopping

/** Keeps the process alive on a graceful stop until the promise settles. */
export function track<T>(work: Promise<T>): Promise<T> {
  running.add(work)
  work.then(
    () => running.delete(work),
    () => running.delete(work),
  )
  return work
}

export function installGracefulStop(log: (message: string) => void): void {
  if (!readEnv().NEXT_MANUAL_SIG_HANDLE) return
  const stop = (signal: NodeJS.Signals, code: number) => async () => {
    stopping = true
    log(`${signal}: finishing ${running.size} running task(s) before exit`)
    await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, DRAIN_MS))])
    process.exit(code)
  }
  process.once('SIGTERM', stop('SIGTERM', 143))
  process.once('SIGINT', stop('SIGINT', 130))
}
