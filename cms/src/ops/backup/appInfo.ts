import { spawnSync } from 'node:child_process'
import { repoRoot } from '../../lib/paths.ts'

/** What made the archive: a deployment can name itself (APP_VERSION, GIT_COMMIT) where there is no .git. */
export function appInfo(): { commit: string | null; version: string | null } {
  let commit = process.env.GIT_COMMIT ?? null
  if (!commit) {
    const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' })
    commit = git.status === 0 ? git.stdout.trim() || null : null
  }
  return { commit, version: process.env.APP_VERSION ?? null }
}
