import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  resolve: {
    alias: [
      { find: '@payload-config', replacement: fileURLToPath(new URL('./src/payload.config.ts', import.meta.url)) },
      // One graphql for all, as in the built CMS (Next keeps graphql external, so Node loads its
      // CommonJS build for Payload and for our code alike): vite would give our code the ES build,
      // and graphql refuses types and errors made by a second copy of itself.
      { find: /^graphql$/, replacement: require.resolve('graphql') },
    ],
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
