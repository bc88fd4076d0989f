import { spawn } from 'node:child_process'
import type { PgTool } from './pgTools.ts'

/** libpq settings from the URL; the password goes in the environment, not onto the command line `ps` shows. */
function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

function run(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool.name} failed (exit ${code}): ${stderr.trim()}`)),
    )
  })
}

/** A dump in the custom format of the snapshot the caller exported, so it matches the counts read in it. */
export function pgDump(tool: PgTool, databaseUrl: string, snapshot: string, file: string): Promise<void> {
  const { dbname, env } = connection(databaseUrl)
  return run(
    tool,
    ['--format=custom', '--no-owner', '--no-acl', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${dbname}`],
    env,
  )
}

/** All or nothing: one transaction, stopping at the first error; owners and grants are the target's. */
export function pgRestore(tool: PgTool, databaseUrl: string, file: string): Promise<void> {
  const { dbname, env } = connection(databaseUrl)
  return run(
    tool,
    ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  )
}
