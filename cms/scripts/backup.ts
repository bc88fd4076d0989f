/**
 * pnpm backup [path]: the database, the media files and a manifest in one tar, while the CMS may keep
 * running. Without a path: BACKUP_DIR (default .data/backups)/masterplan-<time>.tar. The backup file's
 * path is the last line printed. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL.
 */
import '@masterplan/shared/no-telemetry'
import { statSync } from 'node:fs'
import path from 'node:path'
import { bootPayload, prepareLocalEnv } from './local-env.ts'

const args = process.argv.slice(2).filter((a) => a !== '--')
if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
  console.error('usage: pnpm backup [backup.tar | folder]')
  process.exit(2)
}
// pnpm runs this in cms/; a path typed by the operator is meant from where they typed it.
const here = process.env.INIT_CWD ?? process.cwd()
const isFolder = (typed: string, resolved: string) =>
  typed.endsWith('/') ||
  (() => {
    try {
      return statSync(resolved).isDirectory()
    } catch {
      return false
    }
  })()

const { env, stop } = await prepareLocalEnv(console.log)
Object.assign(process.env, env)
let code = 0
try {
  const [{ readEnv }, { backupFileName, createBackup }] = await Promise.all([
    import('../src/lib/env.ts'),
    import('../src/backup/createBackup.ts'),
  ])
  const settings = readEnv()
  const target = args[0] ? path.resolve(here, args[0]) : settings.BACKUP_DIR
  const file = args[0] && !isFolder(args[0], target) ? target : path.join(target, backupFileName('masterplan'))
  const mediaDir = settings.MEDIA_DIR
  const payload = await bootPayload()
  const result = await createBackup({
    payload,
    databaseUrl: env.DATABASE_URL!,
    mediaDir,
    file,
    binDir: settings.PG_BIN_DIR,
    log: console.log,
  })
  const { counts, migration } = result.manifest
  console.log(`Migration: ${migration ?? '(none)'}`)
  for (const [slug, n] of Object.entries(counts))
    console.log(`  ${slug}: ${n.documents}${n.versions === undefined ? '' : ` (${n.versions} versions)`}`)
  console.log(`Archive: ${(result.size / 1024 / 1024).toFixed(1)} MB in ${(result.durationMs / 1000).toFixed(1)} s`)
  console.log(result.file)
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`)
  code = 1
} finally {
  await stop()
}
process.exit(code)
