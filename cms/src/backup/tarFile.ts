import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { extract, pack } from 'tar-stream'
import type { ArchiveFile } from './manifest.ts'

/**
 * A tar written to `<file>.partial` and renamed when complete and flushed to disk, so a backup file
 * under its final name is never half written. Each entry is hashed as it is written.
 */
export class TarWriter {
  readonly files: ArchiveFile[] = []
  private readonly partial: string
  private readonly tar = pack()
  private readonly out
  private readonly done: Promise<unknown>

  constructor(private readonly file: string) {
    this.partial = `${file}.partial`
    this.out = createWriteStream(this.partial)
    this.done = once(this.out, 'close')
    this.tar.pipe(this.out)
  }

  async addBuffer(name: string, data: Uint8Array, mtime = new Date()): Promise<ArchiveFile> {
    await new Promise<void>((resolve, reject) =>
      this.tar.entry({ name, size: data.length, mtime, mode: 0o644 }, data, (e) => (e ? reject(e) : resolve())),
    )
    return this.record(name, data.length, createHash('sha256').update(data).digest('hex'))
  }

  async addFile(name: string, source: string): Promise<ArchiveFile> {
    const { size, mtime } = await stat(source)
    const hash = createHash('sha256')
    let sink!: ReturnType<typeof this.tar.entry>
    const written = new Promise<void>((resolve, reject) => {
      sink = this.tar.entry({ name, size, mtime, mode: 0o644 }, (e) => (e ? reject(e) : resolve()))
    })
    for await (const chunk of createReadStream(source)) {
      hash.update(chunk)
      if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()))
    }
    sink.end(undefined)
    await written
    return this.record(name, size, hash.digest('hex'))
  }

  async finish(): Promise<void> {
    this.tar.finalize()
    await this.done
    const handle = await open(this.partial, 'r+')
    await handle.sync()
    await handle.close()
    await rename(this.partial, this.file)
  }

  async abort(): Promise<void> {
    this.tar.destroy()
    this.out.destroy()
    await rm(this.partial, { force: true })
  }

  private record(path: string, size: number, sha256: string): ArchiveFile {
    const entry = { path, size, sha256 }
    this.files.push(entry)
    return entry
  }
}

export class TarUnreadable extends Error {}

/** Entry names that stay inside the folder they are extracted to. */
export const safeEntryName = (name: string) =>
  name.length > 0 &&
  !name.startsWith('/') &&
  !name.split('/').some((part) => part === '..' || part === '' || part === '.')

/**
 * Reads every entry of the backup file once, handing each to `onEntry` as a stream; the stream must be
 * consumed. Unreadable input (not a tar, cut short, a damaged header) ends in TarUnreadable.
 */
export async function readTar(
  file: string,
  onEntry: (entry: { name: string; size: number; type: string; stream: Readable }) => Promise<void>,
): Promise<void> {
  const tar = extract()
  const input = createReadStream(file)
  input.on('error', (error) => tar.destroy(error))
  input.pipe(tar as unknown as NodeJS.WritableStream)
  try {
    for await (const entry of tar) {
      await onEntry({
        name: entry.header.name,
        size: entry.header.size ?? 0,
        type: entry.header.type ?? 'file',
        stream: entry as unknown as Readable,
      })
    }
  } catch (error) {
    if (error instanceof TarUnreadable) throw error
    throw new TarUnreadable(`not a readable tar file (cut short or damaged?): ${(error as Error).message}`)
  } finally {
    input.destroy()
  }
}

/** Consumes a stream, hashing it and optionally writing it to a file. */
export async function drain(stream: Readable, target?: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256')
  const out = target ? createWriteStream(target, { mode: 0o644 }) : null
  let size = 0
  for await (const chunk of stream) {
    hash.update(chunk)
    size += chunk.length
    if (out && !out.write(chunk)) await once(out, 'drain')
  }
  if (out) {
    out.end()
    await once(out, 'close')
  }
  return { size, sha256: hash.digest('hex') }
}
