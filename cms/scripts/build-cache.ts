import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../src/lib/paths.ts'

type Env = Record<string, string | undefined>

/** What goes into the CMS build: its sources, the shared contract, the previews' stylesheet, dependencies. */
const INPUTS = [
  'cms/src',
  'cms/next.config.ts',
  'cms/package.json',
  'cms/tsconfig.json',
  'shared/src',
  'site/src/styles',
  'tsconfig.base.json',
  'pnpm-lock.yaml',
  'patches',
]
/**
 * The environment the built output depends on: the output folder, and whether the CMS is served
 * over https (the security headers are fixed at build time). Everything else is read at run time.
 */
const buildEnv = (env: Env) => `${env.NEXT_DIST_DIR ?? '.next'} ${(env.SERVER_URL ?? '').startsWith('https:')}`

function files(entry: string): string[] {
  const full = path.join(repoRoot, entry)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [full]
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
}

/** A fingerprint of everything a `next build` depends on: equal fingerprints, equal builds. */
export function buildKey(env: Env): string {
  const hash = createHash('sha256').update(process.version)
  hash.update(buildEnv(env))
  for (const file of INPUTS.flatMap(files).sort()) hash.update(path.relative(repoRoot, file)).update(readFileSync(file))
  return hash.digest('hex')
}

const keyFile = (distDir: string) => path.join(distDir, 'masterplan-build-key')

/** True when `distDir` holds a finished build made from the same inputs. */
export function buildIsCurrent(distDir: string, key: string): boolean {
  return (
    existsSync(path.join(distDir, 'BUILD_ID')) &&
    existsSync(keyFile(distDir)) &&
    readFileSync(keyFile(distDir), 'utf8') === key
  )
}

export function rememberBuild(distDir: string, key: string): void {
  writeFileSync(keyFile(distDir), key)
}
