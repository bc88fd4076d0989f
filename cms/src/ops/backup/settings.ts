import path from 'node:path'
import { z } from 'zod'
import { dataDir } from '../../lib/paths.ts'

const schema = z.object({
  /** `nightly` lets the CMS write a backup once a night; anything else leaves it to the operator. */
  BACKUP_SCHEDULE: z.enum(['off', 'nightly']).default('off'),
  BACKUP_DIR: z.string().default(path.join(dataDir, 'backups')),
  /** How many nightly archives stay; archives made by hand are never deleted. */
  BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
  /** The hour (Europe/Berlin) from which the nightly backup is due: after the nightly site build. */
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  /** A folder with pg_dump and pg_restore to prefer over those on PATH. */
  PG_BIN_DIR: z.string().optional(),
})

export type BackupSettings = z.infer<typeof schema>

export function backupSettings(source: NodeJS.ProcessEnv = process.env): BackupSettings {
  const result = schema.safeParse(source)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`The backup settings are not usable:\n${problems}`)
  }
  return result.data
}
