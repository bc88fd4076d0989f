/**
 * A real CMS for end-to-end tests: throwaway embedded PostgreSQL, committed migrations, the test
 * fixtures, a production `next build` and `next start` on a free port. `stop()` ends all of it.
 */
import '@masterplan/shared/no-telemetry'
import { type ChildProcess, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts'
import type { Fixtures } from '../src/seed/test-fixtures.ts'
import { buildIsCurrent, buildKey, rememberBuild } from './build-cache.ts'
import { migrate } from './migrate.ts'
import { spawnGroup, stopGroup } from './processes.ts'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name: string) => path.join(cmsDir, 'node_modules/.bin', name)

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

export type TestCms = {
  url: string
  env: Record<string, string>
  fixtures: Fixtures
  /** Stops and starts the CMS server only (the database keeps running), as a deploy or crash would. */
  stopServer: () => Promise<void>
  startServer: () => Promise<void>
  /** SIGKILL to the server's whole process group at once (and what it spawned, e.g. a site build): a crash, no shutdown. */
  killServer: () => Promise<void>
  /** The server's process id (its process group's leader), e.g. to sample its memory. */
  serverPid: () => number | undefined
  /** Stops PostgreSQL and starts it again on the same data, while the CMS server keeps running. */
  pauseDatabase: () => Promise<void>
  resumeDatabase: () => Promise<void>
  stop: () => Promise<void>
}

type Options = {
  log?: (line: string) => void
  /** Extra environment, e.g. SITE_BUILD_TARGET=local for publishing tests. */
  env?: Record<string, string>
}

/**
 * A throwaway, migrated PostgreSQL with the environment a CMS needs against it, in a temporary
 * folder that `stop()` removes. Tests get the schema production gets, never a pushed one.
 */
export async function throwawayDatabase(name: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), `masterplan-${name}-`))
  await chmod(root, 0o755) // the server runs as the `postgres` user when tests run as root
  const pg = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), port: await freePort(), database: name, persistent: false })
  const env = {
    DATABASE_URL: pg.url,
    PAYLOAD_SECRET: 'test-secret-that-is-long-enough-0123456789',
    MEDIA_DIR: path.join(root, 'media'),
  }
  const stop = async () => {
    await pg.stop()
    await rm(root, { recursive: true, force: true })
  }
  try {
    migrate(env)
  } catch (error) {
    await stop()
    throw error
  }
  return { env, stop, pause: pg.pause, resume: pg.resume }
}

function runOrThrow(command: string, args: string[], env: Record<string, string>, what: string): string {
  const result = spawnSync(command, args, { cwd: cmsDir, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`)
  return result.stdout
}

export async function startTestCms({ log = () => {}, env: extra = {} }: Options = {}): Promise<TestCms> {
  const database = await throwawayDatabase('e2e')
  const port = await freePort()
  const url = `http://localhost:${port}`
  const env = {
    ...database.env,
    // `next start` runs with NODE_ENV=production, which refuses a guessable secret (src/lib/env.ts).
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    SERVER_URL: url,
    NEXT_DIST_DIR: '.next-test',
    NODE_OPTIONS: '--no-deprecation',
    // As `pnpm start` runs it: a stop lets running work finish (src/lib/shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE: 'true',
    ...extra,
  }
  let server: ChildProcess | undefined
  const stopServer = async () => {
    if (server) await stopGroup(server)
  }
  const killServer = async () => {
    const running = server
    if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return
    const gone = new Promise<void>((resolve) => running.once('exit', () => resolve()))
    process.kill(-running.pid, 'SIGKILL')
    await gone
  }
  const startServer = async () => {
    server = spawnGroup(bin('next'), ['start', '--port', String(port)], { cwd: cmsDir, env: { ...process.env, ...env, NODE_ENV: 'production' }, stdio: 'ignore' })
    const deadline = Date.now() + 60_000
    for (;;) {
      const ok = await fetch(`${url}/api/press-releases?limit=1`).then((r) => r.ok, () => false)
      if (ok) return
      if (Date.now() > deadline || server.exitCode !== null) throw new Error('the test CMS did not start')
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  const stop = async () => {
    await stopServer()
    await database.stop()
  }
  try {
    log('cms: migrated; loading fixtures')
    const output = runOrThrow(bin('tsx'), ['scripts/test-fixtures.ts'], env, 'loading fixtures').trim().split('\n')
    const fixtures = JSON.parse(output.at(-1)!) as Fixtures
    log('cms: building (next build)')
    // Test files that start a CMS share one build while the sources are unchanged.
    const distDir = path.join(cmsDir, env.NEXT_DIST_DIR)
    const key = buildKey(env)
    if (!buildIsCurrent(distDir, key)) {
      runOrThrow(bin('next'), ['build'], { ...env, NODE_ENV: 'production' }, 'next build')
      rememberBuild(distDir, key)
    }
    await startServer()
    log(`cms: ready at ${url}`)
    return { url, env, fixtures, stopServer, startServer, killServer, serverPid: () => server?.pid, pauseDatabase: database.pause, resumeDatabase: database.resume, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
