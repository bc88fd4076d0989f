import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, inject, it } from 'vitest'
import { printMissingPdfs } from '../scripts/pdfs.ts'
import { fileSize, longDate } from '../src/lib/format.ts'
import { read } from './helpers.ts'
import { publishSite } from './setup/build.ts'

const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')
const siteUrl = inject('siteUrl')
const { slug, id } = inject('fixtures').withImage

const release = async (locale: 'de' | 'en') =>
  (await fetch(`${cmsUrl}/api/press-releases/${id}?locale=${locale}&depth=1`)).json()

type Outline = Array<{ title: string; items: Outline }>
const titles = (outline: Outline): string[] => outline.flatMap(({ title, items }) => [title, ...titles(items)])

/** Everything a reader of the PDF gets: metadata, tagging, outline, the text of every page. */
async function open(file: string) {
  const bytes = await readFile(path.join(dist, file))
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise
  const text: string[] = []
  const roles: string[] = []
  const rolesIn = (node: { role: string; children?: unknown[] }): void => {
    roles.push(node.role)
    for (const child of node.children ?? [])
      if (child && typeof child === 'object' && 'role' in child) rolesIn(child as never)
  }
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    text.push((await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '))
    rolesIn(await page.getStructTree())
  }
  return {
    bytes,
    info: (await pdf.getMetadata()).info as Record<string, string>,
    roles,
    outline: titles((await pdf.getOutline()) ?? []),
    // Normalised: the text layer splits lines and words where the layout does.
    text: text.join(' ').replace(/\s+/g, ' '),
  }
}

describe.each([
  {
    locale: 'de' as const,
    prefix: '',
    download: 'Als PDF herunterladen',
    online: 'Diese Medieninformation im Internet',
  },
  { locale: 'en' as const, prefix: 'en/', download: 'Download as PDF', online: 'This press release online' },
])('the PDF of a release ($locale)', ({ locale, prefix, download, online }) => {
  const file = `${prefix}aktuelles/${slug}/medieninformation.pdf`

  it('is linked from the release page with its size', async () => {
    const html = await read(dist, `${prefix}aktuelles/${slug}/index.html`)
    const { bytes } = await open(file)
    expect(html).toContain(`<a href="/${file}" download="${slug}.pdf">${download}</a>`)
    expect(html).toContain(`(PDF, ${fileSize(bytes.length, locale)})`)
  })

  it('is tagged, in the page language, titled, with an outline of the headings', async () => {
    const doc = await release(locale)
    const { bytes, info, roles, outline } = await open(file)
    expect(bytes.toString('latin1')).toMatch(/\/MarkInfo <<[^>]*\/Marked true/)
    expect(roles).toEqual(expect.arrayContaining(['H1', 'H2', 'P', 'Link']))
    expect(bytes.toString('latin1')).toContain(`/Lang (${locale})`)
    expect(info.Title).toContain(doc.title)
    expect(outline).toEqual(expect.arrayContaining([doc.title, locale === 'de' ? 'Pressekontakt' : 'Press contact']))
    // Stamped with the release date, not the moment of printing: the same page gives the same bytes.
    expect(info.CreationDate).toBe(`D:${doc.releaseDate.replace(/[-:T]/g, '').slice(0, 14)}+00'00'`)
  })

  it('holds the issuing body, date, contact and the address of the release, not the navigation', async () => {
    const doc = await release(locale)
    const { text } = await open(file)
    expect(text).toContain(doc.title)
    expect(text).toContain(longDate(doc.releaseDate, locale))
    for (const issuer of doc.issuers) expect(text).toContain(issuer.name)
    for (const contact of doc.contacts) expect(text).toContain(contact.email)
    // A long address wraps at a hyphen, which the text layer shows as a space.
    expect(text.replaceAll('- ', '-')).toContain(`${online}: ${siteUrl}/${prefix}aktuelles/${slug}/`)
    expect(text).not.toContain(download)
  })
})

describe('printing', () => {
  it('prints only what is missing, drops what is no longer wanted, and the same page again to the same bytes', async () => {
    const pdfDir = await mkdtemp(path.join(os.tmpdir(), 'masterplan-pdf-'))
    try {
      const { releaseDate } = await release('de')
      const wanted = [{ page: `/aktuelles/${slug}/`, key: 'again', date: releaseDate }]
      await writeFile(path.join(pdfDir, 'wanted.json'), JSON.stringify(wanted))
      await writeFile(path.join(pdfDir, 'superseded.pdf'), 'an older version')
      expect(await printMissingPdfs(dist, pdfDir)).toBe(1)
      expect(await printMissingPdfs(dist, pdfDir)).toBe(0)
      expect((await readdir(pdfDir)).sort()).toEqual(['again.pdf', 'wanted.json'])
      const again = await readFile(path.join(pdfDir, 'again.pdf'))
      expect(again.equals(await readFile(path.join(dist, `aktuelles/${slug}/medieninformation.pdf`)))).toBe(true)
    } finally {
      await rm(pdfDir, { recursive: true, force: true })
    }
  })

  it('refuses a page the build does not have, naming it', async () => {
    const pdfDir = await mkdtemp(path.join(os.tmpdir(), 'masterplan-pdf-'))
    try {
      const wanted = [{ page: '/aktuelles/gibt-es-nicht/', key: 'x', date: '2026-01-01T00:00:00.000Z' }]
      await writeFile(path.join(pdfDir, 'wanted.json'), JSON.stringify(wanted))
      await expect(printMissingPdfs(dist, pdfDir)).rejects.toThrow('/aktuelles/gibt-es-nicht/: not in the built site')
    } finally {
      await rm(pdfDir, { recursive: true, force: true })
    }
  })
})

describe('a PDF build that cannot print', () => {
  it('fails naming the problem, and the site stays live as it was, without a PDF link', async () => {
    const target = await mkdtemp(path.join(os.tmpdir(), 'masterplan-no-pdf-'))
    try {
      const build = publishSite(cmsUrl, siteUrl, target)
      expect(build.ok, build.output.slice(-3000)).toBe(true)
      expect(build.result.pdfsMissing).toBeGreaterThan(0)
      const before = await readFile(path.join(build.dir, `aktuelles/${slug}/index.html`))
      const pdfs = publishSite(cmsUrl, siteUrl, target, { env: { CHROME_PATH: '/bin/false' }, flags: ['--pdfs'] })
      expect(pdfs.ok).toBe(false)
      expect(pdfs.result.error).toMatch(/launch/)
      const after = await readFile(path.join(pdfs.dir, `aktuelles/${slug}/index.html`))
      expect(after.equals(before)).toBe(true)
      expect(after.toString()).not.toContain('medieninformation.pdf')
      expect(existsSync(path.join(pdfs.dir, `aktuelles/${slug}/medieninformation.pdf`))).toBe(false)
    } finally {
      await rm(target, { recursive: true, force: true })
    }
  }, 180_000)
})
