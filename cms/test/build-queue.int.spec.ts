import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { BuildMode } from '@masterplan/shared'
import { queueSiteBuild } from '../src/siteBuild/queue.ts'
import { bootPayload } from './helpers/payload.ts'

/**
 * When a change's site build may start. No job runner runs in these tests, so a queued build stays
 * queued and "running" is set by hand, as the runner would set it.
 */
/** Below the 20 s a waiting build can be held back at most. */
const DEBOUNCE_MS = 10_000
const saved = { target: process.env.SITE_BUILD_TARGET, debounce: process.env.SITE_BUILD_DEBOUNCE_MS }
let payload: Payload
beforeAll(async () => {
  payload = await bootPayload()
  process.env.SITE_BUILD_TARGET = 'local' // for `none` nothing is queued
  process.env.SITE_BUILD_DEBOUNCE_MS = String(DEBOUNCE_MS)
})

afterAll(async () => {
  await removeOpenBuilds()
  for (const [name, value] of [
    ['SITE_BUILD_TARGET', saved.target],
    ['SITE_BUILD_DEBOUNCE_MS', saved.debounce],
  ] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await payload.destroy()
})
// Each case starts with no build queued or running (earlier test files may leave one).
beforeEach(removeOpenBuilds)

async function removeOpenBuilds() {
  const open = await payload.find({
    collection: 'site-builds',
    where: { status: { in: ['queued', 'running'] } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  for (const build of open.docs) {
    if (build.jobId)
      await payload.delete({ collection: 'payload-jobs', where: { id: { equals: build.jobId } }, overrideAccess: true })
    await payload.delete({ collection: 'site-builds', id: build.id, overrideAccess: true })
  }
}

async function publish(title: string, mode?: BuildMode) {
  const since = new Date().toISOString()
  await queueSiteBuild(
    await createLocalReq({}, payload),
    { collection: 'press-releases', change: 'Veröffentlicht', title },
    { mode },
  )
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { status: { equals: 'queued' } },
    depth: 0,
    overrideAccess: true,
  })
  const build = docs[0]!
  const job = await payload.findByID({ collection: 'payload-jobs', id: build.jobId!, depth: 0, overrideAccess: true })
  return { build, since: Date.parse(since), startsAt: Date.parse(job.waitUntil!) }
}

describe('a change', () => {
  it('with no build queued or running starts its build at once, without waiting for the debounce', async () => {
    const { startsAt } = await publish('Eine Meldung')
    expect(startsAt).toBeLessThanOrEqual(Date.now())
  })

  it('while a build runs queues the next one after the debounce, and the changes after it join that one', async () => {
    const first = await publish('Die erste Meldung')
    await payload.update({
      collection: 'site-builds',
      id: first.build.id,
      data: { status: 'running' },
      overrideAccess: true,
    })
    const second = await publish('Die zweite Meldung')
    expect(second.build.id).not.toBe(first.build.id)
    expect(second.startsAt - second.since).toBeGreaterThanOrEqual(DEBOUNCE_MS - 1000)
    const third = await publish('Die dritte Meldung')
    expect(third.build.id).toBe(second.build.id)
    expect(third.build.triggers?.map((t) => t.title)).toEqual(['Die zweite Meldung', 'Die dritte Meldung'])
  })

  it('while a started build has not been picked up yet joins it, and the debounce then holds it back for more', async () => {
    const first = await publish('Eine Meldung')
    const second = await publish('Noch eine Meldung')
    expect(second.build.id).toBe(first.build.id)
    expect(second.startsAt - second.since).toBeGreaterThanOrEqual(DEBOUNCE_MS - 1000)
  })
})

describe('the kind of build', () => {
  it('is what its first change asked for: changed pages by default, all pages, or the PDFs', async () => {
    expect((await publish('Eine Meldung')).build.mode).toBe('incremental')
    await removeOpenBuilds()
    expect((await publish('Die Nacht', 'full')).build.mode).toBe('full')
    await removeOpenBuilds()
    expect((await publish('3 Seite(n)', 'pdfs')).build.mode).toBe('pdfs')
  })

  it('of a PDF run that a change joins becomes a build of the changed pages (which queues the PDFs again)', async () => {
    await publish('3 Seite(n)', 'pdfs')
    expect((await publish('2 Seite(n)', 'pdfs')).build.mode).toBe('pdfs')
    expect((await publish('Eine Meldung')).build.mode).toBe('incremental')
  })

  it('becomes a full build when the night joins it, and stays one whatever joins after', async () => {
    await publish('Eine Meldung')
    expect((await publish('Die Nacht', 'full')).build.mode).toBe('full')
    expect((await publish('Noch eine Meldung')).build.mode).toBe('full')
    expect((await publish('3 Seite(n)', 'pdfs')).build.mode).toBe('full')
  })
})
