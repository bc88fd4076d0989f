import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderedPages } from '../scripts/astro-log.ts'
import { freePort, startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { validDocument } from './helpers/documents.ts'
import { callApi } from './helpers/http.ts'
import { siteScript } from '../src/lib/siteScripts.ts'

/**
 * Incremental site builds against a full build of the same data: after every kind of change, the
 * site that `publish.ts` builds from its cache must be byte-identical, file by file, to one rendered
 * from nothing (`--full`, its own cache). A real CMS, the real build, the real Pagefind.
 */
let cms: TestCms
let root: string
let admin: string
let partner: number
let siteUrl: string

const api = (method: string, p: string, json?: unknown) => callApi(cms.url, method, p, { token: admin, json })

type Published = { ok: boolean; pages?: number; pdfs?: number; pdfsMissing?: number; error?: string; output: string }

/** The site's publish script into `<root>/<name>` with that target's own Astro cache. */
function publish(name: string, { full = false, pdfs = false, cmsUrl = cms.url } = {}): Promise<Published> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CMS_URL: cmsUrl,
      SITE_URL: siteUrl,
      SITE_CACHE_DIR: path.join(root, `cache-${name}`),
      NODE_ENV: 'production',
    }
    const child = spawn(
      process.execPath,
      [siteScript('publish'), path.join(root, name), ...(full ? ['--full'] : []), ...(pdfs ? ['--pdfs'] : [])],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c))
    child.stderr.on('data', (c: Buffer) => (output += c))
    child.on('close', () => {
      const last = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Omit<Published, 'output'>
      // Astro colours its log when CI is set; the checks below read the text.
      resolve({ ...last, output: stripVTControlCharacters(output) })
    })
  })
}

/** Every file of a built site with a digest of its bytes. */
function contents(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name)
        return [path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex')]
      }),
  )
}

const live = (name: string) => path.join(root, name, 'live')

/** A publish, then the PDF build the CMS queues after it (publish --pdfs). */
async function publishWithPdfs(name: string, full: boolean) {
  const built = await publish(name, { full })
  expect(built.ok, built.error ?? built.output.slice(-3000)).toBe(true)
  const printed = await publish(name, { pdfs: true })
  expect(printed.ok, printed.error ?? printed.output.slice(-3000)).toBe(true)
  return { ...built, pdfs: printed.pdfs }
}

/** How long the last buildBothWays took: a moment ahead must lie beyond the next one. */
let bothWaysMs = 0

/** Builds both ways and names every file that differs, is missing or is extra in the incremental site. */
async function buildBothWays() {
  const started = Date.now()
  const incremental = await publishWithPdfs('incremental', false)
  const full = await publishWithPdfs('full', true)
  bothWaysMs = Date.now() - started
  const a = contents(live('incremental'))
  const b = contents(live('full'))
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((file) => a.get(file) !== b.get(file)).sort()
  expect(differing).toEqual([])
  return { incremental, full, files: a }
}

const page = (name: string, p: string) => readFileSync(path.join(live(name), p, 'index.html'), 'utf8')

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-incremental-'))
  siteUrl = `http://localhost:${await freePort()}`
  cms = await startTestCms({ env: { SITE_BUILD_TARGET: 'none' } })
  admin = (
    await api('POST', '/users/first-register', {
      email: 'admin@inkrementell.example',
      password: 'inkrementell-passwort',
      role: 'admin',
    })
  ).body.token
  partner = (
    await api('POST', '/partners', {
      ...validDocument('partners', { partner: 0 }),
      name: 'Partner vorher',
      _status: 'published',
    })
  ).body.doc.id
  // More than one archive page (20 each), so the stable numbering is part of what is compared.
  for (let i = 0; i < 22; i++) {
    const date = new Date(Date.UTC(2026, 0, 5 + i, 9)).toISOString()
    expect(
      (
        await api('POST', '/press-releases', {
          ...validDocument('press-releases', { partner }),
          releaseDate: date,
          _status: 'published',
        })
      ).status,
    ).toBe(201)
  }
  const first = await buildBothWays()
  expect(first.files.has('aktuelles/archiv/2/index.html')).toBe(true)
}, 600_000)

afterAll(async () => {
  await cms?.stop()
  if (root) await rm(root, { recursive: true, force: true })
})

const release = (extra: Record<string, unknown> = {}) =>
  api('POST', '/press-releases', {
    ...validDocument('press-releases', { partner }),
    releaseDate: '2026-11-20T09:00:00.000Z',
    _status: 'published',
    ...extra,
  })

