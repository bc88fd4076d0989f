import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync, statfsSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { siteScript } from '../src/lib/siteScripts.ts'
import { untilNoBuildPending } from './helpers/builds.ts'
import { until } from './helpers/wait.ts'
import { apiToken, createUser, localApiOf } from './helpers/localApi.ts'

/**
 * Fault drills against a real CMS server with its job queues and real site builds: the database
 * gone mid-build, the CMS killed mid-build, the site's disk full. Each time the public site stays
 * whole, no job stays stuck, and the change reaches the site once the fault is over.
 * The site target is a tmpfs of our own (mounting needs root), so the disk can be made full.
 */
const minute = 60_000
const LEASE_MS = 10_000
let root: string
let target: string
let mounted = false
let cms: TestCms
let payload: Payload
let token: string
let milestone: number

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`)
}

const liveDir = () => realpathSync(path.join(target, 'live'))
const liveFiles = () =>
  readdirSync(liveDir(), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()

/** A fingerprint of every file of the served site. */
function siteFingerprint(): string {
  const live = liveDir()
  const hash = createHash('sha256')
  for (const file of liveFiles()) hash.update(file.slice(live.length)).update(readFileSync(file))
  return hash.digest('hex')
}
const pageCount = () => liveFiles().filter((f) => f.endsWith('.html')).length
const buildFolders = () => readdirSync(path.join(target, 'builds')).sort()
const timeline = () => readFileSync(path.join(liveDir(), 'zeitplan/index.html'), 'utf8')

/** The site builds the CMS runs right now for our target: publish.ts processes, found in /proc. */
function buildProcesses(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
        return args.some((a) => a === siteScript('publish')) && args.includes(target)
      } catch {
        return false // the process ended while we looked
      }
    })
    .map(Number)
}

const cmsAnswers = () =>
  fetch(`${cms.url}/api/milestones?limit=1`, { signal: AbortSignal.timeout(30_000) }).then(
    (r) => r.ok,
    () => false,
  )

/** An editor's change to a published milestone, over HTTP as the admin makes it; it queues a site build. */
async function changeMilestone(title: string): Promise<void> {
  const response = await fetch(`${cms.url}/api/milestones/${milestone}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ title }),
    signal: AbortSignal.timeout(30_000),
  })
  expect(response.status).toBe(200)
}

const buildsSince = async (since: Date) =>
  (
    await payload.find({
      collection: 'site-builds',
      where: { queuedAt: { greater_than_equal: since.toISOString() } },
      sort: 'queuedAt',
      limit: 50,
      depth: 0,
      overrideAccess: true,
    })
  ).docs
const buildRecord = (id: number) => payload.findByID({ collection: 'site-builds', id, depth: 0, overrideAccess: true })
/** Payload marks the job done just after the build's record says success: wait for that, then for no job left claimed. */
async function noJobProcessing(jobId: number) {
  await until(
    `job ${jobId} to be done`,
    async () =>
      (await payload.findByID({
        collection: 'payload-jobs',
        id: jobId,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
      })) === null,
    30_000,
  )
  expect(
    (await payload.count({ collection: 'payload-jobs', where: { processing: { equals: true } }, overrideAccess: true }))
      .totalDocs,
  ).toBe(0)
}

/** Waits for the build of a change to be running with its publish process started. */
async function runningBuild(since: Date) {
  const build = await until(
    'the site build to run',
    async () => (await buildsSince(since)).find((b) => b.status === 'running') ?? false,
    minute,
    100,
  )
  await until('the publish process', () => buildProcesses().length > 0, 10_000, 50)
  return build
}

