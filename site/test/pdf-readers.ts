import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { Locale } from '@masterplan/shared'
import { files } from './helpers.ts'

/**
 * Independent readers of the printed PDFs: pikepdf (Debian's python3-pikepdf, through
 * pdf-structure.py) for the structure tree, metadata, annotations and fonts, and poppler's pdfinfo
 * for a reading of the tags. Debian's own interpreter: another python3 on the PATH lacks pikepdf.
 */

/** What pdf-structure.py reports about one PDF. */
export type StructureReport = {
  version: string
  lang: string | null
  marked: boolean
  displayDocTitle: boolean
  infoTitle: string | null
  xmp: { pdfuaPart: string | null; title: string | null; language: string | null } | null
  structure: {
    types: string[]
    roleMap: Record<string, string | null>
    notStandard: string[]
    figures: Array<{ alt: string | null }>
  } | null
  pages: Array<{
    page: number
    tabs: string | null
    untagged: string[]
    artifactText: number
    mcidsWithoutElement: number[]
  }>
  links: Array<{ page: number; uri: string | null; contents: string | null; element: string | null }>
  fonts: Array<{ name: string | null; embedded: boolean }>
}

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`)
  return result
}

export const structureReport = (file: string): StructureReport =>
  JSON.parse(run('/usr/bin/python3', [path.join(import.meta.dirname, 'pdf-structure.py'), file]).stdout)

/** poppler's reading of the structure tree (`pdfinfo -struct-text`) and what it complained about. */
export function popplerTags(file: string): { text: string; complaints: string } {
  const { stdout, stderr } = run('pdfinfo', ['-struct-text', file])
  // The text of each marked-content piece stands in quotes on a line of its own.
  const pieces = [...stdout.matchAll(/^\s*"(.*)"$/gm)].map((match) => match[1])
  return { text: pieces.join(' '), complaints: stderr }
}

/** Every release PDF of a built site, with the release's slug and the page's language. */
export async function releasePdfs(dist: string): Promise<Array<{ file: string; slug: string; locale: Locale }>> {
  return (await files(dist)).flatMap((file) => {
    const match = /^(en\/)?aktuelles\/([^/]+)\/medieninformation\.pdf$/.exec(file)
    return match ? [{ file, slug: match[2] as string, locale: (match[1] ? 'en' : 'de') as Locale }] : []
  })
}
