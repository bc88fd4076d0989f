import { createClient, readSiteEnv } from '@masterplan/shared'
import { createDumpClient } from './dump-client.ts'

export const env = readSiteEnv()

/**
 * The one client the build uses; the CMS only ever gets anonymous requests from here.
 * CMS_DUMP (benchmarks only) reads a JSON dump of the API instead.
 */
// Large pages: at 10,000 releases ten requests of 1,000 are much faster than a hundred of 100.
export const cms = env.CMS_DUMP
  ? createDumpClient(env.CMS_DUMP)
  : createClient({ baseUrl: env.CMS_URL, pageSize: 1000 })
