import type { TestProject } from 'vitest/node'
import { throwawayDatabase } from '../../scripts/test-cms.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    env: Record<string, string>
  }
}

/** One throwaway, migrated PostgreSQL for the whole run of the integration tests. */
export default async function setup(project: TestProject) {
  const { env, stop } = await throwawayDatabase('test')
  Object.assign(process.env, env)
  project.provide('env', env)
  return stop
}
