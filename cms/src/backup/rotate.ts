import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'

/**
 * Keeps the newest `keep` backup files whose names start with `prefix` (the names sort by time) and
 * deletes the rest. Archives with another name, such as those made by hand, are left alone.
 */
export async function rotateBackupFiles(dir: string, prefix: string, keep: number): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.startsWith(`${prefix}-`) && name.endsWith('.tar')).sort()
  const removed = files.slice(0, Math.max(0, files.length - keep))
  for (const name of removed) await rm(path.join(dir, name), { force: true })
  return removed
}
