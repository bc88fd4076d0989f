import type { ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { type Fixtures, freePort, startTestCms } from '@masterplan/cms/testing'
import { buildSite, serveSite } from './build.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    cmsUrl: string
    siteUrl: string
    distDir: string
    fixtures: Fixtures
    buildSeconds: number
    cmsEnv: Record<string, string>
  }
}

/**
 * Once per run: a real CMS with fixtures, the real site build from its API, and the built site served
 * over HTTP for the browser tests.
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[site tests] ${line}`)
  const cms = await startTestCms({ log })
  const root = await mkdtemp(path.join(os.tmpdir(), 'masterplan-site-'))
  await chmod(root, 0o755)
  const distDir = path.join(root, 'site', 'live')
  const port = await freePort()
  const siteUrl = `http://localhost:${port}`
  let server: ChildProcess | undefined
  const teardown = async () => {
    server?.kill('SIGTERM')
    await cms.stop()
    await rm(root, { recursive: true, force: true })
  }
  try {
    log('building the site from the CMS')
    const build = buildSite(cms.url, siteUrl, path.join(root, 'site'))
    if (!build.ok) throw new Error(`site build failed:\n${build.output.slice(-6000)}`)
    log(`site built in ${build.seconds.toFixed(1)} s`)
    server = await serveSite(distDir, port)
    project.provide('cmsUrl', cms.url)
    project.provide('siteUrl', siteUrl)
    project.provide('distDir', distDir)
    project.provide('fixtures', cms.fixtures)
    project.provide('buildSeconds', build.seconds)
    project.provide('cmsEnv', cms.env)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
