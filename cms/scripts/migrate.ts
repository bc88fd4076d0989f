import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Applies the committed migrations with Payload's own CLI, in a process of its own that exits
 * when done (an in-process run leaves a database client checked out).
 */
export function migrate(env: Record<string, string | undefined>): void {
  const result = spawnSync(path.join(cmsDir, 'node_modules/.bin/payload'), ['migrate'], {
    cwd: cmsDir,
    env: { ...process.env, ...env, NODE_OPTIONS: '--no-deprecation' },
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`Migrations failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
}
