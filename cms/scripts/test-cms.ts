/**
 * A real CMS for end-to-end tests: throwaway embedded PostgreSQL, committed migrations, the test
 * fixtures, a production `next build` and `next start` on a free port. `stop()` ends all of it.
 */
import '@masterplan/shared/no-telemetry'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { openSync } from 'node:fs'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts'
import type { Fixtures } from '../src/seed/test-fixtures.ts'
import { buildIsCurrent, buildKey, rememberBuild } from './build-cache.ts'
import { freePort } from './free-port.ts'
import { copyCluster, TEMPLATE_DATABASE, TEMPLATE_SECRET, templateCluster } from './pg-template.ts'
import { spawnGroup, stopGroup } from './processes.ts'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name: string) => path.join(cmsDir, 'node_modules/.bin', name)

/** Where the test CMSs' production build goes, beside the `.next` of `pnpm start`. */
const TEST_DIST_DIR = '.next-test'

export { freePort }

export type TestCms = {
  url: string
  env: Record<string, string>
  fixtures: Fixtures
  /** Stops and starts the CMS server only (the database keeps running), as a deploy or crash would. */
  stopServer: () => Promise<void>
  /** Starts the server again, with `env` on top of its environment (e.g. another site target). */
  startServer: (env?: Record<string, string>) => Promise<void>
  /** SIGKILL to the server's whole process group at once (and what it spawned, e.g. a site build): a crash, no shutdown. */
  killServer: () => Promise<void>
  /** The server's process id (its process group's leader), e.g. to sample its memory. */
  serverPid: () => number | undefined
  /**
   * A further process on the same database: another CMS instance (`next start` on a port of its
   * own) or a job worker (scripts/worker.ts). Its environment is the CMS's with `env` on top.
   */
  startProcess: (kind: 'instance' | 'worker', env?: Record<string, string>) => Promise<ExtraProcess>
  /** Stops PostgreSQL and starts it again on the same data, while the CMS server keeps running. */
  pauseDatabase: () => Promise<void>
  resumeDatabase: () => Promise<void>
  stop: () => Promise<void>
}

export type ExtraProcess = {
  /** The instance's own origin (workers have none). */
  url?: string
  pid: number
  stop: () => Promise<void>
  /** SIGKILL to its whole process group: a crash. */
  kill: () => Promise<void>
}

/** SIGKILL to a child's whole process group at once (and what it spawned, e.g. a site build). */
async function killGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  process.kill(-child.pid, 'SIGKILL')
  await gone
}

