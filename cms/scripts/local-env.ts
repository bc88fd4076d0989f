import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts'
import { dataDir } from '../src/lib/paths.ts'

/** Not PostgreSQL's default 5432, so a system server on the machine is left alone. */
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329)

/** A development secret made once and kept with the local data, so sessions survive restarts. */
function localSecret(): string {
  const file = path.join(dataDir, 'payload-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

/**
 * The environment the CMS needs on this machine: the given DATABASE_URL, or an embedded
 * PostgreSQL in `.data/postgres` that the caller stops with `stop()`.
 */
export async function prepareLocalEnv(log: (line: string) => void = () => {}) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (!env.PAYLOAD_SECRET) {
    if (env.NODE_ENV === 'production' && env.CI !== 'true' && env.DATABASE_URL) {
      throw new Error('PAYLOAD_SECRET must be set when running against a real database in production')
    }
    env.PAYLOAD_SECRET = localSecret()
  }
  let stop = async () => {}
  if (!env.DATABASE_URL) {
    log(`Starting the embedded PostgreSQL on port ${EMBEDDED_PORT} (data in .data/postgres) …`)
    const pg = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      port: EMBEDDED_PORT,
      database: 'masterplan',
    })
    env.DATABASE_URL = pg.url
    stop = pg.stop
  }
  return { env, stop }
}

/**
 * Stopping the embedded server ends the pool's idle connections from the server side; without a
 * listener the pool would throw that as an uncaught error on the way out.
 */
export function tolerateDatabaseShutdown(payload: { db: unknown }): void {
  const pool = (payload.db as { pool?: { on: (event: 'error', fn: () => void) => void } }).pool
  pool?.on('error', () => {})
}

/**
 * The Local API for scripts and tools (also outside the cms package, e.g. benchmarks): payload and the
 * config resolve from here, so all share one Payload instance. Set the environment before calling.
 */
export async function bootPayload() {
  const [{ getPayload }, { default: config }] = await Promise.all([
    import('payload'),
    import('../src/payload.config.ts'),
  ])
  const payload = await getPayload({ config })
  tolerateDatabaseShutdown(payload)
  return payload
}
