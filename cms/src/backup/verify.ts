import { createHash } from 'node:crypto'
import { TarUnreadable, drain, readTar, safeEntryName } from './tarFile.ts'
import { FORMAT, FORMAT_VERSION, MANIFEST, MANIFEST_SUM, type Manifest, manifestSchema } from './manifest.ts'

export class BackupFileRejected extends Error {}

/**
 * Reads the whole backup file before anything is touched: a readable tar, a manifest whose checksum
 * matches, and every file it lists present with its size and sha256 — nothing more, nothing less.
 */
export async function verifyBackupFile(file: string): Promise<Manifest> {
  const seen = new Map<string, { size: number; sha256: string }>()
  let manifestBytes: Buffer | null = null
  let manifestSum: string | null = null
  try {
    await readTar(file, async ({ name, type, stream }) => {
      if (type !== 'file' || !safeEntryName(name))
        throw new BackupFileRejected(`the backup file holds an entry that is not a plain file inside it: ${name}`)
      if (seen.has(name)) throw new BackupFileRejected(`the backup file holds ${name} twice`)
      if (name === MANIFEST || name === MANIFEST_SUM) {
        const chunks: Buffer[] = []
        for await (const chunk of stream) chunks.push(chunk as Buffer)
        const bytes = Buffer.concat(chunks)
        if (name === MANIFEST) manifestBytes = bytes
        else manifestSum = bytes.toString('utf8').trim().split(/\s+/)[0] ?? null
        seen.set(name, { size: bytes.length, sha256: '' })
        return
      }
      seen.set(name, await drain(stream))
    })
  } catch (error) {
    if (error instanceof BackupFileRejected) throw error
    if (error instanceof TarUnreadable) throw new BackupFileRejected(error.message)
    throw error
  }
  if (!manifestBytes)
    throw new BackupFileRejected(`the backup file has no ${MANIFEST} (cut short, or not a backup of this CMS)`)
  if (createHash('sha256').update(manifestBytes).digest('hex') !== manifestSum) {
    throw new BackupFileRejected(`${MANIFEST} does not match ${MANIFEST_SUM}: the manifest is damaged`)
  }
  let manifest: Manifest
  try {
    const raw = JSON.parse((manifestBytes as Buffer).toString('utf8'))
    if (raw?.format === FORMAT && typeof raw.formatVersion === 'number' && raw.formatVersion > FORMAT_VERSION) {
      throw new BackupFileRejected(
        `the backup file has format version ${raw.formatVersion}; this code reads up to ${FORMAT_VERSION}: update the code first`,
      )
    }
    manifest = manifestSchema.parse(raw)
  } catch (error) {
    if (error instanceof BackupFileRejected) throw error
    throw new BackupFileRejected(`${MANIFEST} is not a manifest of this CMS: ${(error as Error).message}`)
  }
  const problems: string[] = []
  const listed = new Set<string>()
  for (const entry of manifest.files) {
    listed.add(entry.path)
    const found = seen.get(entry.path)
    if (!found) problems.push(`${entry.path}: missing`)
    else if (found.size !== entry.size)
      problems.push(`${entry.path}: ${found.size} bytes, the manifest says ${entry.size}`)
    else if (found.sha256 !== entry.sha256) problems.push(`${entry.path}: sha256 differs from the manifest`)
  }
  for (const name of seen.keys()) {
    if (name !== MANIFEST && name !== MANIFEST_SUM && !listed.has(name))
      problems.push(`${name}: in the backup file but not in the manifest`)
  }
  if (!listed.has(manifest.database.file)) problems.push(`${manifest.database.file}: the database file is not listed`)
  if (problems.length) {
    const shown = problems.slice(0, 10).join('\n  ')
    throw new BackupFileRejected(
      `the backup file is damaged:\n  ${shown}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`,
    )
  }
  return manifest
}
