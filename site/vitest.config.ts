import { defineConfig } from 'vitest/config'

/** Pure functions first, in seconds; then the tests that need a real CMS and a built site. */
const UNIT = ['test/units.test.ts', 'test/ics.test.ts', 'test/reserved-slugs.test.ts', 'test/json-ld.test.ts']

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: UNIT } },
      {
        test: {
          name: 'site',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          globalSetup: ['./test/setup/site.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
