import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, inject, it } from 'vitest'
import { markArtifacts } from '../scripts/pdf/artifacts.ts'
import { printMissingPdfs } from '../scripts/pdfs.ts'
import { fileSize, longDate } from '../src/lib/format.ts'
import { read } from './helpers.ts'
import { popplerTags, releasePdfs, structureReport } from './pdf-readers.ts'
import { publishSite } from './setup/build.ts'

const dist = inject('distDir')
const cmsUrl = inject('cmsUrl')
const siteUrl = inject('siteUrl')
const { slug, id } = inject('fixtures').withImage
const fixtureSlug = slug

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
    expect(info.CreationDate).toBe(`D:${doc.releaseDate.replace(/[-:T]/g, '').slice(0, 14)}Z`)
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

/**
 * Every release PDF of the built site, both languages, read by tools that are not the printer's:
 * pikepdf for the structure tree, metadata, annotations and fonts, poppler for a reading of the tags.
 */
describe('every release PDF, read by pikepdf and poppler (PDF/UA-1, the machine-checkable part)', async () => {
  const pdfs = await releasePdfs(dist)
  const reports = pdfs.map((pdf) => ({ ...pdf, report: structureReport(path.join(dist, pdf.file)) }))
  const releaseBySlug = async (slug: string, locale: 'de' | 'en') =>
    (await (await fetch(`${cmsUrl}/api/press-releases?where[slug][equals]=${slug}&locale=${locale}&depth=1`)).json())
      .docs[0]

  it('are there, in both languages', () => {
    expect(pdfs.map(({ locale }) => locale)).toEqual(expect.arrayContaining(['de', 'en']))
  })

  it("link only to addresses that answer: the site's own under SITE_URL, the issuers' websites, mail, phone", async () => {
    const partners = (await (await fetch(`${cmsUrl}/api/partners?limit=100`)).json()).docs as Array<{
      website?: string
    }>
    const websites = new Set(partners.flatMap(({ website }) => (website ? [website, `${website}/`] : [])))
    for (const { file, slug, locale, report } of reports) {
      const doc = await releaseBySlug(slug, locale)
      const prefix = locale === 'en' ? '/en' : ''
      const uris = report.links.map(({ uri }) => uri)
      // The header's link home, each issuer's page (the German one where no English page was built),
      // each related milestone.
      const partnerPage = (slug: string) =>
        existsSync(path.join(dist, prefix, 'partner', slug, 'index.html'))
          ? `${prefix}/partner/${slug}/`
          : `/partner/${slug}/`
      const expected = [
        `${siteUrl}${prefix}/`,
        ...doc.issuers.map((p: { slug: string }) => `${siteUrl}${partnerPage(p.slug)}`),
        ...(doc.relatedMilestones ?? []).map((m: { slug: string }) => `${siteUrl}${prefix}/zeitplan/#${m.slug}`),
      ]
      expect(uris, file).toEqual(expect.arrayContaining(expected))
      for (const uri of uris) {
        expect(uri, file).toBeTruthy()
        const address = new URL(uri as string)
        if (address.protocol === 'mailto:' || address.protocol === 'tel:') continue
        if (websites.has(address.href)) continue
        expect(`${address.origin}`, `${file}: ${uri}`).toBe(siteUrl)
        const response = await fetch(address, { redirect: 'manual' })
        expect(response.status, `${file}: ${uri}`).toBe(200)
        if (address.hash) expect(await response.text(), `${file}: ${uri}`).toContain(`id="${address.hash.slice(1)}"`)
      }
    }
  })

  it('claim PDF/UA-1 in XMP metadata with title and language; the catalog has /Lang, MarkInfo, DisplayDocTitle', async () => {
    for (const { file, slug, locale, report } of reports) {
      const doc = await releaseBySlug(slug, locale)
      expect(report.xmp, file).toEqual({ pdfuaPart: '1', title: report.infoTitle, language: locale })
      expect(report.infoTitle, file).toContain(doc.title)
      expect(report.lang, file).toBe(locale)
      expect(report.marked, file).toBe(true)
      expect(report.displayDocTitle, file).toBe(true)
    }
  })

  it('use standard structure types only, others through the RoleMap', () => {
    for (const { file, report } of reports) {
      expect(report.structure, file).not.toBeNull()
      expect(report.structure?.notStandard, file).toEqual([])
      // The release's bold lead is `Strong` to Chromium, which PDF 1.7 does not define.
      expect(report.structure?.roleMap, file).toMatchObject({ Strong: 'Span' })
    }
  })

  it('tag every text run, mark everything else painted as an artifact, and tie every tagged piece to its element', () => {
    for (const { file, report } of reports)
      for (const page of report.pages) {
        expect(page.untagged, `${file}, page ${page.page}`).toEqual([])
        expect(page.artifactText, `${file}, page ${page.page}: text hidden as an artifact`).toBe(0)
        expect(page.mcidsWithoutElement, `${file}, page ${page.page}`).toEqual([])
      }
  })

  it('put every link annotation in a Link element with a description, and order tabs by structure on every page', () => {
    for (const { file, report } of reports) {
      expect(report.links.length, file).toBeGreaterThan(0)
      for (const link of report.links) {
        expect(link.element, `${file}: ${link.uri}`).toBe('Link')
        expect(link.contents?.trim(), `${file}: ${link.uri}`).toBeTruthy()
      }
      for (const page of report.pages) expect(page.tabs, `${file}, page ${page.page}`).toBe('S')
    }
  })

  it("give every figure a text alternative (the release image's own)", async () => {
    const { images } = await release('de')
    const { file, report } = reports.find(({ slug, locale }) => slug === fixtureSlug && locale === 'de')!
    expect(report.structure?.figures, file).toEqual([{ alt: images[0].image.alt }])
    for (const { file, report } of reports)
      for (const figure of report.structure?.figures ?? []) expect(figure.alt?.trim(), file).toBeTruthy()
  })

  it('embed every font', () => {
    for (const { file, report } of reports) {
      expect(report.fonts.length, file).toBeGreaterThan(0)
      expect(
        report.fonts.filter(({ embedded }) => !embedded),
        file,
      ).toEqual([])
    }
  })

  it("keep the lead paragraph in poppler's reading of the tags, with no complaint about them", async () => {
    for (const { file, slug, locale } of pdfs) {
      const doc = await releaseBySlug(slug, locale)
      const tags = popplerTags(path.join(dist, file))
      expect(tags.complaints, file).toBe('')
      // Lines break where the layout does: compared without white space.
      expect(tags.text.replace(/\s+/g, ''), file).toContain(doc.lead.replace(/\s+/g, ''))
    }
  })
})

