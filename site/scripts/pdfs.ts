import { existsSync } from 'node:fs'
import { readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { readSiteEnv } from '@masterplan/shared'
import type { Page } from 'playwright-core'
import type { WantedPdf } from '../src/lib/pdf.ts'
import { launch } from './chromium.ts'
import { preparePage } from './pdf/page.ts'
import { toPdfUa } from './pdf/ua.ts'

/** Chromium pages printing at once: two cores, and each print is short. */
const PARALLEL = 2

/**
 * Answers the page's requests from the built site under the site's public origin, so that every
 * link in the PDF is the public address; nothing leaves the machine, any other host is refused.
 */
async function serveFrom(page: Page, site: string, origin: string): Promise<void> {
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.origin !== origin) return route.abort()
    const file = path.join(site, decodeURIComponent(url.pathname), url.pathname.endsWith('/') ? 'index.html' : '')
    if (!file.startsWith(`${site}${path.sep}`) || !existsSync(file)) return route.fulfill({ status: 404 })
    // Playwright names the content type after the file's extension.
    return route.fulfill({ path: file })
  })
}

async function print(page: Page, wanted: WantedPdf, pdfDir: string, origin: string): Promise<void> {
  const response = await page.goto(`${origin}${wanted.page}`).catch(() => null)
  if (!response?.ok()) throw new Error(`${wanted.page}: not in the built site`)
  const facts = await preparePage(page)
  // Tagged with an outline from the headings: screen readers and the reader's sidebar get the structure.
  const printed = await page.pdf({
    format: 'A4',
    margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' },
    tagged: true,
    outline: true,
  })
  // Dated with the release, not the moment of printing: the same page prints to the same bytes.
  const pdf = await toPdfUa(printed, { ...facts, date: new Date(wanted.date) }).catch((error: Error) => {
    throw new Error(`${wanted.page}: ${error.message}`)
  })
  const file = path.join(pdfDir, `${wanted.key}.pdf`)
  await writeFile(`${file}.part`, pdf)
  await rename(`${file}.part`, file)
}

async function wantedPdfs(pdfDir: string): Promise<WantedPdf[]> {
  const listed = path.join(pdfDir, 'wanted.json')
  return existsSync(listed) ? (JSON.parse(await readFile(listed, 'utf8')) as WantedPdf[]) : []
}

/** The PDFs the last build's release pages want (src/lib/pdf.ts) that are not printed yet, newest release first. */
export const missingPdfs = async (pdfDir: string) =>
  (await wantedPdfs(pdfDir)).filter(({ key }) => !existsSync(path.join(pdfDir, `${key}.pdf`)))

/**
 * Prints up to `limit` missing PDFs from the built site in `site` as the pages at `siteUrl` (PDF/UA-1,
 * scripts/pdf/ua.ts), and drops those no page wants any more (an old version's: the built sites hold
 * their own copies). Returns how many were printed.
 */
export async function printMissingPdfs(
  site: string,
  pdfDir: string,
  limit = Infinity,
  siteUrl = readSiteEnv().SITE_URL,
): Promise<number> {
  const origin = new URL(siteUrl).origin
  const keep = new Set((await wantedPdfs(pdfDir)).map(({ key }) => `${key}.pdf`))
  const old = existsSync(pdfDir) ? (await readdir(pdfDir)).filter((f) => f.endsWith('.pdf') && !keep.has(f)) : []
  await Promise.all(old.map((file) => rm(path.join(pdfDir, file), { force: true })))
  const wanted = (await missingPdfs(pdfDir)).slice(0, limit)
  if (wanted.length === 0) return 0
  const browser = await launch()
  try {
    const queue = [...wanted]
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
        const page = await browser.newPage()
        await serveFrom(page, await realpath(site), origin)
        for (let next = queue.shift(); next; next = queue.shift()) await print(page, next, pdfDir, origin)
      }),
    )
  } finally {
    await browser.close()
  }
  return wanted.length
}
