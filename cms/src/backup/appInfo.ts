import { spawnSync } from 'node:child_process'
import { readEnv } from '../lib/env.ts'
import { repoRoot } from '../lib/paths.ts'

/** What made the backup file: a deployment can name itself (APP_VERSION, GIT_COMMIT) where there is no .git. */
export function appInfo(): { commit: string | null; version: string | null } {
  const env = readEnv()
  let commit = env.GIT_COMMIT ?? null
  if (!commit) {
    const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' })
    commit = git.status === 0 ? git.stdout.trim() || null : null
  }
  return { commit, version: env.APP_VERSION ?? null }
}