describe('marking untagged content as artifacts', () => {
  const mark = (content: string) => Buffer.from(markArtifacts(Buffer.from(content, 'latin1')).bytes).toString('latin1')

  it('wraps a whole path, text and images outside tagged content, and leaves tagged content and clipping alone', () => {
    const content = [
      '/P <</MCID 0>> BDC BT (tagged \\) text) Tj ET 1 1 m 2 2 l S EMC',
      '0 0 10 10 re W n',
      '0 0 m 5 5 l 5 0 l h f',
      'BT [(a) 10 (b)] TJ ET',
      '/Im0 Do',
      'BI /W 1 /H 1 /BPC 8 /CS /G ID \u0000EI Q',
      '/Artifact BMC 0 0 1 1 re f EMC',
    ].join('\n')
    expect(mark(content)).toBe(
      [
        '/P <</MCID 0>> BDC BT (tagged \\) text) Tj ET 1 1 m 2 2 l S EMC',
        '0 0 10 10 re W n',
        '/Artifact BMC\n0 0 m 5 5 l 5 0 l h f\nEMC',
        'BT /Artifact BMC\n[(a) 10 (b)] TJ\nEMC ET',
        '/Artifact BMC\n/Im0 Do\nEMC',
        '/Artifact BMC\nBI /W 1 /H 1 /BPC 8 /CS /G ID \u0000EI\nEMC Q',
        '/Artifact BMC 0 0 1 1 re f EMC',
      ].join('\n'),
    )
  })

  it('refuses a content stream it cannot read, naming the place', () => {
    expect(() => mark('BT (open Tj ET')).toThrow('content stream: string opened at byte 3 is not closed')
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
      expect(await printMissingPdfs(dist, pdfDir, Infinity, siteUrl)).toBe(1)
      expect(await printMissingPdfs(dist, pdfDir, Infinity, siteUrl)).toBe(0)
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
