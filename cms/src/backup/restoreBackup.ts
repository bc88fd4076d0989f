import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { migrations } from '../migrations/index.ts'
import { drain, readTar } from './tarFile.ts'
import {
  collectionTables,
  collectionsWithContent,
  connect,
  type Counts,
  countCollections,
  latestMigration,
  publicTables,
  serverVersion,
} from './database.ts'
import { MEDIA_PREFIX, type Manifest } from './manifest.ts'
import { emptyFolder, listMedia } from './media.ts'
import { pgRestore } from './pgDump.ts'
import { chooseTool, describeTool, type PgTool } from './pgTools.ts'
import { loadRows } from './rowsDump.ts'
import { BackupFileRejected, verifyBackupFile } from './verify.ts'
import { postgres } from '../db/postgres.ts'

export class RestoreRefused extends Error {}

export type RestoreOptions = {
  payload: Payload
  databaseUrl: string
  mediaDir: string
  file: string
  force: boolean
  binDir?: string
  log?: (line: string) => void
  /** Applies the committed migrations newer than the backup file's. */
  migrateUp: () => void | Promise<void>
}

export type RestoreResult = {
  manifest: Manifest
  counts: Counts
  mediaFiles: number
  migrationFrom: string | null
  migrationTo: string | null
  interruptedJobs: number
}

/** Everything that can refuse the restore, checked before anything is touched. */
async function preflight(options: RestoreOptions): Promise<{ manifest: Manifest; tool: PgTool | null }> {
  const { payload, mediaDir, file, force, binDir, log = () => {} } = options
  let manifest: Manifest
  try {
    manifest = await verifyBackupFile(file)
  } catch (error) {
    if (error instanceof BackupFileRejected) throw new RestoreRefused(`${file}: ${error.message}`)
    throw error
  }
  log(
    `Archive verified: database (${manifest.database.format}) and ${manifest.media.files} media files, made ${manifest.createdAt} from PostgreSQL ${manifest.postgres.serverVersion}, migration ${manifest.migration ?? '(none)'}`,
  )
  const known = migrations.map((m) => m.name)
  if (manifest.migration && !known.includes(manifest.migration)) {
    throw new RestoreRefused(
      `the backup file was made by newer code (migration ${manifest.migration}, this code knows up to ${known.at(-1)}): update the code first`,
    )
  }
  if (manifest.database.format === 'json-rows' && !manifest.migration)
    throw new RestoreRefused('the backup file names no migration, so its schema cannot be rebuilt')

  const client = await connect(payload)
  let tool: PgTool | null = null
  try {
    const server = await serverVersion(client)
    if (manifest.database.format === 'pg_dump-custom') {
      const needed = Math.max(server.major, manifest.database.toolMajor)
      const choice = chooseTool('pg_restore', needed, binDir)
      if (!choice.tool)
        throw new RestoreRefused(
          `no pg_restore ${needed} or newer on this machine (${choice.looked.join('; ')}); install one or set PG_BIN_DIR`,
        )
      tool = choice.tool
      log(`Database: PostgreSQL ${server.version}, restored with ${describeTool(tool)}`)
    } else {
      log(
        `Database: PostgreSQL ${server.version}, schema from the migrations up to ${manifest.migration}, then the backup file's rows`,
      )
    }
    const content = await collectionsWithContent(client, collectionTables(payload))
    const media = await listMedia(mediaDir)
    if ((content.length || media.length) && !force) {
      const what = [
        content.length ? `rows in ${content.join(', ')}` : '',
        media.length ? `${media.length} files in ${mediaDir}` : '',
      ]
        .filter(Boolean)
        .join(' and ')
      throw new RestoreRefused(
        `the target is not empty (${what}); restore into an empty database and media folder, or pass --force to replace everything`,
      )
    }
    if (content.length || media.length)
      log(
        `--force: replacing ${[...content, media.length ? `${media.length} media files` : ''].filter(Boolean).join(', ')}`,
      )
  } finally {
    client.release()
  }
  return { manifest, tool }
}

