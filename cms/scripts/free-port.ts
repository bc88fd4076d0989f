import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * Ports handed to the test servers of every suite on this machine. A port the OS calls free is
 * free only until someone binds it: with suites side by side, a site server once got a port that a
 * CMS of the other lane bound first, and the test read the CMS's 404s. Each port handed out is
 * recorded here with the process that asked for it, and skipped by every other process while that
 * one lives.
 */
const RESERVED = path.join(os.tmpdir(), 'masterplan-ports')
const mine = new Set<number>()

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function reservedByOthers(): Set<number> {
  const taken = new Set<number>()
  for (const name of readdirSync(RESERVED)) {
    const pid = Number(readFileSync(path.join(RESERVED, name), 'utf8')) || 0
    if (pid !== process.pid && alive(pid)) taken.add(Number(name))
    else if (pid !== process.pid) rmSync(path.join(RESERVED, name), { force: true })
  }
  return taken
}

const osFreePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

function release(): void {
  for (const port of mine) rmSync(path.join(RESERVED, String(port)), { force: true })
}

/** A port no server listens on and no other test process of ours was given. */
export async function freePort(): Promise<number> {
  mkdirSync(RESERVED, { recursive: true })
  for (;;) {
    const port = await osFreePort()
    if (mine.has(port) || reservedByOthers().has(port)) continue
    try {
      writeFileSync(path.join(RESERVED, String(port)), String(process.pid), { flag: 'wx' })
    } catch {
      continue // another process recorded it a moment ago
    }
    if (!mine.size) process.once('exit', release)
    mine.add(port)
    return port
  }
}
