import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { appInfo } from './appInfo.ts'
import { TarWriter } from './tarFile.ts'
import { collectionTables, connect, countCollections, latestMigration, serverVersion } from './database.ts'
import { FORMAT, FORMAT_VERSION, MANIFEST, MANIFEST_SUM, MEDIA_PREFIX, type Manifest } from './manifest.ts'
import { listMedia } from './media.ts'
import { pgDump } from './pgDump.ts'
import { chooseTool, describeTool } from './pgTools.ts'
import { dumpRows } from './rowsDump.ts'

export type BackupOptions = {
  payload: Payload
  databaseUrl: string
  mediaDir: string
  file: string
  binDir?: string
  log?: (line: string) => void
}

export type BackupResult = {
  file: string
  size: number
  durationMs: number
  manifest: Manifest
  skippedMedia: string[]
}

/** `masterplan-2026-11-25T031500.123Z.tar`: sorts by time, unique per millisecond, no colons. */
export const backupFileName = (prefix: string, at = new Date()) => `${prefix}-${at.toISOString().replace(/:/g, '')}.tar`

type DatabasePart = Manifest['database'] & { path: string }

/**
 * Dumps the database inside one snapshot: the counts in the manifest are read in the transaction
 * whose snapshot pg_dump imports (or that the row dump reads), so both describe the same moment.
 */
async function dumpDatabase(options: BackupOptions, work: string) {
  const { payload, databaseUrl, binDir, log = () => {} } = options
  const client = await connect(payload)
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    // A dump of a large database outlasts the pool's statement and idle-in-transaction limits.
    await client.query('SET LOCAL statement_timeout = 0')
    await client.query('SET LOCAL idle_in_transaction_session_timeout = 0')
    const server = await serverVersion(client)
    const migration = await latestMigration(client)
    const counts = await countCollections(client, collectionTables(payload))
    const { tool, looked } = chooseTool('pg_dump', server.major, binDir)
    let database: DatabasePart
    if (tool) {
      log(`Database: PostgreSQL ${server.version}, dumped with ${describeTool(tool)}`)
      const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')
      const file = path.join(work, 'database.pgdump')
      await pgDump(tool, databaseUrl, rows[0]!.id, file)
      database = {
        format: 'pg_dump-custom',
        file: 'database.pgdump',
        path: file,
        tool: describeTool(tool),
        toolVersion: tool.version,
        toolMajor: tool.major,
      }
    } else {
      log(
        `Database: PostgreSQL ${server.version}; no pg_dump ${server.major} or newer on this machine (${looked.join('; ')}).`,
      )
      log(
        `  Writing the data as JSON rows instead (pnpm restore rebuilds the schema from the migrations); install pg_dump ${server.major} or newer, or set PG_BIN_DIR, for a pg_dump-format dump.`,
      )
      const file = path.join(work, 'database.jsonl.gz')
      const { tables, rows } = await dumpRows(client, file)
      database = { format: 'json-rows', file: 'database.jsonl.gz', path: file, tables, rows }
    }
    await client.query('COMMIT')
    return { server, migration, counts, database }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/**
 * One tar: the database dump, then the media files as they are (the CMS may keep running; a file
 * uploaded after the dump is merely extra, one deleted meanwhile is missed and named), then the
 * manifest and its checksum.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const { mediaDir, file, log = () => {} } = options
  const started = Date.now()
  await mkdir(path.dirname(file), { recursive: true })
  const work = await mkdtemp(path.join(os.tmpdir(), 'masterplan-backup-'))
  let writer: TarWriter | null = null
  try {
    const { server, migration, counts, database } = await dumpDatabase(options, work)
    writer = new TarWriter(file)
    const { path: dumpPath, ...databaseEntry } = database
    await writer.addFile(database.file, dumpPath)
    await rm(dumpPath)

    const skippedMedia: string[] = []
    let mediaBytes = 0
    let mediaFiles = 0
    for (const relative of await listMedia(mediaDir)) {
      const source = path.join(mediaDir, ...relative.split('/'))
      // Read whole (at most the upload limit), so what is hashed is exactly what is written.
      const data = await readFile(source).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null
        throw error
      })
      if (!data) {
        skippedMedia.push(relative)
        continue
      }
      const { mtime } = await stat(source).catch(() => ({ mtime: new Date() }))
      await writer.addBuffer(`${MEDIA_PREFIX}${relative}`, data, mtime)
      mediaBytes += data.length
      mediaFiles++
    }
    if (skippedMedia.length)
      log(
        `Media: ${skippedMedia.length} file(s) deleted while the backup ran, not in the backup file: ${skippedMedia.join(', ')}`,
      )
    log(`Media: ${mediaFiles} files, ${(mediaBytes / 1024 / 1024).toFixed(1)} MB from ${mediaDir}`)

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date(started).toISOString(),
      app: appInfo(),
      postgres: { serverVersion: server.version, serverMajor: server.major },
      database: databaseEntry,
      migration,
      counts,
      media: { files: mediaFiles, bytes: mediaBytes },
      files: [...writer.files],
    }
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)
    const { sha256 } = await writer.addBuffer(MANIFEST, manifestBytes)
    await writer.addBuffer(MANIFEST_SUM, Buffer.from(`${sha256}  ${MANIFEST}\n`))
    await writer.finish()
    writer = null
    const { size } = await stat(file)
    return { file, size, durationMs: Date.now() - started, manifest, skippedMedia }
  } catch (error) {
    await writer?.abort()
    throw error
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
