import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: { '@payload-config': fileURLToPath(new URL('./src/payload.config.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.int.spec.ts', 'test/**/*.e2e.spec.ts'],
    globalSetup: ['./test/setup/database.ts'],
    setupFiles: ['./test/setup/env.ts'],
    // One Payload per file against one database: files run one after another.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
