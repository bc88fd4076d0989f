import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

export type Run = { seconds: number; peakRssMb: number; ok: boolean; output: string }

/** Peak resident memory of a process tree's root, sampled from /proc (VmHWM is its high-water mark). */
function highWaterMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0
  } catch {
    return 0
  }
}

/** Runs a command to completion, timing it and sampling its peak memory. */
export function measure(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let peak = 0
    child.stdout.on('data', (c) => (output += c))
    child.stderr.on('data', (c) => (output += c))
    const sampler = setInterval(() => (peak = Math.max(peak, highWaterMb(child.pid!))), 100)
    child.on('close', (code) => {
      clearInterval(sampler)
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: Math.round(peak), ok: code === 0, output })
    })
  })
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
