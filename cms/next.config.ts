import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readBuildEnv } from './src/lib/env.ts'
import { securityHeaders } from './src/security-headers.ts'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = readBuildEnv()

const nextConfig: NextConfig = {
  // The shared contract ships as TypeScript source.
  transpilePackages: ['@masterplan/shared'],
  turbopack: { root: path.resolve(dirname, '..') },
  poweredByHeader: false,
  // Types are checked once by `pnpm typecheck` (CI runs it); every start and test build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Tests build into their own folder so a running `pnpm start` keeps its build.
  distDir: env.NEXT_DIST_DIR,
  headers: async () =>
    securityHeaders({ https: env.SERVER_URL.startsWith('https:'), dev: env.NODE_ENV === 'development' }),
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
