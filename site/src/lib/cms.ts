import { createClient, readSiteEnv } from '@masterplan/shared'

export const env = readSiteEnv()

/** The one client the build uses; the CMS only ever gets anonymous requests from here. */
export const cms = createClient({ baseUrl: env.CMS_URL })
