/**
 * `pnpm start` (production build) and `pnpm dev` (hot reload): database, migrations, seed, CMS.
 * Ctrl-C stops everything it started, the database included.
 */
import '@masterplan/shared/no-telemetry'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { prepareLocalEnv } from './local-env.ts'
import { buildIsCurrent, buildKey, rememberBuild } from './build-cache.ts'
import { databaseState } from './database-state.ts'
import { migrate } from './migrate.ts'
import { startMailSink } from './mail-sink.ts'
import { type Supervised, spawnGroup, stopGroup, superviseGroup } from './processes.ts'
import { cmsDir, dataDir } from '../src/lib/paths.ts'
import { siteScript } from '../src/lib/siteScripts.ts'

const dev = process.argv.includes('--dev')
const bin = (name: string) => path.join(cmsDir, 'node_modules/.bin', name)
const PORT = Number(process.env.PORT ?? 3000)
const SITE_PORT = Number(process.env.SITE_PORT ?? 4321)
const started = Date.now()
const step = (n: number, total: number, text: string) =>
  console.log(`[${n}/${total}] ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`)

const children = new Set<ChildProcess>()
const servers = new Set<Supervised>()
let stopDatabase = async () => {}
let stopMailSink = async () => {}
let stopping = false

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    console.log('\nStopping …')
    await Promise.all([
      ...[...servers].map((server) => server.stop()),
      ...[...children].map((child) => stopGroup(child, undefined, console.log)),
    ])
    await stopDatabase()
    await stopMailSink()
    console.log('Stopped.')
  }
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
process.on('SIGHUP', () => void shutdown(0))

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { cwd: cmsDir, env, stdio: 'inherit' })
    children.add(child)
    child.on('exit', (code) => {
      children.delete(child)
      if (code === 0) resolve()
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}`))
    })
  })
}

/**
 * Long-running child (the CMS, the site server): when it dies on its own it is started again after a
 * back-off, and the others keep running; a crash of the site server must not stop the CMS.
 */
function serve(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  servers.add(superviseGroup(name, () => spawnGroup(command, args, { cwd: cmsDir, env, stdio: 'inherit' })))
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

try {
  const total = dev ? 6 : 7
  step(1, total, 'Database')
  const local = await prepareLocalEnv(console.log)
  stopDatabase = local.stop
  const env: NodeJS.ProcessEnv = {
    ...local.env,
    NODE_OPTIONS: '--no-deprecation',
    SERVER_URL: local.env.SERVER_URL ?? `http://localhost:${PORT}`,
    // Every publish rebuilds the site here and swaps it live; a host can use a deploy hook instead.
    SITE_BUILD_TARGET: local.env.SITE_BUILD_TARGET ?? 'local',
    SITE_TARGET_DIR: local.env.SITE_TARGET_DIR ?? path.join(dataDir, 'site'),
    SITE_URL: local.env.SITE_URL ?? `http://localhost:${SITE_PORT}`,
    // A graceful stop lets mails the server has accepted be recorded (src/lib/shutdown.ts).
    NEXT_MANUAL_SIG_HANDLE: 'true',
  }
  // No mail server configured: a local sink keeps every mail as a file to open and click.
  const mailDir = path.join(dataDir, 'mail')
  if (!env.SMTP_URL) {
    const sink = await startMailSink({
      dir: mailDir,
      onMail: (_raw, file) => console.log(`Mail kept (not sent): ${file}`),
    })
    stopMailSink = sink.stop
    env.SMTP_URL = sink.url
  }

  const state = await databaseState(env.DATABASE_URL!)
  if (state.pendingMigrations.length) {
    step(2, total, `Migrations (${state.pendingMigrations.join(', ')})`)
    migrate(env)
  } else step(2, total, 'Migrations: all applied')

  if (state.hasContent) step(3, total, 'Seed skipped: the database has content')
  else {
    step(3, total, 'Seed (only into an empty database)')
    await run(bin('tsx'), ['scripts/seed.ts', '--if-empty'], env)
  }

  if (dev) {
    step(4, total, `CMS with hot reload on :${PORT}`)
    serve('CMS (next dev)', bin('next'), ['dev', '--port', String(PORT)], { ...env, NODE_ENV: 'development' })
  } else {
    // An unchanged CMS reuses its last build: a second start is ready in seconds, not a minute.
    const distDir = path.join(cmsDir, env.NEXT_DIST_DIR ?? '.next')
    const key = buildKey(env)
    if (buildIsCurrent(distDir, key))
      step(4, total, 'CMS build is current (sources, lockfile and build settings unchanged)')
    else {
      step(4, total, 'Building the CMS (next build)')
      await run(bin('next'), ['build'], { ...env, NODE_ENV: 'production' })
      rememberBuild(distDir, key)
    }
    step(5, total, `Starting the CMS on :${PORT}`)
    serve('CMS (next start)', bin('next'), ['start', '--port', String(PORT)], { ...env, NODE_ENV: 'production' })
  }

  await waitForHttp(`http://localhost:${PORT}/api/press-releases?limit=1`, dev ? 180_000 : 60_000)

  // The public CMS origin: the site's subscription form posts there, and its CSP allows it.
  const siteEnv = { ...process.env, CMS_URL: env.SERVER_URL, SITE_URL: env.SITE_URL }
  const siteTarget = env.SITE_TARGET_DIR!
  const publish = (...flags: string[]) => run(process.execPath, [siteScript('publish'), siteTarget, ...flags], siteEnv)
  // The releases' PDFs follow in the background; the CMS's own builds print those of later changes.
  const printPdfs = async () => {
    if (env.SITE_PDFS === 'false') return
    await publish('--pdfs=all').catch((error: Error) => console.error(`PDFs not printed: ${error.message}`))
  }
  if (existsSync(path.join(siteTarget, 'live'))) {
    // The last site is served at once; the fresh build swaps in when it is done.
    step(total - 1, total, 'Rebuilding the public site in the background (the last build is served meanwhile)')
    publish().then(printPdfs, (error: Error) =>
      console.error(`Site build failed, the last site stays live: ${error.message}`),
    )
  } else {
    step(total - 1, total, 'Building the public site from the CMS')
    await publish()
    void printPdfs()
  }
  step(total, total, `Serving the public site on :${SITE_PORT}`)
  serve(
    'Site server',
    process.execPath,
    [siteScript('serve'), path.join(siteTarget, 'live'), '--port', String(SITE_PORT)],
    siteEnv,
  )
  await waitForHttp(`http://localhost:${SITE_PORT}/`, 10_000)
  const users = (await (await fetch(`http://localhost:${PORT}/api/users/init`)).json()) as { initialized?: boolean }
  console.log(`
Ready after ${((Date.now() - started) / 1000).toFixed(1)} s.
  Public site:     http://localhost:${SITE_PORT}
  Admin (German):  http://localhost:${PORT}/admin
  REST API:        http://localhost:${PORT}/api/press-releases
  GraphQL:         http://localhost:${PORT}/api/graphql
${
  users.initialized
    ? ''
    : `  First login:     no account yet. Open the admin and create the first one (it becomes admin),
                   or run: pnpm user:create -- --email you@example.org --password '<12+ characters>' --role admin
`
}${
  !process.env.SMTP_URL
    ? `  Mails:           not sent, kept as .eml files in ${mailDir} (set SMTP_URL for a real server)
`
    : ''
}Press Ctrl-C to stop.`)
} catch (error) {
  console.error(`\nStart failed: ${(error as Error).message}`)
  await shutdown(1)
}
