import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildIsCurrent, buildKey, rememberBuild } from '../scripts/build-cache.ts'

describe('reusing the last CMS build', () => {
  const env = { NEXT_DIST_DIR: '.next', SERVER_URL: 'http://localhost:3000' }

  it('keeps the key while nothing the build depends on changes', () => {
    expect(buildKey(env)).toBe(buildKey({ ...env, SERVER_URL: 'http://localhost:3999', PAYLOAD_SECRET: 'another' }))
  })

  it('changes the key with the output folder or https (the headers are fixed at build time)', () => {
    expect(buildKey({ ...env, NEXT_DIST_DIR: '.next-test' })).not.toBe(buildKey(env))
    expect(buildKey({ ...env, SERVER_URL: 'https://presse.example' })).not.toBe(buildKey(env))
  })

  it('takes a build as current only when it finished and was made from the same key', async () => {
    const dist = await mkdtemp(path.join(os.tmpdir(), 'masterplan-dist-'))
    try {
      const key = buildKey(env)
      rememberBuild(dist, key)
      expect(buildIsCurrent(dist, key)).toBe(false) // no BUILD_ID: the build did not finish
      await writeFile(path.join(dist, 'BUILD_ID'), 'x')
      expect(buildIsCurrent(dist, key)).toBe(true)
      expect(buildIsCurrent(dist, `${key}0`)).toBe(false)
    } finally {
      await rm(dist, { recursive: true, force: true })
    }
  })
})
