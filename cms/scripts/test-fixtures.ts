/** Loads the test fixtures into DATABASE_URL (migrated) and prints them as JSON on the last line. */
import { createTestFixtures } from '../src/seed/test-fixtures.ts'
import { bootPayload } from './local-env.ts'

const fixtures = await createTestFixtures(await bootPayload())
console.log(JSON.stringify(fixtures))
process.exit(0)
