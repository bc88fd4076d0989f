/** `pnpm --filter @masterplan/cms build:test`: the production build the test CMSs share (scripts/test-cms.ts). */
import { buildTestCms } from './test-cms.ts'

await buildTestCms()
