/**
 * `@masterplan/cms/testing`: what the site's tests and the benchmarks need of the CMS — a real CMS
 * on a throwaway database, the local mail and S3 servers, the Local API, and the CMS's scripts.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { cmsDir } from '../src/lib/paths.ts'

export type { Payload } from 'payload'
export type { Fixtures } from '../src/seed/test-fixtures.ts'
export { renderedPages } from './astro-log.ts'
export { bootPayload } from './local-env.ts'
export { type MailSink, startMailSink } from './mail-sink.ts'
export { type S3Server, startS3Server } from './s3-server.ts'
export { freePort, startTestCms, type TestCms } from './test-cms.ts'

/** Runs one of the CMS's scripts (e.g. `generate-synthetic`) to its end; throws if it fails. */
export function runCmsScript(name: string, args: string[], env: NodeJS.ProcessEnv): void {
  const tsx = path.join(cmsDir, 'node_modules/.bin/tsx')
  const result = spawnSync(tsx, [path.join(cmsDir, 'scripts', `${name}.ts`), ...args], {
    cwd: cmsDir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`${name} failed`)
}
