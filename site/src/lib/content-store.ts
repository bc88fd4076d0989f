import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { siteSettings, type SiteSettings } from '@masterplan/shared'
import { cms } from './cms.ts'
import { collectionSpecs } from './collections.ts'
import { syncCollection, type Synced } from './content-sync.ts'
import { manifestsDigest } from './manifests.ts'

/**
 * The CMS's public documents as the build uses them, kept in one JSON file beside Astro's cache so
 * the next build reads only what changed (content-sync.ts). It is read by the prerendering code at
 * run time, not through Astro's content layer: that embeds its whole store in the bundle, which at
 * 10,000 releases cost each build 1.4 s of bundling and 0.4 GB of memory.
 * Everything is read again after `publish.ts --full` (the nightly build), which deletes the file, and
 * after any change to the site's code, which may have changed what is read and how.
 */
type Name = keyof typeof collectionSpecs
type Stored = { code: string; collections: Partial<Record<Name, Synced>> }
type Content = { [N in Name]: Synced['entries'] } & { settings: Record<'de' | 'en', SiteSettings> }

function readStored(file: string, code: string): Stored['collections'] {
  if (!existsSync(file)) return {}
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored
  return stored.code === code ? stored.collections : {}
}

async function sync(file: string, code: string): Promise<Content> {
  const started = Date.now()
  const kept = readStored(file, code)
  const names = Object.keys(collectionSpecs) as Name[]
  const [synced, de, en] = await Promise.all([
    Promise.all(
      names.map(async (name) => {
        const spec = collectionSpecs[name]
        return syncCollection(spec, kept[name], await manifestsDigest(spec.dependsOn))
      }),
    ),
    cms.global('site-settings', siteSettings, { locale: 'de', depth: 0 }),
    cms.global('site-settings', siteSettings, { locale: 'en', depth: 0 }),
  ])
  if (synced.some((s) => s.changed)) {
    const collections = Object.fromEntries(names.map((name, i) => [name, synced[i]!.stored]))
    await mkdir(path.dirname(file), { recursive: true })
    // Written whole and renamed, so a build that dies meanwhile leaves the last complete file.
    await writeFile(`${file}.tmp`, JSON.stringify({ code, collections } satisfies Stored))
    await rename(`${file}.tmp`, file)
  }
  console.log(`[content] ${synced.map((s) => s.report).join('; ')}; synced in ${Date.now() - started} ms`)
  return {
    ...(Object.fromEntries(names.map((name, i) => [name, synced[i]!.stored.entries])) as Omit<Content, 'settings'>),
    settings: { de, en },
  }
}

const STARTED = Symbol.for('masterplan.content-sync')

/**
 * Starts reading the CMS, once per process. The build's config calls it as Astro starts, so the
 * reading overlaps start-up and bundling; the pages' code, a separate copy of this module, then finds
 * the same promise on `globalThis`.
 */
export function startContentSync(file: string, code: string): Promise<Content> {
  const shared = globalThis as { [STARTED]?: Promise<Content> }
  if (!shared[STARTED]) {
    shared[STARTED] = sync(file, code)
    // Failing before a page asks is no crash: the first page that awaits it fails the build with it.
    shared[STARTED].catch(() => {})
  }
  return shared[STARTED]
}

/** The content of this build, read from the CMS once, on first use. */
export const content = (): Promise<Content> =>
  startContentSync(import.meta.env.SITE_CONTENT_FILE, import.meta.env.SITE_CODE_DIGEST)
