import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrate } from '../../scripts/migrate.ts'
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    env: Record<string, string>
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/**
 * A throwaway PostgreSQL for this test run, migrated with the committed migrations:
 * the tests see the schema production gets, never a pushed one.
 */
export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-test-'))
  await chmod(root, 0o755) // the server runs as the `postgres` user when tests run as root
  const pg = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), port: await freePort(), database: 'test', persistent: false })
  const env = {
    DATABASE_URL: pg.url,
    PAYLOAD_SECRET: 'test-secret-that-is-long-enough-0123456789',
    MEDIA_DIR: path.join(root, 'media'),
  }
  Object.assign(process.env, env)
  migrate(env)
  project.provide('env', env)
  return async () => {
    await pg.stop()
    await rm(root, { recursive: true, force: true })
  }
}
