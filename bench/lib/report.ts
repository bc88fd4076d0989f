import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { progress } from './table.ts'

const repo = path.resolve(import.meta.dirname, '../..')

/** The figures of one run and its tables as printed, for bench/results/<timestamp>.json. */
export function startReport(quick: boolean) {
  const results: Record<string, unknown> = {
    quick,
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    startedAt: new Date().toISOString(),
  }
  const output: string[] = []
  return {
    results,
    print(text: string) {
      console.log(text)
      output.push(text)
    },
    write() {
      results.finishedAt = new Date().toISOString()
      results.tables = output.join('\n')
      const dir = path.join(repo, 'bench/results')
      mkdirSync(dir, { recursive: true })
      const file = path.join(dir, `${results.startedAt as string}.json`.replace(/:/g, '-'))
      writeFileSync(file, JSON.stringify(results, null, 2))
      progress(`results written to ${path.relative(repo, file)}`)
    },
  }
}
