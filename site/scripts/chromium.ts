import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** A Chromium to drive: CHROME_PATH, the system's, or Playwright's own install — or a clear hint. */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate
  const bundled = chromium.executablePath()
  if (bundled && existsSync(bundled)) return bundled
  throw new Error(
    'No Chromium found for printing PDFs and the browser tests. Install one (Debian: `apt-get install chromium`) or set CHROME_PATH to its binary.',
  )
}

/** As root in a container the sandbox is unavailable; background networking would reach out to Google. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS })
