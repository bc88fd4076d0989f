import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePort } from '@masterplan/cms/testing'
import { publishSiteInBackground, siteDir } from './setup/build.ts'

const cmsUrl = inject('cmsUrl')
const BUILDS = 20

let target: string
let siteUrl: string
let server: ChildProcess
const serverLog: string[] = []

beforeAll(async () => {
  target = await mkdtemp(path.join(os.tmpdir(), 'masterplan-swaps-'))
  const port = await freePort()
  siteUrl = `http://localhost:${port}`
  const first = await publishSiteInBackground(cmsUrl, siteUrl, target)
  if (!first.ok) throw new Error(`first build failed:\n${first.output.slice(-4000)}`)
  server = spawn(
    process.execPath,
    [path.join(siteDir, 'scripts/serve.ts'), path.join(target, 'live'), '--port', String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  server.stdout!.on('data', (chunk) => serverLog.push(String(chunk)))
  server.stderr!.on('data', (chunk) => serverLog.push(String(chunk)))
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(siteUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the site server did not answer:\n${serverLog.join('')}`)
}, 300_000)

afterAll(async () => {
  server?.kill('SIGTERM')
  if (target) await rm(target, { recursive: true, force: true })
})

type Seen = { status: number; etag: string | null; lastModified: string | null }

describe('the site server while builds run and swap', () => {
  it(`answers every page and search file while ${BUILDS} builds swap, with the same validators for the same bytes`, async () => {
    // What a reader's browser loads: pages, the search's scripts and entry, and its index chunks.
    const live = path.join(target, 'live')
    const pagefind = await readdir(path.join(live, 'pagefind'), { recursive: true })
    const chunks = pagefind
      .filter((file) => /\.(pf_meta|pf_index|pf_fragment|pagefind)$/.test(file))
      .slice(0, 6)
      .map((file) => `/pagefind/${file}`)
    const probes = [
      '/',
      '/aktuelles/',
      '/en/',
      '/zeitplan/',
      '/suche/',
      '/feed.xml',
      '/pagefind/pagefind.js',
      '/pagefind/pagefind-ui.js',
      '/pagefind/pagefind-entry.json',
      ...chunks,
    ]
    expect(chunks.length).toBeGreaterThanOrEqual(4)

    const failures: string[] = []
    const seen = new Map<string, Seen[]>()
    let requests = 0
    let building = true
    const reader = async (encoding: string) => {
      while (building) {
        for (const probe of probes) {
          requests++
          try {
            const response = await fetch(siteUrl + probe, { headers: { 'Accept-Encoding': encoding } })
            await response.arrayBuffer()
            if (response.status !== 200) failures.push(`${probe}: ${response.status}`)
            const list = seen.get(`${probe} ${encoding}`) ?? []
            list.push({
              status: response.status,
              etag: response.headers.get('etag'),
              lastModified: response.headers.get('last-modified'),
            })
            seen.set(`${probe} ${encoding}`, list)
          } catch (error) {
            failures.push(`${probe}: ${(error as Error).cause ?? (error as Error).message}`)
          }
        }
      }
    }
    const readers = [reader('br, gzip'), reader('gzip'), reader('identity'), reader('br')]
    const folders = new Set<string>()
    try {
      for (let i = 0; i < BUILDS; i++) {
        const build = await publishSiteInBackground(cmsUrl, siteUrl, target)
        expect(build.ok, build.output.slice(-3000)).toBe(true)
        folders.add(String(build.result.folder))
      }
    } finally {
      building = false
      await Promise.all(readers)
    }
    console.log(`${requests} requests during ${BUILDS} builds`)
    expect(failures, serverLog.join('')).toEqual([])
    expect(folders.size).toBe(BUILDS)
    expect(requests).toBeGreaterThan(BUILDS * probes.length)
    // Nothing changed in the CMS: every file answers with the validators it had before the builds.
    for (const [probe, answers] of seen) {
      expect(new Set(answers.map((a) => a.etag)).size, `${probe}: ETags`).toBe(1)
      expect(new Set(answers.map((a) => a.lastModified)).size, `${probe}: Last-Modified`).toBe(1)
    }
    expect(server.exitCode).toBeNull()
  }, 900_000)
})
