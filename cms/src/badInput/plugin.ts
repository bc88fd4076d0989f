import type { CollectionConfig, Endpoint, Plugin } from 'payload'
import { explainError } from './explainError.ts'
import { withFieldChecks } from './fieldChecks.ts'
import { missingFileIsNotFound } from './missingFile.ts'
import { noVersionRoutes } from './noVersions.ts'
import { passwordIsText } from './password.ts'
import { checkQuery } from './queryChecks.ts'
import { serverTimestamps } from './timestamps.ts'

/**
 * Bad client input gets a 4xx naming the field or parameter, never a 500, in every collection and
 * global, including those added later. What it adds, and why each is needed, is in the files it
 * imports; the request body itself is checked in front of Payload (`requestGuard.ts`).
 */
export const refuseBadInput: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map(guardCollection),
  globals: config.globals?.map((global) => ({
    ...global,
    fields: withFieldChecks(global.fields),
    endpoints: global.versions
      ? global.endpoints
      : withEndpoints(global.endpoints, noVersionRoutes('global', global.slug)),
  })),
  hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), explainError] },
})

function guardCollection(collection: CollectionConfig): CollectionConfig {
  const hooks = collection.hooks ?? {}
  const upload = collection.upload
  return {
    ...collection,
    fields: withFieldChecks(collection.fields),
    endpoints: collection.versions
      ? collection.endpoints
      : withEndpoints(collection.endpoints, noVersionRoutes('collection', collection.slug)),
    hooks: {
      ...hooks,
      beforeOperation: [checkQuery, ...(collection.auth ? [passwordIsText] : []), ...(hooks.beforeOperation ?? [])],
      beforeChange: [...(collection.timestamps === false ? [] : [serverTimestamps]), ...(hooks.beforeChange ?? [])],
    },
    upload:
      upload && typeof upload === 'object'
        ? {
            ...upload,
            handlers: [...(upload.handlers ?? []), missingFileIsNotFound(upload.staticDir ?? collection.slug)],
          }
        : upload,
  }
}

/** Ours first: Payload appends its default routes after a config's own, and the first match answers. */
const withEndpoints = (endpoints: Endpoint[] | false | undefined, ours: Endpoint[]) =>
  endpoints === false ? false : [...ours, ...(endpoints ?? [])]
