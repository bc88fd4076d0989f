/** Loads the test fixtures into DATABASE_URL (migrated) and prints them as JSON on the last line. */
import { getPayload } from 'payload'
import { tolerateDatabaseShutdown } from './local-env.ts'

const [{ default: config }, { createTestFixtures }] = await Promise.all([
  import('../src/payload.config.ts'),
  import('../src/seed/test-fixtures.ts'),
])
const payload = await getPayload({ config })
tolerateDatabaseShutdown(payload)
const fixtures = await createTestFixtures(payload)
console.log(JSON.stringify(fixtures))
process.exit(0)
