import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  // The shared contract ships as TypeScript source.
  transpilePackages: ['@masterplan/shared'],
  turbopack: { root: path.resolve(dirname, '..') },
  poweredByHeader: false,
  // Tests build into their own folder so a running `pnpm start` keeps its build.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
