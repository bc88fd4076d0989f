/**
 * The database as JSON rows, for when no pg_dump on the machine can talk to the server (the embedded
 * PostgreSQL package ships only the server, and Debian's pg_dump is older than it). The schema is
 * not in the file: it is whatever the committed migrations make, up to the migration the manifest
 * names. PostgreSQL writes every row with row_to_json and reads it back with json_populate_recordset,
 * so each value goes through the type's own text form and comes back exact.
 */
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type { PoolClient } from 'pg'
import { publicTables, quoteIdent, tableColumns } from './database.ts'

export const ROWS_FORMAT = 'masterplan-json-rows'
const ROWS_VERSION = 1
const FETCH_ROWS = 1000
const BATCH_ROWS = 500
const BATCH_BYTES = 4 * 1024 * 1024

// Line kinds: a JSON array is a header (format, table with its columns, sequence); a JSON object is a row.
type Header = [typeof ROWS_FORMAT, number] | ['table', string, string[]] | ['sequence', string, string | null]

/** Writes every table of the schema `public`, in the snapshot of the caller's transaction. */
export async function dumpRows(client: PoolClient, file: string): Promise<{ tables: number; rows: number }> {
  // JSON repeats every column name in every row; gzip takes a tenth of the size for little time.
  const out = createGzip({ level: 6 })
  const written = pipeline(out, createWriteStream(file))
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain')
  }
  let rows = 0
  const tables = await publicTables(client)
  try {
    await write(JSON.stringify([ROWS_FORMAT, ROWS_VERSION] satisfies Header))
    for (const table of tables) {
      await write(JSON.stringify(['table', table, await tableColumns(client, table)] satisfies Header))
      await client.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM public.${quoteIdent(table)} t`,
      )
      for (;;) {
        const batch = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`)
        for (const row of batch.rows) await write(row.j)
        rows += batch.rows.length
        if (batch.rows.length < FETCH_ROWS) break
      }
      await client.query('CLOSE backup_rows')
    }
    const sequences = await client.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    )
    for (const s of sequences.rows) await write(JSON.stringify(['sequence', s.name, s.value] satisfies Header))
  } finally {
    out.end()
    await written
  }
  return { tables: tables.length, rows }
}

/**
 * Loads a row file into a schema the migrations just made, in the caller's transaction. Foreign keys
 * are set aside while the rows go in (tables reference each other both ways) and put back at the
 * end, which checks every reference once.
 */
export async function loadRows(client: PoolClient, file: string): Promise<{ tables: number; rows: number }> {
  const foreignKeys = (
    await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    )
  ).rows
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${quoteIdent(fk.name)}`)
  const existing = await publicTables(client)
  if (existing.length) await client.query(`TRUNCATE ${existing.map((t) => `public.${quoteIdent(t)}`).join(', ')}`)

  let table: string | null = null
  let columns: string[] = []
  let batch: string[] = []
  let batchBytes = 0
  let rows = 0
  let tables = 0
  const flush = async () => {
    if (!table || !batch.length) return
    const list = columns.map(quoteIdent).join(', ')
    await client.query(
      `INSERT INTO public.${quoteIdent(table)} (${list}) OVERRIDING SYSTEM VALUE
       SELECT ${list} FROM json_populate_recordset(NULL::public.${quoteIdent(table)}, $1::json)`,
      [`[${batch.join(',')}]`],
    )
    rows += batch.length
    batch = []
    batchBytes = 0
  }

  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })
  let first = true
  for await (const line of lines) {
    if (!line) continue
    if (line.startsWith('{')) {
      if (!table) throw new Error('row file: a row before any table')
      batch.push(line)
      batchBytes += line.length
      if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush()
      continue
    }
    const header = JSON.parse(line) as Header
    if (first) {
      if (header[0] !== ROWS_FORMAT || header[1] !== ROWS_VERSION) throw new Error(`row file: unknown format ${line}`)
      first = false
      continue
    }
    await flush()
    if (header[0] === 'table') {
      ;[, table, columns] = header
      if (!existing.includes(table))
        throw new Error(`the backup file has a table "${table}" the migrated schema does not have`)
      const here = await tableColumns(client, table)
      if (here.join(',') !== columns.join(',')) {
        throw new Error(
          `table "${table}": the backup file has columns (${columns.join(', ')}), the migrated schema (${here.join(', ')})`,
        )
      }
      tables++
    } else if (header[0] === 'sequence') {
      const [, name, value] = header
      if (value !== null)
        await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [`public.${quoteIdent(name)}`, value])
      table = null
    }
  }
  await flush()
  for (const fk of foreignKeys)
    await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`)
  return { tables, rows }
}
