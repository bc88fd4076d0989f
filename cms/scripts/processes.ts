import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process'

/** How long a child gets to stop after SIGTERM before it and its own children are killed. */
export const STOP_GRACE_MS = 10_000

/**
 * Starts a child in a process group of its own, so stopping it also reaches what it started
 * (`next start` runs the server as a further process).
 */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: true })
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // the group is already gone
  }
}

/**
 * SIGTERM to the child's whole group, then SIGKILL after the grace period: a hung server (e.g. one
 * whose database pool is stuck) ignores SIGTERM, and nothing may be left running after a stop.
 */
export async function stopGroup(
  child: ChildProcess,
  graceMs = STOP_GRACE_MS,
  log: (line: string) => void = () => {},
): Promise<void> {
  if (!child.pid) return
  const gone = exited(child) ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()))
  signalGroup(child, 'SIGTERM')
  const timer = setTimeout(() => {
    log(`${child.spawnfile} did not stop within ${graceMs / 1000} s: killing it`)
    signalGroup(child, 'SIGKILL')
  }, graceMs)
  await gone
  clearTimeout(timer)
  // Whatever the child started and left behind in its group goes too.
  signalGroup(child, 'SIGKILL')
}

/** Waits before the first restart, doubled after each restart that did not last, up to the maximum. */
export type Backoff = { firstMs: number; maxMs: number; stableMs: number }

/**
 * A server that ran this long before it died counts as healthy again: its next restart waits the
 * shortest time. One that dies right after each start (a port taken, a broken build) is retried ever
 * more slowly instead of in a tight loop.
 */
export const RESTART_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000, stableMs: 60_000 }

export type Supervised = {
  /** The child running now (a new one after each restart). */
  current: () => ChildProcess
  restarts: () => number
  /** Stops the child and every later restart. */
  stop: (graceMs?: number) => Promise<void>
}

/**
 * Keeps a long-running child up: when it dies on its own it is started again after a back-off,
 * and `log` says so. One crashed server (e.g. the site's) must not take the others (the CMS) down.
 */
export function superviseGroup(
  name: string,
  start: () => ChildProcess,
  { log = console.error, backoff = RESTART_BACKOFF }: { log?: (line: string) => void; backoff?: Backoff } = {},
): Supervised {
  let child = start()
  let stopped = false
  let restarts = 0
  let waitMs = backoff.firstMs
  let timer: NodeJS.Timeout | undefined
  const watch = (running: ChildProcess) => {
    const startedAt = Date.now()
    let handled = false
    // A child that could not be started at all (e.g. its program is missing) reports 'error', not 'exit'.
    running.once('error', (error) => {
      if (running.pid === undefined) died(`${error.message}`)
    })
    running.once('exit', (code, signal) => died(signal ? `signal ${signal}` : `exit ${code}`))
    function died(how: string) {
      if (stopped || handled) return
      handled = true
      if (Date.now() - startedAt >= backoff.stableMs) waitMs = backoff.firstMs
      log(`${name} stopped unexpectedly (${how}); restarting it in ${(waitMs / 1000).toFixed(1)} s`)
      timer = setTimeout(() => {
        timer = undefined
        if (stopped) return
        restarts++
        child = start()
        log(`${name} restarted (restart ${restarts})`)
        watch(child)
      }, waitMs)
      waitMs = Math.min(waitMs * 2, backoff.maxMs)
    }
  }
  watch(child)
  return {
    current: () => child,
    restarts: () => restarts,
    stop: async (graceMs) => {
      stopped = true
      if (timer) clearTimeout(timer)
      await stopGroup(child, graceMs)
    },
  }
}
