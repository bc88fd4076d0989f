import { spawnSync } from 'node:child_process'
import type { Payload } from '@masterplan/cms/testing'
import type { Bench } from '../lib/context.ts'
import { createRelease } from '../lib/releases.ts'
import { publishScript, serveLive, siteBuildEnv } from '../lib/site.ts'
import { type Row, table } from '../lib/table.ts'
import { secondsUntilServed, sleep } from '../lib/wait.ts'

/**
 * From an editor's publish (now, or at a scheduled minute in a full run) until readers get the page
 * from the CMS's own `local` target. Rows gather over the scales and are printed once, after all.
 */
export function publishToLive(bench: Bench) {
  const rows: Row[] = []
  return {
    at: (releases: number) => publishAt(bench, releases, rows),
    print: () => bench.print(table('Publish-to-live', ['releases', 'from', 'seconds'], rows)),
  }
}

async function publishAt(bench: Bench, releases: number, rows: Row[]) {
  const { cms, site } = bench
  bench.progress(`publish-to-live at ${releases} releases`)
  // With the CMS's own Astro cache, so its builds after this one are incremental as in production.
  const first = spawnSync(process.execPath, [publishScript, site.dir], {
    env: siteBuildEnv(bench, { SITE_CACHE_DIR: cms.env.SITE_CACHE_DIR! }),
    encoding: 'utf8',
  })
  if (first.status !== 0) throw new Error(`initial publish failed: ${first.stdout}`)
  const server = serveLive(bench)
  const payload = await bench.localApi()
  const waitServed = (p: string, from: number) =>
    secondsUntilServed(`${site.url}${p}`, from, 5 * 60_000, `${p} never went live`)
  try {
    const now = await createRelease(payload, { slug: `messung-sofort-${releases}`, status: 'draft' })
    const started = Date.now()
    await payload.update({
      collection: 'press-releases',
      id: now.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    const publishNow = await waitServed(`/aktuelles/messung-sofort-${releases}/`, started)
    rows.push([releases, 'publish now → page served', publishNow])
    const steps = await publishSteps(payload, now.id, started)
    rows.push(
      [releases, '… of which the save, until its build is queued', steps.saved],
      [releases, '… then until the queue starts the build', steps.waited],
      [releases, '… then the build until the page is served', publishNow - steps.saved - steps.waited],
    )
    const timings: Record<string, number> = { publishNow, ...steps }
    if (!bench.quick) {
      const later = await createRelease(payload, { slug: `messung-geplant-${releases}`, status: 'draft' })
      const admin = await payload.create({
        collection: 'users',
        data: { email: `bench-${releases}@example.org`, password: 'bench-passwort-123', role: 'admin' },
        overrideAccess: true,
      })
      // The next minute at least 5 s ahead. Queued after its minute, the job would run a minute late
      // (the queue is checked at each full minute), and the figure would say nothing about publishing.
      const minute = new Date(Math.ceil((Date.now() + 5000) / 60_000) * 60_000)
      await payload.jobs.queue({
        task: 'schedulePublish',
        input: {
          type: 'publish',
          doc: { relationTo: 'press-releases', value: String(later.id) },
          user: { relationTo: 'users', value: admin.id },
        } as never,
        waitUntil: minute,
      })
      if (Date.now() >= minute.getTime()) throw new Error('the scheduled publish was queued after its minute')
      await sleep(minute.getTime() - Date.now())
      timings.scheduled = await waitServed(`/aktuelles/messung-geplant-${releases}/`, minute.getTime())
      rows.push([releases, 'scheduled minute → page served', timings.scheduled])
    }
    bench.results[`publishToLive-${releases}`] = timings
  } finally {
    server.kill('SIGTERM')
  }
}

/** Where the seconds of a publish went before its build ran, from the build's record (clock of one machine). */
async function publishSteps(payload: Payload, releaseId: number, started: number) {
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { 'triggers.documentId': { equals: releaseId } },
    sort: '-queuedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const build = docs[0]
  if (!build?.queuedAt || !build.startedAt) throw new Error(`no started build records release ${releaseId}`)
  const queued = Date.parse(build.queuedAt)
  return { saved: (queued - started) / 1000, waited: (Date.parse(build.startedAt) - queued) / 1000 }
}
