#!/usr/bin/env node
/**
 * `pnpm test`: every suite of the repository, in four steps.
 *   1. The pure unit tests (no database, no server), one package after another: seconds, and a
 *      failure stops the run before anything slow starts.
 *   2. The production build the test CMSs share (`next build`, minutes), made once.
 *   3. The suites that boot Payload, a CMS or a site build, in lanes side by side: each lane runs its
 *      suites one after another, and each suite keeps its files in sequence as its config says. The
 *      lanes share nothing but the build of step 2 (each suite has databases and ports of its own).
 *   4. The specs that time the server while they load it, alone on the machine (cms `measured`).
 * A suite's output is printed whole when it ends (and kept in .data/test-logs/), so lanes do not
 * interleave; the last lines list every suite with its time. Exits non-zero if any suite failed.
 *   node scripts/test.ts [--lanes 1]   (default: two lanes, one per core of the machines this runs on)
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type Suite = { name: string; cwd: string; args: string[] }
type Outcome = { name: string; ok: boolean; seconds: number }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const logs = path.join(root, '.data/test-logs')
const lanesArg = process.argv.indexOf('--lanes')
const laneCount = lanesArg > 0 ? Number(process.argv[lanesArg + 1]) : 2

const vitest = (pkg: string, project?: string): Suite => ({
  name: project ? `${pkg} ${project}` : pkg,
  cwd: path.join(root, pkg),
  args: ['exec', 'vitest', 'run', ...(project ? ['--project', project] : [])],
})

const unit = [vitest('shared'), vitest('site', 'unit'), vitest('cms', 'unit')]
const build: Suite = { name: 'cms build:test', cwd: path.join(root, 'cms'), args: ['run', 'build:test'] }
/**
 * Two lanes that end close together (a clean-clone run on 2 cores with both lanes busy: CMS e2e
 * about 2,400 s; int 1,050 s, the publishing workflow 600 s and the site 820 s).
 */
const heavy = [[vitest('cms', 'e2e')], [vitest('cms', 'int'), vitest('cms', 'publishing'), vitest('site', 'site')]]
const measured = [vitest('cms', 'measured')]

const outcomes: Outcome[] = []

/** Runs one suite, its output into its log file, printed when it ends. */
async function run(suite: Suite): Promise<boolean> {
  await mkdir(logs, { recursive: true })
  const file = path.join(logs, `${suite.name.replace(/\W+/g, '-')}.log`)
  const started = Date.now()
  console.log(`▶ ${suite.name}`)
  const child = spawn('pnpm', suite.args, { cwd: suite.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  const log = createWriteStream(file)
  child.stdout.pipe(log, { end: false })
  child.stderr.pipe(log, { end: false })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  await new Promise((resolve) => log.end(resolve))
  const seconds = Math.round((Date.now() - started) / 1000)
  const ok = code === 0
  outcomes.push({ name: suite.name, ok, seconds })
  console.log(`\n━━━ ${suite.name}: ${ok ? 'passed' : `FAILED (exit ${code})`} after ${seconds} s ━━━`)
  console.log(await readFile(file, 'utf8'))
  return ok
}

/** Suites one after another; all of them run even when one fails (the report names every failure). */
async function inSequence(suites: Suite[]): Promise<boolean> {
  let ok = true
  for (const suite of suites) ok = (await run(suite)) && ok
  return ok
}

/** The lanes at once; with one lane wanted, all their suites one after another. */
async function inLanes(lanes: Suite[][], count: number): Promise<boolean> {
  const running = count > 1 ? lanes : [lanes.flat()]
  return (await Promise.all(running.map(inSequence))).every(Boolean)
}

function report(started: number): void {
  console.log('\nSuite                  Result   Seconds')
  for (const o of outcomes) console.log(`${o.name.padEnd(22)} ${(o.ok ? 'passed' : 'FAILED').padEnd(8)} ${o.seconds}`)
  console.log(`All suites: ${Math.round((Date.now() - started) / 1000)} s with ${laneCount} lane(s)`)
}

const started = Date.now()
let ok = (await inSequence(unit)) && (await run(build))
if (ok) {
  const lanes = await inLanes(heavy, laneCount)
  ok = (await inSequence(measured)) && lanes
}
report(started)
process.exit(ok ? 0 : 1)
