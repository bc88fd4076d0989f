import { readdirSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { EDITORIAL_SLUGS } from '../src/collections/editorialSlugs.ts'

const migrationsDir = path.resolve(import.meta.dirname, '../src/migrations')

/** The committed migrations, by name, as Payload records them in `payload_migrations`. */
export const committedMigrations = (): string[] =>
  readdirSync(migrationsDir)
    .filter((file) => /^\d{8}_\d{6}_.+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort()

/**
 * What a start needs to know before it spends seconds booting Payload twice: whether any committed
 * migration is not applied yet, and whether the database already has content (then the seed is
 * skipped). One plain connection, a few milliseconds.
 */
export async function databaseState(url: string): Promise<{ pendingMigrations: string[]; hasContent: boolean }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    )
    const existing = new Set(tables.map((t) => t.name))
    const applied = existing.has('payload_migrations')
      ? new Set((await client.query<{ name: string }>('SELECT name FROM payload_migrations')).rows.map((r) => r.name))
      : new Set<string>()
    // Payload names a collection's table after its slug, in snake case.
    const content = EDITORIAL_SLUGS.map((slug) => slug.replaceAll('-', '_')).filter((table) => existing.has(table))
    const hasContent = content.length
      ? (
          await client.query<{ any: boolean }>(
            `SELECT ${content.map((t) => `EXISTS (SELECT 1 FROM "${t}")`).join(' OR ')} AS any`,
          )
        ).rows[0].any
      : false
    return { pendingMigrations: committedMigrations().filter((name) => !applied.has(name)), hasContent }
  } finally {
    await client.end()
  }
}
