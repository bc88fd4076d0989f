/**
 * Runs a command (e.g. `payload migrate:create`) with the local database up and the environment set,
 * then stops the database again.
 */
import '@masterplan/shared/no-telemetry'
import { spawn } from 'node:child_process'
import { prepareLocalEnv } from './local-env.ts'

const [command, ...args] = process.argv.slice(2).filter((a) => a !== '--')
if (!command) {
  console.error('usage: tsx scripts/with-local-env.ts <command> [args…]')
  process.exit(2)
}
const { env, stop } = await prepareLocalEnv(console.log)
const child = spawn(command, args, { env, stdio: 'inherit' })
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
await stop()
process.exit(code)
