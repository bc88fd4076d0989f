/**
 * Fills a database with synthetic published content for tests and benchmarks. Never run by default:
 *   pnpm --filter @masterplan/cms generate:synthetic -- --press-releases 1000 --partners 500 --milestones 200
 * Uses DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/.
 */
import { parseArgs } from 'node:util'
import { bootPayload, prepareLocalEnv } from './local-env.ts'
import { migrate } from './migrate.ts'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    'press-releases': { type: 'string', default: '100' },
    partners: { type: 'string', default: '20' },
    milestones: { type: 'string', default: '20' },
    'image-share': { type: 'string', default: '0.05' },
  },
})
const counts = {
  pressReleases: Number(values['press-releases']),
  partners: Number(values.partners),
  milestones: Number(values.milestones),
  imageShare: Number(values['image-share']),
}
for (const [name, value] of Object.entries(counts)) {
  if (!Number.isFinite(value) || value < 0) {
    console.error(`generate:synthetic: ${name} must be a non-negative number`)
    process.exit(2)
  }
}

const { env, stop } = await prepareLocalEnv(console.log)
Object.assign(process.env, env)
const started = Date.now()
try {
  migrate(env)
  const { generateSynthetic } = await import('../src/seed/synthetic.ts')
  const payload = await bootPayload()
  console.log(`Generating ${JSON.stringify(counts)} …`)
  await generateSynthetic(payload, counts)
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
} finally {
  await stop()
}
process.exit(0)
