import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { type ChildProcess, spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { liveState } from '../src/publishing/liveState.ts'
import { launchChromium } from './helpers/browser.ts'
import { siteScript } from '../src/lib/siteScripts.ts'
import { untilNoBuildPending } from './helpers/builds.ts'
import { sleep, until } from './helpers/wait.ts'
import { localApiOf } from './helpers/localApi.ts'

/**
 * The publishing pipeline end to end: a real CMS server running its job queues, real site builds
 * into a folder that is swapped live, and that folder served over HTTP.
 */
let cms: TestCms
let payload: Payload
let siteUrl: string
let target: string
let siteServer: ChildProcess
let tokens: Record<'press' | 'editor', string>
const ids = { press: 0, editor: 0 }

const minute = 60_000
const nextMinute = () => new Date(Math.ceil((Date.now() + 5_000) / minute) * minute)

const api = async (method: string, p: string, token?: string, json?: unknown) => {
  const response = await fetch(`${cms.url}/api${p}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    body: json === undefined ? undefined : JSON.stringify(json),
    // An unanswered request fails the test instead of hanging it.
    signal: AbortSignal.timeout(30_000),
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}
/**
 * The first request to the CMS after the first site build (a minute in which this process was
 * blocked in spawnSync) has twice met a keep-alive socket the server had closed meanwhile (undici:
 * "other side closed", UND_ERR_SOCKET). Signing in is safe to repeat: one retry, on that error only.
 */
async function signIn(email: string, password: string) {
  try {
    return await api('POST', '/users/login', undefined, { email, password })
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error
    return api('POST', '/users/login', undefined, { email, password })
  }
}

const served = (p: string) =>
  fetch(`${siteUrl}${p}`).then(
    (r) => r.status,
    () => 0,
  )

/** A fingerprint of every file of the served site. */
function siteFingerprint(): string {
  const live = realpathSync(path.join(target, 'live'))
  const hash = createHash('sha256')
  for (const file of readdirSync(live, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()) {
    hash.update(file.slice(live.length)).update(readFileSync(file))
  }
  return hash.digest('hex')
}

const builds = async (since: Date) =>
  (
    await payload.find({
      collection: 'site-builds',
      where: { queuedAt: { greater_than_equal: since.toISOString() } },
      limit: 100,
      sort: 'queuedAt',
      overrideAccess: true,
    })
  ).docs

const release = (slug: string, extra: Record<string, unknown> = {}) => ({
  title: `Werkstatt ${slug}`,
  slug,
  lead: 'Erste Ergebnisse der Werkstatt.',
  issuers: [1],
  contacts: [{ name: 'Erika Beispiel', email: 'presse@beispiel.example' }],
  body: {
    root: {
      type: 'root',
      version: 1,
      children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: 'Text.', version: 1, format: 0 }] }],
    },
  },
  ...extra,
})

/** What the admin's "schedule" button does: a schedulePublish job for the signed-in user. */
const schedule = (
  collection: string,
  id: number,
  userId: number,
  at: Date,
  type: 'publish' | 'unpublish' = 'publish',
) =>
  payload.jobs.queue({
    task: 'schedulePublish',
    input: {
      type,
      doc: { relationTo: collection, value: String(id) },
      user: { relationTo: 'users', value: userId },
    } as never,
    waitUntil: at,
  })

beforeAll(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-workflow-'))
  target = path.join(root, 'site')
  const sitePort = await freePort()
  siteUrl = `http://localhost:${sitePort}`
  cms = await startTestCms({
    env: { SITE_BUILD_TARGET: 'local', SITE_TARGET_DIR: target, SITE_URL: siteUrl, SITE_BUILD_DEBOUNCE_MS: '2000' },
  })
  const first = spawnSync(process.execPath, [siteScript('publish'), target], {
    env: { ...process.env, CMS_URL: cms.url, SITE_URL: siteUrl, SITE_CACHE_DIR: cms.env.SITE_CACHE_DIR },
    encoding: 'utf8',
  })
  if (first.status !== 0) throw new Error(`first site build failed: ${first.stdout}${first.stderr}`)
  siteServer = spawn(process.execPath, [siteScript('serve'), path.join(target, 'live'), '--port', String(sitePort)], {
    stdio: 'ignore',
  })
  await until('the site server', async () => (await served('/')) === 200, 10_000)

  payload = await localApiOf(cms)
  const password = 'workflow-passwort-123'
  tokens = {} as typeof tokens
  for (const role of ['press', 'editor'] as const) {
    const user = await payload.create({
      collection: 'users',
      data: { email: `${role}@workflow.example`, password, role },
      overrideAccess: true,
    })
    ids[role] = user.id as number
    tokens[role] = (await signIn(`${role}@workflow.example`, password)).body.token
  }
  // The first e2e file of a run builds the CMS (next build) and then the site: as the other e2e files allow.
}, 600_000)

afterAll(async () => {
  siteServer?.kill('SIGTERM')
  await payload?.destroy()
  await cms?.stop()
  await rm(path.dirname(target), { recursive: true, force: true })
})

describe('scheduled publishing', () => {
  it(
    'a draft by the press office is invisible; scheduled a minute ahead, it is live on REST and the site within two minutes',
    async () => {
      const created = await api('POST', '/press-releases?draft=true', tokens.press, {
        ...release('geplant'),
        _status: 'draft',
      })
      expect(created.status).toBe(201)
      const { id, slug } = created.body.doc
      expect((await api('GET', `/press-releases/${id}`)).status).toBe(404)
      expect(await served(`/aktuelles/${slug}/`)).toBe(404)

      const at = nextMinute()
      await schedule('press-releases', id, ids.press, at)
      expect(await liveState(payload, 'press-releases', id, 'local')).toEqual({
        state: 'unpublished',
        scheduledFor: at.toISOString(),
      })
      await until(
        'the release on REST',
        async () => (await api('GET', `/press-releases/${id}`)).status === 200,
        at.getTime() - Date.now() + 2 * minute,
      )
      await until(
        'the release on the site',
        async () => (await served(`/aktuelles/${slug}/`)) === 200,
        at.getTime() - Date.now() + 2 * minute,
      )
      // The page is served before its build is recorded: Pagefind indexes the live build first.
      const record = await until(
        'its build recorded',
        async () => {
          const made = (await builds(new Date(at.getTime() - 1000))).find((b) =>
            b.triggers?.some((t) => t.documentId === id),
          )
          return made?.status === 'success' && made
        },
        minute,
      )
      expect(record.pages).toBeGreaterThan(10)
      const log = await payload.find({
        collection: 'audit-log',
        where: { documentId: { equals: id } },
        overrideAccess: true,
      })
      expect(log.docs.map((d) => d.action).sort()).toEqual(['publish', 'schedule-publish'])
      // What the edit view's sidebar shows.
      expect((await liveState(payload, 'press-releases', id, 'local')).state).toBe('live')
    },
    4 * minute,
  )

  it(
    'fires after a CMS restart when its minute passed while the CMS was down',
    async () => {
      const created = await api('POST', '/press-releases?draft=true', tokens.press, {
        ...release('nach-neustart'),
        _status: 'draft',
      })
      const { id, slug } = created.body.doc
      await cms.stopServer()
      const at = nextMinute()
      await schedule('press-releases', id, ids.press, at)
      await sleep(at.getTime() - Date.now() + 3000)
      expect((await api('GET', `/press-releases/${id}`).catch(() => ({ status: 0 }))).status).toBe(0) // the CMS is really down
      await cms.startServer()
      await until(
        'the release on the site after the restart',
        async () => (await served(`/aktuelles/${slug}/`)) === 200,
        2 * minute,
      )
    },
    5 * minute,
  )
})

describe('an embargo', () => {
  it(
    'keeps a published release off REST, GraphQL-backed lists and the site until its minute, then it appears by itself',
    async () => {
      const at = nextMinute()
      const created = await api('POST', '/press-releases', tokens.press, {
        ...release('sperrfrist'),
        embargoUntil: at.toISOString(),
        _status: 'published',
      })
      expect(created.status).toBe(201)
      const { id, slug } = created.body.doc
      await until(
        'the publish build',
        async () =>
          (await builds(new Date(Date.now() - minute))).some(
            (b) =>
              b.status === 'success' && b.triggers?.some((t) => t.documentId === id && t.change === 'veröffentlicht'),
          ),
        minute,
      )
      expect((await api('GET', `/press-releases/${id}`)).status).toBe(404)
      expect(await served(`/aktuelles/${slug}/`)).toBe(404)
      const feed = await fetch(`${siteUrl}/feed.xml`).then((r) => r.text())
      expect(feed).not.toContain(slug)

      await until(
        'the embargoed release on the site',
        async () => (await served(`/aktuelles/${slug}/`)) === 200,
        at.getTime() - Date.now() + minute,
      )
      expect(Date.now()).toBeGreaterThanOrEqual(at.getTime())
      expect((await api('GET', `/press-releases/${id}`)).status).toBe(200)
      expect(await fetch(`${siteUrl}/feed.xml`).then((r) => r.text())).toContain(slug)
    },
    3 * minute,
  )
})

describe('site builds', () => {
  it(
    'collapse 20 rapid saves into one or two builds',
    async () => {
      const milestone = await api('POST', '/milestones', tokens.editor, {
        title: 'Werkstattreihe',
        plannedDate: '2026-09-01T10:00:00.000Z',
        status: 'planned',
        _status: 'published',
      })
      await untilNoBuildPending(payload, 'the first build to finish', minute)
      const since = new Date()
      for (let i = 1; i <= 20; i++) {
        expect(
          (await api('PATCH', `/milestones/${milestone.body.doc.id}`, tokens.editor, { title: `Werkstattreihe ${i}` }))
            .status,
        ).toBe(200)
        await sleep(400)
      }
      await untilNoBuildPending(payload, 'the builds to finish', minute)
      const made = await builds(since)
      expect(made.length).toBeGreaterThanOrEqual(1)
      expect(made.length).toBeLessThanOrEqual(2)
      expect(made.flatMap((b) => b.triggers ?? [])).toHaveLength(20)
      const html = await fetch(`${siteUrl}/zeitplan/`).then((r) => r.text())
      expect(html).toContain('Werkstattreihe 20')
    },
    3 * minute,
  )

  it(
    'that fail leave the served site byte-identical and record the error; the next good change publishes',
    async () => {
      const before = siteFingerprint()
      const db = new pg.Client({ connectionString: cms.env.DATABASE_URL })
      await db.connect()
      const victim = (
        await api('POST', '/press-releases', tokens.press, { ...release('kaputt'), _status: 'published' })
      ).body.doc
      await until(
        'its build',
        async () =>
          (await builds(new Date(Date.now() - minute))).some(
            (b) => b.status === 'success' && b.triggers?.some((t) => t.documentId === victim.id),
          ),
        minute,
      )
      const good = siteFingerprint()
      expect(good).not.toBe(before)
      // A value the contract rejects, written past Payload's validation.
      await db.query(`UPDATE press_releases_contacts SET email = 'kein-mail' WHERE _parent_id = $1`, [victim.id])
      const since = new Date()
      await api('PATCH', `/pages/1`, tokens.editor, { summary: 'Geänderte Kurzbeschreibung' })
      const failed = await until(
        'a failed build',
        async () => (await builds(since)).find((b) => b.status === 'failed') ?? false,
        minute,
      )
      expect(failed.error).toContain(`press-releases "kaputt" (id ${victim.id})`)
      expect(failed.error).toContain('contacts.0.email')
      expect(siteFingerprint()).toBe(good)
      // What the edit view shows the editor: the failed build, naming the document.
      expect(await liveState(payload, 'press-releases', victim.id, 'local')).toEqual({
        state: 'failed',
        error: failed.error,
        at: failed.finishedAt,
      })

      await db.query(`UPDATE press_releases_contacts SET email = 'presse@beispiel.example' WHERE _parent_id = $1`, [
        victim.id,
      ])
      await db.end()
      const again = new Date()
      await api('PATCH', `/pages/1`, tokens.editor, { summary: 'Wieder gute Daten' })
      await until('a good build', async () => (await builds(again)).some((b) => b.status === 'success'), 2 * minute)
      expect(siteFingerprint()).not.toBe(good)
    },
    4 * minute,
  )
})

describe('who may publish, unpublish and schedule', () => {
  it.each([
    ['press', 'press-releases', true],
    ['editor', 'press-releases', false],
    ['editor', 'milestones', true],
    ['press', 'milestones', false],
  ] as const)('%s on %s: allowed = %s', async (role, collection, allowed) => {
    const doc =
      collection === 'press-releases'
        ? await payload.create({
            collection,
            data: { ...release(`rollen-${role}-${Date.now()}`), _status: 'draft' } as never,
            draft: true,
            overrideAccess: true,
          })
        : await payload.create({
            collection,
            data: {
              title: `Rollen ${role} ${Date.now()}`,
              plannedDate: '2026-05-05T10:00:00.000Z',
              status: 'planned',
              _status: 'draft',
            } as never,
            draft: true,
            overrideAccess: true,
          })
    const publish = await api('PATCH', `/${collection}/${doc.id}`, tokens[role], { _status: 'published' })
    const unpublish = await api('PATCH', `/${collection}/${doc.id}`, tokens[role], { _status: 'draft' })
    const scheduled = await schedule(collection, doc.id as number, ids[role], new Date(Date.now() + 3_600_000)).then(
      () => true,
      () => false,
    )
    expect([publish.status === 200, unpublish.status === 200, scheduled]).toEqual([allowed, allowed, allowed])
  })
})

describe('the draft preview', () => {
  it('shows staff the draft in the site design and sends anonymous visitors to the login', async () => {
    const doc = await payload.create({
      collection: 'press-releases',
      draft: true,
      overrideAccess: true,
      data: { ...release('vorschau'), title: 'Vertraulicher Entwurf', _status: 'draft' } as never,
    })
    const anonymous = await fetch(`${cms.url}/vorschau/press-releases/${doc.id}`, { redirect: 'manual' })
    expect([303, 307, 308]).toContain(anonymous.status)
    expect(anonymous.headers.get('location')).toContain('/admin/login')
    expect(await anonymous.text()).not.toContain('Vertraulicher Entwurf')
    const staff = await fetch(`${cms.url}/vorschau/press-releases/${doc.id}`, {
      headers: { Authorization: `JWT ${tokens.press}` },
    })
    expect(staff.status).toBe(200)
    expect(await staff.text()).toContain('Vertraulicher Entwurf')
  })
})

describe('the admin and the API', () => {
  it('send security headers: no framing by others, no sniffing, a CSP; the preview may be framed by the admin only', async () => {
    for (const p of ['/admin/login', '/api/press-releases?limit=1', '/api/graphql?query=%7B__typename%7D']) {
      const { headers } = await fetch(`${cms.url}${p}`, { redirect: 'manual' })
      expect(headers.get('x-content-type-options'), p).toBe('nosniff')
      expect(headers.get('x-frame-options'), p).toBe('DENY')
      expect(headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'")
      expect(headers.get('referrer-policy'), p).toBe('strict-origin-when-cross-origin')
      expect(headers.get('strict-transport-security'), p).toBeNull() // served over http here
    }
    const preview = await fetch(`${cms.url}/vorschau/pages/1`, { redirect: 'manual' })
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
  })

  it(
    'works under its CSP: login and an edit view load with no violation and no request to another host',
    async () => {
      const browser = await launchChromium()
      try {
        const page = await (await browser.newContext()).newPage()
        const problems: string[] = []
        page.on('console', (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
        })
        page.on('pageerror', (error) => problems.push(error.message))
        page.on('request', (request) => {
          if (!request.url().startsWith(cms.url) && !/^(data|blob):/.test(request.url()))
            problems.push(`request to ${request.url()}`)
        })
        await page.goto(`${cms.url}/admin/login`)
        await page.fill('input[name="email"]', 'press@workflow.example')
        await page.fill('input[name="password"]', 'workflow-passwort-123')
        await page.click('button[type="submit"]')
        await page.waitForURL((url) => !url.pathname.includes('/login'))
        const created = await api('POST', '/press-releases?draft=true', tokens.press, {
          ...release('csp'),
          _status: 'draft',
        })
        await page.goto(`${cms.url}/admin/collections/press-releases/${created.body.doc.id}`)
        await page.waitForSelector('[data-live-state]')
        expect(await page.inputValue('input[name="title"]')).toBe('Werkstatt csp')
        expect(problems).toEqual([])
      } finally {
        await browser.close()
      }
    },
    2 * minute,
  )
})

describe('a burst of autosaves', () => {
  it(
    'right after publishing and while its site build runs: every request answers, the CMS and the session stay usable',
    async () => {
      const running = async () =>
        (
          await payload.count({
            collection: 'site-builds',
            where: { status: { equals: 'running' } },
            overrideAccess: true,
          })
        ).totalDocs > 0
      for (let round = 0; round < 4; round++) {
        const published = await api('POST', '/press-releases', tokens.press, {
          ...release(`burst-${round}`),
          _status: 'published',
        })
        expect(published.status).toBe(201)
        // Half the bursts come at once, half wait until the build of the publish reads the API.
        if (round % 2) await until('the site build to run', running, minute)
        const saves = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            api('PATCH', `/press-releases/${published.body.doc.id}?draft=true&autosave=true`, tokens.press, {
              lead: `Fassung ${i}`,
            }),
          ),
        )
        expect(saves.map((r) => r.status)).toEqual(saves.map(() => 200))
      }
      expect((await api('GET', '/press-releases?limit=1')).status).toBe(200)
      expect((await fetch(`${cms.url}/admin/login`, { signal: AbortSignal.timeout(30_000) })).status).toBe(200)
      expect((await api('GET', '/users/me', tokens.press)).body.user?.email).toBe('press@workflow.example')
      await untilNoBuildPending(payload, 'the builds to finish', 2 * minute)
      expect(await served('/aktuelles/burst-3/')).toBe(200)
    },
    5 * minute,
  )
})
