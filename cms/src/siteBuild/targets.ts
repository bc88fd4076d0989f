import { spawn } from 'node:child_process'
import { type BuildMode, publishFlags, readPublishResult } from '@masterplan/shared'
import path from 'node:path'
import { siteScript } from '../lib/siteScripts.ts'
import { readEnv } from '../lib/env.ts'
import { uploadSite } from './s3Target/index.ts'

/**
 * `awaitingHost`: the host builds and reports back (deployCallback.ts); the site is not live yet.
 * `upload`: what the s3 target wrote, in one line for the build's log event.
 */
export type BuildResult = {
  pages: number | null
  log: string
  awaitingHost?: boolean
  upload?: string
  /** Release pages still without their PDF (siteBuild/pdfBuild.ts). */
  pdfsMissing?: number
}

/** Node's ENOSPC and the OS's own words (pagefind, sharp): the target's disk is full. */
const DISK_FULL = /ENOSPC|no space left on device/i

/** Why a failed build failed, in words an editor can act on. */
function describeFailure(output: string, error: string | undefined, code: number | null): string {
  const full = output.split('\n').find((line) => DISK_FULL.test(line))
  if (full) {
    // The raw line too: the cache or temp folder may be the full one, not the target.
    const detail = full.trim().slice(0, 200)
    return `Kein Speicherplatz auf dem Ziel der Website (SITE_TARGET_DIR ${readEnv().SITE_TARGET_DIR}) / no space left on the site's disk; the live site is unchanged (${detail})`
  }
  // The line that names the broken document is the most useful one for an editor.
  const cause = output
    .split('\n')
    .find((line) => /breaks the contract|CmsError|Error:/.test(line))
    ?.trim()
  return [error, cause].filter(Boolean).join(' — ') || `site build exited with ${code}`
}

/** Builds the site and swaps it live (the site's `publish` script); the old site stays on failure. */
function buildLocally(mode: BuildMode): Promise<BuildResult> {
  const env = readEnv()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [siteScript('publish'), env.SITE_TARGET_DIR, ...publishFlags(mode)], {
      env: { ...process.env, CMS_URL: env.SERVER_URL, SITE_URL: env.SITE_URL, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const result = readPublishResult(output)
      if (code === 0 && result && 'ok' in result && result.ok)
        resolve({ pages: result.pages, log: output, pdfsMissing: result.pdfsMissing })
      else {
        const error = !result ? undefined : 'problem' in result ? result.problem : result.ok ? undefined : result.error
        reject(new Error(describeFailure(output, error, code)))
      }
    })
  })
}

/** The local build, then its `live` folder uploaded to SITE_S3_BUCKET; the bucket changes only after a good build. */
async function buildToS3(mode: BuildMode): Promise<BuildResult> {
  const built = await buildLocally(mode)
  const uploaded = await uploadSite(path.join(readEnv().SITE_TARGET_DIR, 'live'))
  return { ...built, log: `${built.log}\n${uploaded}`, upload: uploaded.split('\n')[0] }
}

/**
 * Hands the build to a host (CI, static hosting) that builds from the public API itself and reports
 * the outcome to `callbackUrl` with the shared secret (SITE_DEPLOY_CALLBACK_SECRET).
 */
async function callDeployHook(reason: string, buildId: number): Promise<BuildResult> {
  const env = readEnv()
  const url = env.SITE_DEPLOY_HOOK_URL!
  const callbackUrl = `${env.SERVER_URL}/api/site-builds/${buildId}/deployed`
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason, buildId, callbackUrl }),
  })
  if (!response.ok) throw new Error(`deploy hook answered HTTP ${response.status}`)
  return { pages: null, log: `deploy hook ${new URL(url).host}: HTTP ${response.status}`, awaitingHost: true }
}

export function runTarget(reason: string, buildId: number, mode: BuildMode): Promise<BuildResult> {
  const target = readEnv().SITE_BUILD_TARGET
  if (target === 'local') return buildLocally(mode)
  if (target === 's3') return buildToS3(mode)
  if (target === 'deploy-hook') return callDeployHook(reason, buildId)
  return Promise.resolve({ pages: null, log: 'no target' })
}
