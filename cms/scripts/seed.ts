/**
 * Seeds the facts of the process. `--if-empty` (used by `pnpm start`) seeds only a database without
 * content, so documents the press office deleted on purpose do not come back on the next start.
 */
import { EDITORIAL_SLUGS } from '../src/collections/editorialSlugs.ts'
import { bootPayload, prepareLocalEnv } from './local-env.ts'
import { migrate } from './migrate.ts'

const ifEmpty = process.argv.includes('--if-empty')
const { env, stop } = await prepareLocalEnv(console.log)
Object.assign(process.env, env)
try {
  migrate(env)
  const { seed } = await import('../src/seed/index.ts')
  const payload = await bootPayload()
  const counts = await Promise.all(
    EDITORIAL_SLUGS.map((collection) => payload.count({ collection, overrideAccess: true }).then((r) => r.totalDocs)),
  )
  if (ifEmpty && counts.some((n) => n > 0)) {
    console.log('Database has content: seed skipped.')
  } else {
    const { created } = await seed(payload, console.log)
    console.log(created ? `Seeded ${created} documents.` : 'Seed: everything was already there.')
  }
} finally {
  await stop()
}
process.exit(0)
