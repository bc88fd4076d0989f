import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PDFS } from '../src/siteBuild/pdfBuild.ts'
import { freePort, startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { validDocument } from './helpers/documents.ts'
import { callApi } from './helpers/http.ts'
import { until } from './helpers/wait.ts'

/**
 * The releases' PDFs through the CMS: a publish goes live without waiting for its PDF; the build
 * that reports release pages without one queues a build of its own that prints and links them.
 * A real CMS, the local target, the real site build and Debian's Chromium.
 */
let cms: TestCms
let root: string
let admin: string
let partner: number

const api = (method: string, p: string, json?: unknown) => callApi(cms.url, method, p, { token: admin, json })
const live = (file: string) => path.join(root, 'site', 'live', file)

type Build = { id: number; status: string; queuedAt: string; finishedAt?: string; triggers: Array<{ change: string }> }
const allBuilds = async (): Promise<Build[]> =>
  (await api('GET', '/site-builds?limit=100&sort=queuedAt&depth=0')).body.docs

const pdfOnly = (build: Build) => build.triggers.every((t) => t.change === PDFS)
/** Nothing waiting or running (the fixtures' embargo leaves a build scheduled for next week). */
const settled = async () => (await allBuilds()).every((b) => !['queued', 'running'].includes(b.status))

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-pdf-builds-'))
  cms = await startTestCms({
    env: {
      SITE_BUILD_TARGET: 'local',
      SITE_TARGET_DIR: path.join(root, 'site'),
      SITE_URL: `http://localhost:${await freePort()}`,
      SITE_BUILD_DEBOUNCE_MS: '500',
      SITE_PDFS: 'true',
    },
  })
  const created = await fetch(`${cms.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@pdf.example', password: 'pdf-builds-passwort-123', role: 'admin' }),
  })
  admin = (await created.json()).token
  partner = (await api('POST', '/partners', { ...validDocument('partners', { partner: 0 }), _status: 'published' }))
    .body.doc.id
  // The fixtures' releases have no PDF yet: the first build is followed by a PDF build.
  await until(
    'the first build and its PDF build',
    async () => (await allBuilds()).some((b) => pdfOnly(b) && b.status === 'success') && (await settled()),
    300_000,
  )
}, 600_000)

afterAll(async () => {
  await cms?.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

describe('a published release', () => {
  it('is live first, then a PDF build prints its PDF and links it', async () => {
    const before = (await allBuilds()).length
    const { doc } = (
      await api('POST', '/press-releases', {
        ...validDocument('press-releases', { partner }),
        title: 'Mit PDF zum Mitnehmen',
        _status: 'published',
      })
    ).body
    const builds = await until(
      'the change and then its PDF build',
      async () => {
        const made = (await allBuilds()).slice(before)
        return made.length === 2 && made.every((b) => b.status === 'success') && made
      },
      180_000,
    )
    const [change, pdfs] = builds
    expect(pdfOnly(change)).toBe(false)
    expect(pdfOnly(pdfs)).toBe(true)
    // Queued only once the change was live: the page never waited for its PDF.
    expect(Date.parse(pdfs.queuedAt)).toBeGreaterThanOrEqual(Date.parse(change.finishedAt!))
    const page = readFileSync(live(`aktuelles/${doc.slug}/index.html`), 'utf8')
    expect(page).toContain(`href="/aktuelles/${doc.slug}/medieninformation.pdf"`)
    const pdf = readFileSync(live(`aktuelles/${doc.slug}/medieninformation.pdf`))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(page).toContain(`(PDF, `)
  }, 240_000)

  it('queues no PDF build once every page has its PDF', async () => {
    const before = (await allBuilds()).length
    // A change that shows on no release page: its build leaves nothing to print.
    await api('POST', '/milestones', {
      ...validDocument('milestones', { partner }),
      _status: 'published',
    })
    await until('the build', async () => (await allBuilds()).length > before && (await settled()), 120_000)
    await new Promise((r) => setTimeout(r, 3_000))
    const made = (await allBuilds()).slice(before)
    expect(made).toHaveLength(1)
    expect(pdfOnly(made[0])).toBe(false)
    expect(existsSync(live('zeitplan/index.html'))).toBe(true)
  }, 180_000)
})
