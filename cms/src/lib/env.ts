import path from 'node:path'
import { z } from 'zod'
import { dataDir } from './paths.ts'

const schema = z.object({
  /** A real PostgreSQL server; without it `pnpm start` runs an embedded one. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Signs sessions; generated once and kept in `.data/` when the start script runs locally. */
  PAYLOAD_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Public origin of the CMS (admin links, media URLs). */
  SERVER_URL: z.url().default('http://localhost:3000'),
  /** Where uploads are stored on disk. */
  MEDIA_DIR: z.string().default(path.join(dataDir, 'media')),
  /** Where a publish goes: build the site here (`local`), call a host's build (`deploy-hook`), or nowhere. */
  SITE_BUILD_TARGET: z.enum(['local', 'deploy-hook', 'none']).default('none'),
  /** The local target builds into `<dir>/builds/…` and serves `<dir>/live`. */
  SITE_TARGET_DIR: z.string().default(path.join(dataDir, 'site')),
  /** Public origin of the site (canonical links); also handed to the local build. */
  SITE_URL: z.url().default('http://localhost:4321'),
  SITE_DEPLOY_HOOK_URL: z.url().optional(),
  /** Saves within this window collapse into one build. */
  SITE_BUILD_DEBOUNCE_MS: z.coerce.number().int().nonnegative().default(3000),
}).refine((env) => env.SITE_BUILD_TARGET !== 'deploy-hook' || env.SITE_DEPLOY_HOOK_URL, {
  message: 'SITE_DEPLOY_HOOK_URL is required when SITE_BUILD_TARGET is deploy-hook',
  path: ['SITE_DEPLOY_HOOK_URL'],
})

export type Env = z.infer<typeof schema>

/** Reads the environment once and fails with every problem named, instead of a cryptic crash later. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`The CMS environment is not usable:\n${problems}`)
  }
  return result.data
}
