import { link, lstat, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'

/** Larger files are compared only by whether they are the same file (PDFs, images come from caches anyway). */
const MAX_COMPARED = 16 * 1024 * 1024
const AT_ONCE = 16

/**
 * Replaces each file of `dir` whose bytes equal the same path's in `previous` by a hard link to that
 * file. A page rendered again with the same bytes then keeps its date (the server's Last-Modified,
 * so If-Modified-Since still answers 304), its inode (the server's cached hash) and its disk space.
 * Only new files are touched, never one the live site reads: a link replaces a file by rename().
 * Files older than `since` were taken over from the last build unchanged and are not compared.
 */
export async function relinkUnchanged(
  dir: string,
  previous: string | null,
  since = 0,
  files?: string[],
): Promise<number> {
  if (!previous) return 0
  files ??= await filesBelow(dir)
  let relinked = 0
  let next = 0
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!
      const before = path.join(previous, path.relative(dir, file))
      const mine = await lstat(file)
      if (mine.mtimeMs < since) continue
      const theirs = await lstat(before).catch(() => null)
      if (!theirs?.isFile() || theirs.ino === mine.ino || theirs.size !== mine.size || mine.size > MAX_COMPARED)
        continue
      const [a, b] = await Promise.all([readFile(file), readFile(before)])
      if (!a.equals(b)) continue
      const temporary = `${file}.relink-${process.pid}`
      await rm(temporary, { force: true })
      await link(before, temporary)
      await rename(temporary, file)
      relinked++
    }
  }
  await Promise.all(Array.from({ length: AT_ONCE }, worker))
  return relinked
}

/** Every file below `dir`, as absolute paths; one walk that the build's finishing steps share. */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}
