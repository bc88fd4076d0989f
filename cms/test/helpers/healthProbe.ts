import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export type HealthProbe = {
  /** Ends the polling and gives the slowest answer (Infinity for a failed one) and how many were asked. */
  stop: () => Promise<{ worstMs: number; answers: number }>
}

/**
 * Asks a running CMS for `/api/health?scope=instance` every `everyMs` while something heavy runs,
 * from a process of its own (healthProbe.mjs), and remembers the slowest answer: the measure of
 * whether that work stalled the server.
 */
export async function probeHealth(origin: string, everyMs = 100): Promise<HealthProbe> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./healthProbe.mjs', import.meta.url)), origin, String(everyMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout.on('data', (data: Buffer) => {
    out += data
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // The first answer says the probe runs; the work starts after it.
  await new Promise((resolve) => setTimeout(resolve, everyMs * 3))
  let result: Promise<{ worstMs: number; answers: number }> | undefined
  return {
    stop: () => {
      result ??= (async () => {
        child.kill('SIGTERM')
        await exited
        const { worstMs, answers } = JSON.parse(out) as { worstMs: number | null; answers: number }
        return { worstMs: worstMs ?? Number.POSITIVE_INFINITY, answers }
      })()
      return result
    },
  }
}

/** Resident memory of a process group (the CMS server and what it spawned), in MB. */
export function groupRssMb(pgid: number): number {
  let kb = 0
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== pgid) continue
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))
      kb += Number(rss?.[1] ?? 0)
    } catch {
      // the process ended while we looked
    }
  }
  return Math.round(kb / 1024)
}
