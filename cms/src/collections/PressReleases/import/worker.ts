import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import type { KnownPartner } from './issuers.ts'
import { readWordFile } from './readWordFile.ts'
import { Refusal } from './refusal.ts'

/** What runInWorker.ts hands over. */
export type WorkerInput = { bytes: Uint8Array; filename: string; partners: KnownPartner[] }

/** What comes back: the reading, a refusal for the sender, or a failure of the import itself. */
export type WorkerOutput =
  | { ok: true; reading: Awaited<ReturnType<typeof readWordFile>> }
  | { ok: false; refusal: { de: string; en: string; status: number } }
  | { ok: false; failure: string }

const { bytes, filename, partners } = workerData as WorkerInput

// On Linux a thread has a nice value of its own (setpriority on "process" 0 means the calling
// thread; elsewhere it would lower the whole server): the reading yields the CPU to the server's
// thread, which answers requests meanwhile.
if (process.platform === 'linux') {
  try {
    setPriority(19)
  } catch {
    // Not allowed here: the reading runs at the server's priority.
  }
}

readWordFile(bytes, filename, partners).then(
  (reading) => parentPort!.postMessage({ ok: true, reading } satisfies WorkerOutput),
  (error: unknown) => {
    const output: WorkerOutput =
      error instanceof Refusal
        ? { ok: false, refusal: { de: error.de, en: error.en, status: error.status } }
        : { ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) }
    parentPort!.postMessage(output)
  },
)
