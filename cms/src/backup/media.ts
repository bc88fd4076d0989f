import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'

/** Every regular file under the media folder, as paths relative to it with `/` separators. */
export async function listMedia(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}

/** Empties the folder but keeps it: it may be a mount point or a link the operator set up. */
export async function emptyFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [])
  for (const name of entries) await rm(path.join(dir, name), { recursive: true, force: true })
}