/** Waits for a build record to succeed, noting every error it showed on the way. */
async function success(id: number, timeoutMs: number) {
  const errors = new Set<string>()
  const done = await until(
    `site build ${id} to succeed`,
    async () => {
      const record = await buildRecord(id)
      if (record.error) errors.add(record.error)
      return record.status === 'success' ? record : false
    },
    timeoutMs,
  )
  return { record: done, errors: [...errors] }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-faults-'))
  target = path.join(root, 'site')
  await mkdir(target)
  run('mount', ['-t', 'tmpfs', '-o', 'size=1g,mode=0755', 'tmpfs', target])
  mounted = true
  cms = await startTestCms({
    env: {
      SITE_BUILD_TARGET: 'local',
      SITE_TARGET_DIR: target,
      SITE_BUILD_DEBOUNCE_MS: '1000',
      JOB_LEASE_MS: String(LEASE_MS),
    },
  })
  payload = await localApiOf(cms)

  const password = 'stoerfall-passwort-2026'
  await createUser(payload, { email: 'editor@faults.example', password, role: 'editor' })
  token = await apiToken(cms, 'editor@faults.example', password)
  milestone = (
    await payload.find({
      collection: 'milestones',
      where: { _status: { equals: 'published' } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
  ).docs[0]!.id as number

  // The fixtures queued a build while the CMS started: a change made before it ran would join it,
  // and no build would count as queued since.
  await untilNoBuildPending(payload, "the fixtures' build", 3 * minute)
  // The first site, built by the pipeline itself.
  const since = new Date()
  await changeMilestone('Stoerfall-Ausgangslage')
  const first = await until(
    'the first site build',
    async () => (await buildsSince(since)).find((b) => b.status === 'success' || b.status === 'failed') ?? false,
    3 * minute,
  )
  if (first.status !== 'success') throw new Error(`the first site build failed: ${first.error}`)
  expect(timeline()).toContain('Stoerfall-Ausgangslage')
}, 10 * minute)

afterAll(async () => {
  await payload?.destroy()
  await cms?.stop()
  if (mounted && spawnSync('umount', [target]).status !== 0) spawnSync('umount', ['-l', target])
  if (root) await rm(root, { recursive: true, force: true })
})

describe('fault drills', () => {
  it(
    'PostgreSQL stops while a site build reads the API: nothing half-built goes live; once it is back the CMS answers without a restart and the build completes',
    async () => {
      const before = siteFingerprint()
      const pagesBefore = pageCount()
      const folders = buildFolders()
      const since = new Date()
      await changeMilestone('Stoerfall-Datenbank')
      const build = await runningBuild(since)
      await cms.pauseDatabase()
      try {
        expect(await cmsAnswers(), 'the CMS cannot answer without its database').toBe(false)
        await until('the interrupted site build to end', () => buildProcesses().length === 0, 2 * minute)
        if (siteFingerprint() === before) {
          // It failed: the half-written folder is gone too.
          expect(buildFolders()).toEqual(folders)
        } else {
          // It had read everything before the outage; then what went live must be whole.
          console.info('drill a: the build had finished reading before PostgreSQL stopped')
          expect(pageCount()).toBeGreaterThanOrEqual(pagesBefore)
          expect(timeline()).toContain('Stoerfall-Datenbank')
        }
      } finally {
        await cms.resumeDatabase()
      }
      await until('the CMS to answer again (same server process)', cmsAnswers, minute)
      const { record } = await success(build.id, 3 * minute)
      expect(record.attempts).toBeGreaterThanOrEqual(2)
      expect(timeline()).toContain('Stoerfall-Datenbank')
      await noJobProcessing(build.jobId!)
    },
    6 * minute,
  )

  it(
    'the CMS is killed while a site build runs: after the restart the job runs again, no job stays processing, the change goes live',
    async () => {
      const since = new Date()
      await changeMilestone('Stoerfall-Absturz')
      const build = await runningBuild(since)
      await cms.killServer()
      expect(buildProcesses(), 'the build died with the CMS').toEqual([])
      // What Payload alone leaves behind (payload#17645): a job claimed by a runner that no longer exists.
      const job = await payload.findByID({
        collection: 'payload-jobs',
        id: build.jobId!,
        depth: 0,
        overrideAccess: true,
      })
      expect(job.processing).toBe(true)
      expect(timeline()).not.toContain('Stoerfall-Absturz')

      await cms.startServer()
      const { record, errors } = await success(build.id, 3 * minute)
      expect(errors.some((e) => e.includes('interrupted'))).toBe(true)
      expect(record.attempts).toBe(2)
      expect(timeline()).toContain('Stoerfall-Absturz')
      await noJobProcessing(build.jobId!)
    },
    5 * minute,
  )

  it(
    "the site's disk is full: the build fails naming it, leaves no half-written folder, the live site stays byte-identical; with space back the retry publishes",
    async () => {
      const before = siteFingerprint()
      const folders = buildFolders()
      // Room for what is there and half a site more: the next build cannot fit.
      const fs = statfsSync(target)
      const used = (fs.blocks - fs.bfree) * fs.bsize
      const site = liveFiles().reduce((sum, f) => sum + Math.ceil(statSync(f).size / 4096) * 4096, 0)
      run('mount', ['-o', `remount,size=${used + Math.floor(site / 2)}`, target])
      let failedId = 0
      try {
        const since = new Date()
        await changeMilestone('Stoerfall-Speicher')
        const failed = await until(
          'the failed build',
          async () => (await buildsSince(since)).find((b) => b.status === 'failed') ?? false,
          2 * minute,
        )
        expect(failed.error).toContain('Kein Speicherplatz auf dem Ziel der Website (SITE_TARGET_DIR')
        expect(failed.error).toContain("no space left on the site's disk")
        failedId = failed.id
        await until('the build process to end', () => buildProcesses().length === 0, minute)
        expect(buildFolders()).toEqual(folders)
        expect(readdirSync(target).filter((name) => name.startsWith('live.'))).toEqual([])
        expect(siteFingerprint()).toBe(before)
      } finally {
        run('mount', ['-o', 'remount,size=1g', target])
      }
      await success(failedId, 3 * minute)
      expect(timeline()).toContain('Stoerfall-Speicher')
      expect(existsSync(path.join(target, 'live'))).toBe(true)
    },
    6 * minute,
  )
})
