/**
 * pnpm restore <backup.tar> [--force]: puts a `pnpm backup` file back into an empty database and
 * media folder, then applies the migrations that are newer than the backup file. The backup file is read
 * and checked in full before anything is touched. `--force` replaces a database and media folder
 * that have content. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL.
 */
import '@masterplan/shared/no-telemetry'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { dataDir } from '../src/lib/paths.ts'
import { bootPayload, prepareLocalEnv } from './local-env.ts'
import { migrate } from './migrate.ts'

function fail(message: string, exitCode = 2): never {
  console.error(`restore: ${message}`)
  process.exit(exitCode)
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
})
if (positionals.length !== 1) fail('usage: pnpm restore <backup.tar> [--force]')
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!)
if (!existsSync(file)) fail(`${file} does not exist`)

// Dropping the schema under a running CMS would leave it serving errors: the embedded server of a
// running `pnpm start` is recognised by its owner file (see src/db/embedded-postgres.ts).
if (!process.env.DATABASE_URL) {
  const owner = Number(
    existsSync(path.join(dataDir, 'postgres.owner')) ? readFileSync(path.join(dataDir, 'postgres.owner'), 'utf8') : 0,
  )
  const running =
    owner > 0 &&
    (() => {
      try {
        process.kill(owner, 0)
        return true
      } catch {
        return false
      }
    })()
  if (running) fail(`pnpm start (process ${owner}) is using the embedded database: stop it first`)
}

const { env, stop } = await prepareLocalEnv(console.log)
Object.assign(process.env, env)
let code = 0
try {
  const [{ readEnv }, { restoreBackup, RestoreRefused }] = await Promise.all([
    import('../src/lib/env.ts'),
    import('../src/backup/restoreBackup.ts'),
  ])
  const payload = await bootPayload()
  const started = Date.now()
  try {
    const result = await restoreBackup({
      payload,
      databaseUrl: env.DATABASE_URL!,
      mediaDir: readEnv().MEDIA_DIR,
      file,
      force: values.force,
      binDir: readEnv().PG_BIN_DIR,
      log: console.log,
      migrateUp: () => migrate(env),
    })
    const { manifest } = result
    const took = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `Restored ${file} in ${took} s (made ${manifest.createdAt}${manifest.app.commit ? ` at commit ${manifest.app.commit.slice(0, 12)}` : ''}):`,
    )
    for (const [slug, n] of Object.entries(result.counts)) {
      const saved = manifest.counts[slug]
      const note = saved && saved.documents !== n.documents ? ` (the backup file had ${saved.documents})` : ''
      console.log(`  ${slug}: ${n.documents}${n.versions === undefined ? '' : ` (${n.versions} versions)`}${note}`)
    }
    console.log(`  media files: ${result.mediaFiles} (the backup file had ${manifest.media.files})`)
    console.log(`  migration: ${result.migrationFrom ?? '(none)'} → ${result.migrationTo ?? '(none)'}`)
    if (result.interruptedJobs)
      console.log(`  ${result.interruptedJobs} job(s) the backup caught mid-run will run again`)
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error
    console.error(`restore refused, nothing was changed: ${error.message}`)
    code = 2
  }
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`)
  code = 1
} finally {
  await stop()
}
process.exit(code)
