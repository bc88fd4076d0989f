import type { Payload } from 'payload'
import type { PoolClient } from 'pg'
import { postgres } from '../db/postgres.ts'

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

export type CollectionTable = { slug: string; table: string; versions: string | null }
export type Counts = Record<string, { documents: number; versions?: number }>

/** Payload's own table names for its collections (internal `payload-*` ones left out). */
export function collectionTables(payload: Payload): CollectionTable[] {
  const db = postgres(payload)
  return payload.config.collections
    .filter((c) => !c.slug.startsWith('payload-'))
    .map((c) => {
      const snake = c.slug.replace(/-/g, '_')
      return {
        slug: c.slug,
        table: db.tableNameMap.get(snake) ?? snake,
        versions: c.versions ? (db.tableNameMap.get(`_${snake}${db.versionsSuffix}`) ?? `_${snake}_v`) : null,
      }
    })
}

/** The adapter's pool: scripts and the job share Payload's connection settings instead of a second driver. */
export function connect(payload: Payload): Promise<PoolClient> {
  return postgres(payload).pool.connect()
}

export async function serverVersion(client: PoolClient): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ server_version: string; num: string }>(
    `SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num`,
  )
  return { version: rows[0]!.server_version.split(' ')[0]!, major: Math.floor(Number(rows[0]!.num) / 10000) }
}

async function tableExists(client: PoolClient, table: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`public.${quoteIdent(table)}`])
  return rows[0].ok
}

export async function latestMigration(client: PoolClient): Promise<string | null> {
  if (!(await tableExists(client, 'payload_migrations'))) return null
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM payload_migrations WHERE batch > 0 ORDER BY name DESC LIMIT 1`,
  )
  return rows[0]?.name ?? null
}

/** Rows per collection (and its versions), read in the caller's transaction so they match its snapshot. */
export async function countCollections(client: PoolClient, tables: CollectionTable[]): Promise<Counts> {
  const counts: Counts = {}
  const count = async (table: string) =>
    (await tableExists(client, table))
      ? Number((await client.query(`SELECT count(*) AS n FROM public.${quoteIdent(table)}`)).rows[0].n)
      : 0
  for (const { slug, table, versions } of tables) {
    counts[slug] = { documents: await count(table), ...(versions ? { versions: await count(versions) } : {}) }
  }
  return counts
}

/** The collections that hold at least one row: a restore must not overwrite them unasked. */
export async function collectionsWithContent(client: PoolClient, tables: CollectionTable[]): Promise<string[]> {
  const found: string[] = []
  for (const { slug, table } of tables) {
    if (!(await tableExists(client, table))) continue
    const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM public.${quoteIdent(table)}) AS any`)
    if (rows[0].any) found.push(slug)
  }
  return found
}

export async function publicTables(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  )
  return rows.map((r) => r.name)
}

/** Insertable columns in table order (generated columns are recomputed by the server). */
export async function tableColumns(client: PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
     ORDER BY attnum`,
    [`public.${quoteIdent(table)}`],
  )
  return rows.map((r) => r.name)
}
