import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)
const DATABASE = './test/setup/database.ts'
/**
 * The specs that time the server while they load it (no answer of /api/health may take longer than
 * 500 ms): they run when nothing else runs (scripts/test.ts at the repository's root).
 */
export const MEASURED = ['test/adversaries.e2e.spec.ts', 'test/import-stall.e2e.spec.ts']
/** The publishing workflow through real builds and a served site: a project of its own to balance the lanes. */
const PUBLISHING = ['test/workflow.e2e.spec.ts']

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
    setupFiles: ['./test/setup/env.ts'],
    // One Payload per file against one database: files run one after another.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      // Pure logic, no database, no server: seconds, and first.
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.spec.ts'] } },
      // Payload in-process against one throwaway database for the whole project.
      { extends: true, test: { name: 'int', include: ['test/**/*.int.spec.ts'], globalSetup: [DATABASE] } },
      // A real `next start` each (scripts/test-cms.ts), on a database of its own.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.spec.ts'],
          exclude: [...MEASURED, ...PUBLISHING],
          globalSetup: [DATABASE],
        },
      },
      { extends: true, test: { name: 'publishing', include: PUBLISHING, globalSetup: [DATABASE] } },
      { extends: true, test: { name: 'measured', include: MEASURED, globalSetup: [DATABASE] } },
    ],
  },
})
