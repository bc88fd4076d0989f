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