describe('an incremental build equals a full build of the same data', () => {
  let created: { id: number; slug: string }

  it('after nothing changed, rendering only the pages without a cache key', async () => {
    const { incremental, full } = await buildBothWays()
    expect(incremental.output).toMatch(/press-releases: read 0 of \d+ documents/)
    // --full reads every document again, although its content store is as fresh.
    expect(full.output).toMatch(/press-releases: read all \d+ documents/)
    expect(renderedPages(incremental.output)).toBeLessThan(40)
    expect(incremental.pdfsMissing).toBe(0)
    expect(incremental.pdfs).toBe(0)
  }, 180_000)

  it('after a new release', async () => {
    created = (await release({ title: 'Neue Medieninformation im Archiv' })).body.doc
    const { incremental } = await buildBothWays()
    expect(incremental.output).toMatch(/press-releases: read 1 of \d+ documents/)
    expect(page('incremental', `aktuelles/${created.slug}`)).toContain('Neue Medieninformation im Archiv')
    // Its page goes live without waiting for its PDF, which the next build prints and links.
    expect(incremental.pdfsMissing).toBe(1)
    expect(incremental.pdfs).toBe(1)
    expect(page('incremental', `aktuelles/${created.slug}`)).toContain('medieninformation.pdf')
    // Older archive pages are not touched: only the newest of them and the entry pages are rendered.
    expect(incremental.output).toMatch(/├─ \/aktuelles\/archiv\/1\/index.html \(cached\)/)
  }, 180_000)

  it('after a changed title, leaving the build that was live before as it was', async () => {
    const before = realpathSync(live('incremental'))
    const snapshot = contents(before)
    const pdf = path.join(live('incremental'), `aktuelles/${created.slug}/medieninformation.pdf`)
    const oldPdf = readFileSync(pdf)
    await api('PATCH', `/press-releases/${created.id}`, { title: 'Geänderter Titel im Archiv' })
    const { incremental } = await buildBothWays()
    expect(incremental.pdfs).toBe(1)
    expect(readFileSync(pdf).equals(oldPdf)).toBe(false)
    expect(page('incremental', 'aktuelles')).toContain('Geänderter Titel im Archiv')
    // The new build shares the unchanged pages with the old one (hard links); the changed ones are new files.
    expect(realpathSync(live('incremental'))).not.toBe(before)
    expect(contents(before)).toEqual(snapshot)
  }, 180_000)

  it('after a release was unpublished', async () => {
    await api('PATCH', `/press-releases/${created.id}`, { _status: 'draft' })
    const { files } = await buildBothWays()
    expect(files.has(`aktuelles/${created.slug}/index.html`)).toBe(false)
  }, 180_000)

  it('after a release that another one links to changed its address, then went', async () => {
    const target = (await release({ title: 'Verlinkte Medieninformation' })).body.doc
    const text = (value: string) => ({
      type: 'text',
      text: value,
      format: 0,
      detail: 0,
      mode: 'normal',
      style: '',
      version: 1,
    })
    const link = {
      type: 'link',
      version: 3,
      direction: 'ltr',
      format: '',
      indent: 0,
      fields: { linkType: 'internal', doc: { relationTo: 'press-releases', value: target.id }, newTab: false },
      children: [text('die verlinkte Meldung')],
    }
    const body = {
      root: {
        type: 'root',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: 'ltr',
            format: '',
            indent: 0,
            textFormat: 0,
            children: [text('Siehe '), link],
          },
        ],
      },
    }
    const linking = (await release({ title: 'Verweist auf eine andere', body })).body.doc
    await buildBothWays()
    expect(page('incremental', `aktuelles/${linking.slug}`)).toContain(`href="/aktuelles/${target.slug}/"`)
    // Only the target changes; the linking release must be read again all the same.
    await api('PATCH', `/press-releases/${target.id}`, { slug: `${target.slug}-neu` })
    await buildBothWays()
    expect(page('incremental', `aktuelles/${linking.slug}`)).toContain(`href="/aktuelles/${target.slug}-neu/"`)
    await api('PATCH', `/press-releases/${target.id}`, { _status: 'draft' })
    await buildBothWays()
    expect(page('incremental', `aktuelles/${linking.slug}`)).not.toContain(`/aktuelles/${target.slug}-neu/`)
  }, 300_000)

  it("after a partner's name changed", async () => {
    await api('PATCH', `/partners/${partner}`, { name: 'Partner nachher' })
    await buildBothWays()
    expect(page('incremental', 'aktuelles/archiv/1')).toContain('Partner nachher')
  }, 180_000)

  it('after the site settings changed', async () => {
    await api('POST', '/globals/site-settings', { siteName: 'Masterplan Südwestsachsen (geändert)' })
    await buildBothWays()
    expect(page('incremental', 'aktuelles/archiv/1')).toContain('Masterplan Südwestsachsen (geändert)')
  }, 180_000)

  it('after an embargo reached its minute', async () => {
    // After both builds of the embargoed state, which must not straddle the minute (on a busy machine
    // they took longer than the 15 s this once was, and only the full build showed the release).
    const embargoUntil = new Date(Date.now() + Math.max(15_000, 2 * bothWaysMs)).toISOString()
    const embargoed = (await release({ title: 'Gesperrt bis gleich', embargoUntil })).body.doc
    let built = await buildBothWays()
    expect(Date.now(), 'both builds ran before the embargo ended').toBeLessThan(Date.parse(embargoUntil))
    expect(built.files.has(`aktuelles/${embargoed.slug}/index.html`)).toBe(false)
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(embargoUntil) - Date.now() + 500)))
    built = await buildBothWays()
    expect(built.files.has(`aktuelles/${embargoed.slug}/index.html`)).toBe(true)
  }, 600_000)

  it('after a release was deleted', async () => {
    const doomed = (await release({ title: 'Wird gelöscht' })).body.doc
    await buildBothWays()
    expect((await api('DELETE', `/press-releases/${doomed.id}`)).status).toBe(200)
    const { files } = await buildBothWays()
    expect(files.has(`aktuelles/${doomed.slug}/index.html`)).toBe(false)
  }, 240_000)
})

describe('two publishes at once on one target', () => {
  it('run one after the other, and the site is whole', async () => {
    await release({ title: 'Zwei Builds zugleich' })
    const both = await Promise.all([publish('incremental'), publish('incremental')])
    for (const run of both) expect(run.ok, run.error ?? run.output.slice(-3000)).toBe(true)
    await buildBothWays()
  }, 240_000)
})

describe('a failed incremental build', () => {
  it('leaves the live site byte-identical', async () => {
    const before = contents(live('incremental'))
    await release({ title: 'Kommt nicht an' })
    const failed = await publish('incremental', { cmsUrl: `http://localhost:${await freePort()}` })
    expect(failed.ok).toBe(false)
    expect(contents(live('incremental'))).toEqual(before)
    // and the next build, with the CMS back, is complete again
    await buildBothWays()
  }, 240_000)
})
