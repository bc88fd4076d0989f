import type JSZip from 'jszip'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decode = (xml: string) => xml.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!)

/**
 * The text of the page headers and footers. mammoth reads only the document's body, so the
 * letterhead there would vanish without a word; the import names it in a notice instead.
 */
export async function pageMarginLines(zip: JSZip): Promise<string[]> {
  const parts = Object.keys(zip.files)
    .filter((part) => /^word\/(header|footer)\d*\.xml$/.test(part))
    .sort()
  const lines = new Set<string>()
  for (const part of parts) {
    const xml = await zip.file(part)!.async('string')
    for (const paragraph of xml.split('</w:p>')) {
      const runs = [...paragraph.matchAll(/<w:t(?:\s[^<>]*)?>([^<]*)<\/w:t>/g)].map((match) => decode(match[1]!))
      const line = runs.join('').trim()
      if (line) lines.add(line)
    }
  }
  return [...lines]
}
