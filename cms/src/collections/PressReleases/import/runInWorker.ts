import { Worker } from 'node:worker_threads'
import { ImportRefused } from './importRefused.ts'
import { IMPORT_LIMITS } from './limits.ts'
import type { WordReading } from './readWordFile.ts'
import type { WorkerInput, WorkerOutput } from './worker.ts'

export type WorkerLimits = { timeMs: number; heapMb: number }

let running = 0

/**
 * Reads the Word file in a worker thread, so the server's own thread keeps answering requests
 * while the file is unpacked, converted and parsed. Past the time limit the worker is terminated
 * and the file refused; a worker out of memory is refused the same way. Nothing is written here.
 */
export function readInWorker(
  input: WorkerInput,
  limits: WorkerLimits = { timeMs: IMPORT_LIMITS.timeMs, heapMb: IMPORT_LIMITS.workerHeapMb },
): Promise<WordReading> {
  // Each reading takes a core and up to its heap; more at once would slow the machine for everyone.
  if (running >= IMPORT_LIMITS.parallelReadings) {
    return Promise.reject(
      new ImportRefused(
        `Es werden gerade schon ${running} Word-Dateien gelesen; bitte in einigen Sekunden noch einmal versuchen`,
        `${running} Word files are being read right now; please try again in a few seconds`,
        503,
      ),
    )
  }
  running++
  return new Promise<WordReading>((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    })
    let settled = false
    const settle = (action: () => void) => {
      if (settled) return
      settled = true
      running--
      clearTimeout(timer)
      action()
      void worker.terminate()
    }
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ImportRefused(
              `Das Lesen der Word-Datei wurde nach ${limits.timeMs / 1000} Sekunden abgebrochen; die Datei ist zu umfangreich oder zu verschachtelt. Bitte vereinfachen oder aufteilen`,
              `reading the Word file was stopped after ${limits.timeMs / 1000} seconds; the file is too large or too deeply nested`,
              422,
            ),
          ),
        ),
      limits.timeMs,
    )
    worker.on('message', (output: WorkerOutput) =>
      settle(() => {
        if (output.ok) resolve(output.reading)
        else if ('refusal' in output) {
          const { de, en, status } = output.refusal
          reject(new ImportRefused(de, en, status))
        } else reject(new Error(`Word-Import: ${output.failure}`))
      }),
    )
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ImportRefused(
                `Die Word-Datei braucht zum Lesen mehr als ${limits.heapMb} MB Arbeitsspeicher und wird nicht gelesen; bitte vereinfachen oder aufteilen`,
                `the Word file needs more than ${limits.heapMb} MB of memory to read and is not read`,
                422,
              )
            : error,
        ),
      ),
    )
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`Word-Import: der Worker endete ohne Antwort (Exit-Code ${code})`))),
    )
  })
}
