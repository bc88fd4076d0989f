import { writeFileSync } from 'node:fs'
import { createClient, siteSettings } from '@masterplan/shared'
import { collectionSpecs, readsOf } from '@masterplan/site/collections'
import { type Dump, dumpKey } from '@masterplan/site/dump'
import { z } from 'zod'

/** Everything the site build reads, fetched once through the same client and written to a file. */
export async function dumpApi(cmsUrl: string, file: string): Promise<void> {
  const client = createClient({ baseUrl: cmsUrl })
  const dump: Dump = { lists: {}, globals: {} }
  for (const spec of Object.values(collectionSpecs)) {
    for (const read of readsOf(spec)) {
      const options = { ...read, select: 'select' in read ? [...read.select] : undefined }
      dump.lists[dumpKey(spec.collection, options)] = await client.list(spec.collection, z.looseObject({}), options)
    }
  }
  // Manifests of the collections the loaders compare but do not read (media).
  for (const collection of ['media'])
    dump.lists[dumpKey(collection, { locale: 'de' })] = await client.manifest(collection)
  for (const locale of ['de', 'en'] as const)
    dump.globals[`site-settings|${locale}`] = await client.global('site-settings', siteSettings, { locale, depth: 0 })
  writeFileSync(file, JSON.stringify(dump))
}
