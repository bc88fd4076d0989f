import pg from 'pg'
import { migrate } from '../../scripts/migrate.ts'

/**
 * A second, empty and migrated database on the test server, for tests that need a database no
 * other test file has touched. Set as DATABASE_URL before the Payload config is imported.
 */
export async function useFreshDatabase(name: string): Promise<string> {
  const url = new URL(process.env.DATABASE_URL!)
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  url.pathname = `/${name}`
  process.env.DATABASE_URL = url.toString()
  migrate({ ...process.env })
  return url.toString()
}
