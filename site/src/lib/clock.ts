import { env } from './cms.ts'

/** The moment this build stands for: now, unless SITE_NOW fixes it (see shared/src/env.ts). */
export const buildTime = (): Date => (env.SITE_NOW ? new Date(env.SITE_NOW) : new Date())
