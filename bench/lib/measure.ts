import { spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'
import { treeRssMb } from './alerts.ts'

export type Run = { seconds: number; peakRssMb: number; ok: boolean; output: string }

/** Runs a command to completion, timing it and sampling the peak memory of its process tree (e.g. publish.ts and the astro build it runs). */
export function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv },
): Promise<Run> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let peak = 0
    child.stdout.on('data', (c) => (output += c))
    child.stderr.on('data', (c) => (output += c))
    const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb(child.pid!, 'VmHWM'))), 100)
    child.on('close', (code) => {
      clearInterval(sampler)
      resolve({
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        peakRssMb: Math.round(peak),
        ok: code === 0,
        // Astro colours its log when CI is set; callers parse the text.
        output: stripVTControlCharacters(output),
      })
    })
  })
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
