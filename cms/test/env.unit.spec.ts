import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readEnv } from '../src/lib/env.ts'

const folder = mkdtempSync(path.join(os.tmpdir(), 'masterplan-env-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** What `pnpm start` would have left in `.data/payload-secret` on this machine. */
const generated = randomBytes(32).toString('hex')
const generatedSecretFile = path.join(folder, 'payload-secret')
writeFileSync(generatedSecretFile, `${generated}\n`)

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://cms:ein-echtes-passwort@db.internal:5432/masterplan',
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
}
const read = (env: Record<string, string | undefined>) => readEnv(env, { generatedSecretFile })

describe('PAYLOAD_SECRET in production against a real database', () => {
  it('accepts a random secret', () => {
    expect(read(production).PAYLOAD_SECRET).toBe(production.PAYLOAD_SECRET)
  })

  it.each([
    ['the secret the tests use', 'test-secret-that-is-long-enough-0123456789'],
    ['a placeholder', 'changeme-changeme-changeme-changeme'],
    ['an example from a tutorial', 'your-super-secret-key-goes-here-please'],
    ['one repeated character', 'a'.repeat(48)],
    ['a repeated sequence', '0123456789'.repeat(4)],
    ['a repeated word', 'Masterplan2026!'.repeat(3)],
    ['few different characters', 'aabbaabbabababbbaaabbbababbbaaabab'],
  ])('refuses %s, naming PAYLOAD_SECRET', (_, secret) => {
    expect(() => read({ ...production, PAYLOAD_SECRET: secret })).toThrow(/PAYLOAD_SECRET: .*(zu schwach|too weak)/)
  })

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => read({ ...production, PAYLOAD_SECRET: randomBytes(12).toString('hex') })).toThrow(
      /PAYLOAD_SECRET: must be at least 32 characters/,
    )
  })

  it('refuses the development secret `pnpm start` generated', () => {
    expect(() => read({ ...production, PAYLOAD_SECRET: generated })).toThrow(
      /PAYLOAD_SECRET: .*development secret.*payload-secret/,
    )
  })

  it('lets `pnpm start` use its generated secret with its own embedded database', () => {
    const embedded = {
      ...production,
      DATABASE_URL: 'postgres://masterplan:masterplan-local@127.0.0.1:54329/masterplan',
      PAYLOAD_SECRET: generated,
    }
    expect(read(embedded).PAYLOAD_SECRET).toBe(generated)
  })

  it('names every problem at once', () => {
    expect(() => read({ ...production, PAYLOAD_SECRET: 'changeme'.repeat(5), SERVER_URL: 'kein-url' })).toThrow(
      /SERVER_URL[\s\S]*PAYLOAD_SECRET|PAYLOAD_SECRET[\s\S]*SERVER_URL/,
    )
  })

  it('accepts random secrets in the usual encodings (no false alarms)', () => {
    for (let i = 0; i < 2000; i++) {
      for (const secret of [
        randomBytes(16).toString('hex'),
        randomBytes(32).toString('hex'),
        randomBytes(24).toString('base64'),
        randomBytes(32).toString('base64url'),
      ]) {
        expect(() => read({ ...production, PAYLOAD_SECRET: secret }), secret).not.toThrow()
      }
    }
  })
})

describe('outside production', () => {
  it('leaves development and tests alone (they run with a readable secret)', () => {
    const env = { ...production, NODE_ENV: 'test', PAYLOAD_SECRET: 'test-secret-that-is-long-enough-0123456789' }
    expect(read(env).PAYLOAD_SECRET).toBe(env.PAYLOAD_SECRET)
    expect(read({ ...env, NODE_ENV: 'development', PAYLOAD_SECRET: generated }).PAYLOAD_SECRET).toBe(generated)
  })

  it('still wants 32 characters', () => {
    expect(() => read({ ...production, NODE_ENV: 'development', PAYLOAD_SECRET: 'kurz' })).toThrow(/PAYLOAD_SECRET/)
  })
})

describe('TRUST_PROXY', () => {
  it('is off unless set, and refuses what is not a yes or no', () => {
    expect(read(production).TRUST_PROXY).toBe(false)
    expect(read({ ...production, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(() => read({ ...production, TRUST_PROXY: 'vielleicht' })).toThrow(/TRUST_PROXY/)
  })
})

describe('object storage and job settings', () => {
  const keys = { S3_ACCESS_KEY_ID: 'zugang', S3_SECRET_ACCESS_KEY: 'geheim' }

  it('wants the site bucket for the s3 target and keys for any bucket, naming the field', () => {
    expect(() => read({ ...production, ...keys, SITE_BUILD_TARGET: 's3' })).toThrow(
      /SITE_S3_BUCKET: SITE_S3_BUCKET is required when SITE_BUILD_TARGET is s3/,
    )
    expect(() => read({ ...production, S3_BUCKET: 'medien' })).toThrow(
      /S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required/,
    )
    expect(() => read({ ...production, SITE_BUILD_TARGET: 's3', SITE_S3_BUCKET: 'website' })).toThrow(
      /S3_ACCESS_KEY_ID/,
    )
    expect(() => read({ ...production, ...keys, S3_BUCKET: 'medien', S3_ENDPOINT: 'kein-url' })).toThrow(/S3_ENDPOINT/)
    expect(
      read({
        ...production,
        ...keys,
        S3_BUCKET: 'medien',
        SITE_BUILD_TARGET: 's3',
        SITE_S3_BUCKET: 'website',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toMatchObject({
      S3_BUCKET: 'medien',
      SITE_S3_BUCKET: 'website',
      S3_FORCE_PATH_STYLE: true,
      S3_REGION: 'eu-central-1',
    })
  })

  it('runs the job queues unless JOBS_AUTORUN is false, and refuses what is not a yes or no', () => {
    expect(read(production).JOBS_AUTORUN).toBe(true)
    expect(read({ ...production, JOBS_AUTORUN: 'false' }).JOBS_AUTORUN).toBe(false)
    expect(() => read({ ...production, JOBS_AUTORUN: 'manchmal' })).toThrow(/JOBS_AUTORUN/)
  })
})

describe('reading the environment', () => {
  it('validates a set of values once, and again when a value changes', () => {
    const first = read(production)
    expect(read({ ...production })).toBe(first)
    const changed = read({ ...production, SITE_BUILD_DEBOUNCE_MS: '10' })
    expect(changed).not.toBe(first)
    expect(changed.SITE_BUILD_DEBOUNCE_MS).toBe(10)
    expect(() => read({ ...production, SITE_BUILD_DEBOUNCE_MS: 'bald' })).toThrow(/SITE_BUILD_DEBOUNCE_MS/)
  })
})