/** Unpacks into a scratch folder, checking each file against the manifest again on the way. */
async function unpack(file: string, manifest: Manifest, work: string): Promise<{ dump: string; media: string }> {
  const expected = new Map(manifest.files.map((f) => [f.path, f]))
  const dump = path.join(work, 'database')
  const media = path.join(work, 'media')
  await mkdir(media, { recursive: true })
  await readTar(file, async ({ name, stream }) => {
    const listed = expected.get(name)
    let target: string | undefined
    if (name === manifest.database.file) target = dump
    else if (name.startsWith(MEDIA_PREFIX) && listed) {
      target = path.join(media, ...name.slice(MEDIA_PREFIX.length).split('/'))
      await mkdir(path.dirname(target), { recursive: true })
    }
    const got = await drain(stream, target)
    if (listed && (got.sha256 !== listed.sha256 || got.size !== listed.size))
      throw new RestoreRefused(`${name} changed while the backup file was read`)
  })
  return { dump, media }
}

async function restoreDatabase(options: RestoreOptions, manifest: Manifest, tool: PgTool | null, dump: string) {
  const { payload, databaseUrl } = options
  const client = await connect(payload)
  try {
    // Also for an "empty" database: the migrations made its tables, and the backup file brings its own.
    await client.query('DROP SCHEMA IF EXISTS public CASCADE')
    await client.query('CREATE SCHEMA public')
  } finally {
    client.release()
  }
  if (manifest.database.format === 'pg_dump-custom') {
    await pgRestore(tool!, databaseUrl, dump)
    return
  }
  const upTo = migrations.findIndex((m) => m.name === manifest.migration)
  await postgres(payload).migrate({ migrations: migrations.slice(0, upTo + 1) as never })
  const loader = await connect(payload)
  try {
    await loader.query('BEGIN')
    await loader.query('SET LOCAL statement_timeout = 0')
    await loader.query('SET LOCAL idle_in_transaction_session_timeout = 0')
    await loadRows(loader, dump)
    await loader.query('COMMIT')
  } catch (error) {
    await loader.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    loader.release()
  }
}

/**
 * A job the snapshot caught mid-run (the nightly backup's own, say) would stay "processing" for
 * ever: it is handed back to its queue, which runs it again.
 */
async function releaseInterruptedJobs(payload: Payload): Promise<number> {
  const client = await connect(payload)
  try {
    if (!(await publicTables(client)).includes('payload_jobs')) return 0
    return (await client.query('UPDATE payload_jobs SET processing = false WHERE processing')).rowCount ?? 0
  } finally {
    client.release()
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { payload, file, mediaDir, force, log = () => {} } = options
  const { manifest, tool } = await preflight(options)
  const work = await mkdtemp(path.join(os.tmpdir(), 'masterplan-restore-'))
  try {
    const { dump, media } = await unpack(file, manifest, work)
    log('Restoring the database …')
    await restoreDatabase(options, manifest, tool, dump)
    const interruptedJobs = await releaseInterruptedJobs(payload)
    await mkdir(mediaDir, { recursive: true })
    if (force) await emptyFolder(mediaDir)
    await cp(media, mediaDir, { recursive: true })
    const newer = migrations.slice(migrations.findIndex((m) => m.name === manifest.migration) + 1)
    if (newer.length) {
      log(`Applying ${newer.length} newer migration(s) …`)
      await options.migrateUp()
    }
    const client = await connect(payload)
    try {
      return {
        manifest,
        counts: await countCollections(client, collectionTables(payload)),
        mediaFiles: (await listMedia(mediaDir)).length,
        migrationFrom: manifest.migration,
        migrationTo: await latestMigration(client),
        interruptedJobs,
      }
    } finally {
      client.release()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
