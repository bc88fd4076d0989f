import path from 'node:path'
import type { TaskConfig } from 'payload'
import { readEnv } from '../lib/env.ts'
import { backupFileName, createBackup } from './createBackup.ts'
import { rotateBackupFiles } from './rotate.ts'
import { postgres } from '../db/postgres.ts'

type BackupTask = { input: { backupId: number }; output: { size: number } }

export const NIGHTLY_PREFIX = 'masterplan-nightly'
export const BACKUP_QUEUE = 'backup'

/**
 * Writes one backup into BACKUP_DIR, keeps the newest BACKUP_KEEP nightly backup files and records the
 * run. A failure is recorded and rethrown, so the queue tries once more.
 */
export const backupTask: TaskConfig<BackupTask> = {
  slug: 'backup',
  label: 'Datensicherung',
  inputSchema: [{ name: 'backupId', type: 'number', required: true }],
  outputSchema: [{ name: 'size', type: 'number' }],
  retries: { attempts: 1, backoff: { type: 'fixed', delay: 10 * 60_000 } },
  handler: async ({ input, req }) => {
    const { payload } = req
    const env = readEnv()
    const started = Date.now()
    const record = (data: Record<string, unknown>) =>
      payload.update({ collection: 'backups', id: input.backupId, data, depth: 0, overrideAccess: true, req })
    await record({ status: 'running', startedAt: new Date(started).toISOString(), error: null })
    try {
      const databaseUrl = env.DATABASE_URL ?? postgres(payload).poolOptions?.connectionString
      if (!databaseUrl) throw new Error('no DATABASE_URL to hand to pg_dump')
      const file = path.join(env.BACKUP_DIR, backupFileName(NIGHTLY_PREFIX))
      const result = await createBackup({
        payload,
        databaseUrl,
        mediaDir: env.MEDIA_DIR,
        file,
        binDir: env.PG_BIN_DIR,
        log: (line) => payload.logger.info(`backup: ${line}`),
      })
      const removed = await rotateBackupFiles(env.BACKUP_DIR, NIGHTLY_PREFIX, env.BACKUP_KEEP)
      if (removed.length) payload.logger.info(`backup: removed ${removed.join(', ')} (BACKUP_KEEP=${env.BACKUP_KEEP})`)
      await record({
        status: 'success',
        finishedAt: new Date().toISOString(),
        file: result.file,
        size: result.size,
        durationMs: Date.now() - started,
      })
      return { output: { size: result.size } }
    } catch (error) {
      const message = (error as Error).message
      await record({
        status: 'failed',
        finishedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
        error: message,
      })
      payload.logger.error(`backup ${input.backupId} failed: ${message}`)
      throw error
    }
  },
}