/** Waits until a started CMS answers its REST API. */
async function answering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const ok = await fetch(`${url}/api/press-releases?limit=1`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the test CMS at ${url} did not start`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

type Options = {
  log?: (line: string) => void
  /** Extra environment, e.g. SITE_BUILD_TARGET=local for publishing tests. */
  env?: Record<string, string>
}

/**
 * A throwaway, migrated PostgreSQL with the environment a CMS needs against it, in a temporary
 * folder that `stop()` removes: a copy of the template cluster, which the committed migrations
 * made (pg-template.ts). Tests get the schema production gets, never a pushed one.
 */
export async function throwawayDatabase(name: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), `masterplan-${name}-`))
  await chmod(root, 0o755) // the server runs as the `postgres` user when tests run as root
  const port = await freePort()
  try {
    copyCluster(await templateCluster(port), path.join(root, 'pg'))
  } catch (error) {
    await rm(root, { recursive: true, force: true })
    throw error
  }
  const pg = await startEmbeddedPostgres({
    dir: path.join(root, 'pg'),
    port,
    database: TEMPLATE_DATABASE,
    persistent: false,
  })
  const env = {
    DATABASE_URL: pg.url,
    PAYLOAD_SECRET: TEMPLATE_SECRET,
    MEDIA_DIR: path.join(root, 'media'),
    // The site build's content cache belongs to this database, not to another test's.
    SITE_CACHE_DIR: path.join(root, 'astro-cache'),
  }
  const stop = async () => {
    await pg.stop()
    await rm(root, { recursive: true, force: true })
  }
  return { env, stop, pause: pg.pause, resume: pg.resume }
}

/**
 * Runs a command to its end without blocking this process: a server the test runs in-process (the
 * S3 server that fixtures upload to, an SMTP sink) must keep answering meanwhile.
 */
async function runOrThrow(command: string, args: string[], env: Record<string, string>, what: string): Promise<string> {
  const child = spawn(command, args, {
    cwd: cmsDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve))
  if (code !== 0) throw new Error(`${what} failed (exit ${code}):\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`)
  return stdout
}

/**
 * Test files that start a CMS share one build while the sources are unchanged (build-cache.ts);
 * `env` is a CMS's environment with its database.
 */
async function ensureBuild(env: Record<string, string>): Promise<void> {
  const distDir = path.join(cmsDir, env.NEXT_DIST_DIR ?? '.next')
  const key = buildKey(env)
  if (buildIsCurrent(distDir, key)) return
  await runOrThrow(bin('next'), ['build'], { ...env, NODE_ENV: 'production' }, 'next build')
  rememberBuild(distDir, key)
}

/**
 * The build the test CMSs share, made before the suites start, so suites that run side by side find
 * it ready instead of each building it. Its database exists only for the build's duration.
 */
export async function buildTestCms(): Promise<void> {
  const database = await throwawayDatabase('build')
  try {
    await ensureBuild({
      ...database.env,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      SERVER_URL: `http://localhost:${await freePort()}`,
      NEXT_DIST_DIR: TEST_DIST_DIR,
    })
  } finally {
    await database.stop()
  }
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
    NEXT_DIST_DIR: TEST_DIST_DIR,
    NODE_OPTIONS: '--no-deprecation',
    // As `pnpm start` runs it: a stop lets running work finish (src/lib/shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE: 'true',
    // Only the tests of the PDF builds want them; elsewhere they would add builds to what a test counts.
    SITE_PDFS: 'false',
    ...extra,
  }
  let server: ChildProcess | undefined
  const stopServer = async () => {
    if (server) await stopGroup(server)
  }
  const killServer = () => killGroup(server)
  // TEST_CMS_LOG=<file>: the servers' output is appended there, to see what a failed test or a benchmark's CMS did.
  const serverLog = process.env.TEST_CMS_LOG ? openSync(process.env.TEST_CMS_LOG, 'a') : 'ignore'
  const startNext = (listen: number, extraEnv: Record<string, string> = {}) =>
    spawnGroup(bin('next'), ['start', '--port', String(listen)], {
      cwd: cmsDir,
      env: { ...process.env, ...env, ...extraEnv, NODE_ENV: 'production' },
      stdio: ['ignore', serverLog, serverLog],
    })
  const startServer = async (extraEnv: Record<string, string> = {}) => {
    server = startNext(port, extraEnv)
    await answering(url, server)
  }
  const extras = new Set<ChildProcess>()
  const startProcess = async (
    kind: 'instance' | 'worker',
    extraEnv: Record<string, string> = {},
  ): Promise<ExtraProcess> => {
    let child: ChildProcess
    let own: string | undefined
    if (kind === 'instance') {
      const listen = await freePort()
      own = `http://localhost:${listen}`
      child = startNext(listen, extraEnv)
      extras.add(child)
      await answering(own, child)
    } else {
      child = spawnGroup(bin('tsx'), ['scripts/worker.ts'], {
        cwd: cmsDir,
        env: { ...process.env, ...env, ...extraEnv, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      extras.add(child)
      let output = ''
      const collect = (chunk: Buffer) => (output += chunk)
      child.stdout!.on('data', collect)
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', () => output.includes('job worker ready') && resolve())
        child.once('exit', (code) =>
          reject(new Error(`the worker exited with ${code} before it was ready:\n${output.slice(-2000)}`)),
        )
      })
      // From here on its log is only drained, so the pipe never fills and stalls the worker.
      child.stdout!.off('data', collect)
    }
    return { url: own, pid: child.pid!, stop: () => stopGroup(child), kill: () => killGroup(child) }
  }
  const stop = async () => {
    await Promise.all([...extras].map((child) => stopGroup(child)))
    await stopServer()
    await database.stop()
  }
  try {
    log('cms: migrated; loading fixtures')
    const output = (await runOrThrow(bin('tsx'), ['scripts/test-fixtures.ts'], env, 'loading fixtures'))
      .trim()
      .split('\n')
    const fixtures = JSON.parse(output.at(-1)!) as Fixtures
    log('cms: building (next build)')
    await ensureBuild(env)
    await startServer()
    log(`cms: ready at ${url}`)
    return {
      url,
      env,
      fixtures,
      stopServer,
      startServer,
      killServer,
      serverPid: () => server?.pid,
      startProcess,
      pauseDatabase: database.pause,
      resumeDatabase: database.resume,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
