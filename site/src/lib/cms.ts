import { createClient, readSiteEnv } from '@masterplan/shared'
import { createDumpClient } from '@masterplan/shared/dump-client'

export const env = readSiteEnv()

/**
 * The one client the build uses; the CMS only ever gets anonymous requests from here.
 * CMS_DUMP (benchmarks only) reads a JSON dump of the API instead.
 */
// Large pages: at 10,000 releases ten requests of 1,000 are much faster than a hundred of 100.
export const cms = process.env.CMS_DUMP ? createDumpClient(process.env.CMS_DUMP) : createClient({ baseUrl: env.CMS_URL, pageSize: 1000 })
