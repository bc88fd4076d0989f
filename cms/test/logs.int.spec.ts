import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const probe = (format: string) =>
  spawnSync(path.resolve('node_modules/.bin/tsx'), ['test/helpers/log-probe.ts'], {
    env: { ...process.env, LOG_FORMAT: format, NODE_OPTIONS: '--no-deprecation' },
    encoding: 'utf8',
    timeout: 60_000,
  })

describe('LOG_FORMAT=json', () => {
  it('writes one JSON object per line: logins and errors with their event, level and time', () => {
    const run = probe('json')
    expect(run.status, run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n').filter(Boolean)
    const events = lines.map((line) => JSON.parse(line) as { event?: string; level: number; time: string })
    expect(events.find((e) => e.event === 'login')).toMatchObject({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    expect(events.find((e) => e.event === 'probe-error')).toMatchObject({ level: 50, err: { message: 'probe' } })
  })

  it('is not the default: a terminal gets readable lines', () => {
    const run = probe('pretty')
    expect(run.status, run.stderr).toBe(0)
    expect(() => JSON.parse(run.stdout.trim().split('\n')[0])).toThrow()
  })
})
