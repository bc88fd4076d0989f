import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CHROMIUM_FLAGS, chromiumPath } from '@masterplan/site/chromium'
import lighthouse from 'lighthouse'

export type LighthouseScores = {
  performance: number
  accessibility: number
  bestPractices: number
  seo: number
  lcpMs: number
  tbtMs: number
  cls: number
}

/**
 * Lighthouse's default (mobile emulation, simulated slow 4G) against Debian's Chromium, started
 * here with a debugging port so no browser download is needed.
 */
export async function audit(
  urls: string[],
  chromePath = chromiumPath(),
  port = 9333,
): Promise<Record<string, LighthouseScores>> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lh-'))
  const chrome = spawn(
    chromePath,
    [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: 'ignore' },
  )
  try {
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/json/version`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break
      await new Promise((r) => setTimeout(r, 200))
    }
    const run = (url: string) =>
      lighthouse(url, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      })
    // The first audit in a fresh browser also pays for the browser's own start-up work; it is not counted.
    if (urls[0]) await run(urls[0])
    const scores: Record<string, LighthouseScores> = {}
    for (const url of urls) {
      const result = await run(url)
      const lhr = result!.lhr
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100)
      const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN
      scores[url] = {
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        lcpMs: Math.round(value('largest-contentful-paint')),
        tbtMs: Math.round(value('total-blocking-time')),
        cls: Number(value('cumulative-layout-shift').toFixed(3)),
      }
    }
    return scores
  } finally {
    chrome.kill('SIGKILL')
    // Chromium's processes may still be writing into the profile for a moment after the kill.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
  }
}
