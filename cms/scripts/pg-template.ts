/**
 * One migrated PostgreSQL cluster per set of migrations, which every throwaway test database starts
 * as a copy of: initdb and the migrations took 12 s per database on a quiet machine and 37 s on a
 * busy one, and a run of the suites makes about fifteen. Suites that run side by side share it: the
 * first one makes it under a lock, the others wait for it.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { alive, startEmbeddedPostgres } from '../src/db/embedded-postgres.ts'
import { migrate } from './migrate.ts'

/** The database every throwaway cluster holds (its name is only part of the URL). */
export const TEMPLATE_DATABASE = 'masterplan_test'
export const TEMPLATE_SECRET = 'test-secret-that-is-long-enough-0123456789'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PREFIX = 'masterplan-pg-template-'

/** The migrations and the server's version: what the template's contents depend on. */
function templateKey(): string {
  const hash = createHash('sha256')
  const migrations = path.join(cmsDir, 'src/migrations')
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(path.join(migrations, file)))
  hash.update(JSON.parse(readFileSync(path.join(cmsDir, 'package.json'), 'utf8')).dependencies['embedded-postgres'])
  return hash.digest('hex').slice(0, 16)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The pid in the lock, or 0 while its maker has not written it yet. */
function lockHolder(lock: string): number {
  try {
    return Number(readFileSync(path.join(lock, 'pid'), 'utf8')) || 0
  } catch {
    return 0
  }
}

/** The template's data folder, made first if no finished one exists for these migrations. */
export async function templateCluster(port: number): Promise<string> {
  const dir = path.join(os.tmpdir(), `${PREFIX}${templateKey()}`)
  const ready = path.join(dir, 'READY')
  const lock = `${dir}.lock`
  for (;;) {
    if (existsSync(ready)) return path.join(dir, 'pg')
    try {
      mkdirSync(lock)
      writeFileSync(path.join(lock, 'pid'), String(process.pid))
      break
    } catch {
      // Another process makes it; a lock whose maker died is taken over.
      const holder = lockHolder(lock)
      if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true })
      else await sleep(500)
    }
  }
  try {
    // Made by another process between the check above and taking the lock: it may be copied from now.
    if (existsSync(ready)) return path.join(dir, 'pg')
    const partial = `${dir}.partial`
    rmSync(partial, { recursive: true, force: true })
    mkdirSync(partial, { recursive: true, mode: 0o755 })
    const pg = await startEmbeddedPostgres({ dir: path.join(partial, 'pg'), port, database: TEMPLATE_DATABASE })
    try {
      migrate({ DATABASE_URL: pg.url, PAYLOAD_SECRET: TEMPLATE_SECRET })
    } finally {
      await pg.stop()
    }
    rmSync(`${path.join(partial, 'pg')}.owner`, { force: true })
    writeFileSync(path.join(partial, 'READY'), '')
    rmSync(dir, { recursive: true, force: true })
    renameSync(partial, dir)
    return path.join(dir, 'pg')
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** A copy of the template's data folder (ownership and modes kept: the server runs as `postgres`). */
export function copyCluster(from: string, to: string): void {
  const copied = spawnSync('cp', ['-a', from, to], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (copied.status !== 0) throw new Error(`copying the template database into ${to} failed (exit ${copied.status})`)
}
