import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Bench } from './context.ts'

// The site's command-line entry points, found through its package's "exports".
export const publishScript = fileURLToPath(import.meta.resolve('@masterplan/site/publish'))
const serveScript = fileURLToPath(import.meta.resolve('@masterplan/site/serve'))

/** publish.ts's environment as the CMS gives it, so a build here reads and links what the CMS's would. */
export function siteBuildEnv(bench: Bench, extra: Record<string, string>) {
  return { ...process.env, CMS_URL: bench.cms.url, SITE_URL: bench.site.url, NODE_ENV: 'production' as const, ...extra }
}

/** A built site served as readers get it, until the process is killed. */
export function serveSite(dir: string, port: number): ChildProcess {
  return spawn(process.execPath, [serveScript, dir, '--port', String(port)], { stdio: 'ignore' })
}

/** What the CMS's own builds publish, at the URL the CMS links to (SITE_URL). */
export const serveLive = (bench: Bench) => serveSite(path.join(bench.site.dir, 'live'), bench.site.port)
