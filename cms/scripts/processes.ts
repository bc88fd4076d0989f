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
