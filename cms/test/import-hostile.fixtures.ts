import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, ImageRun } from 'docx'
import sharp from 'sharp'

/**
 * Word files built to keep the import busy, each small or within the upload limit: the shapes of
 * issue 24 (one endless paragraph, an endless one-word attribution, tables in tables) and a
 * 10 MB file that uses every limit the import allows.
 */

const text = (value: string) => new Paragraph({ children: [new TextRun(value)] })

const pack = (children: (Paragraph | Table)[]) => Packer.toBuffer(new Document({ sections: [{ children }] }))

/** One paragraph of `letters` letters, nothing else: it reaches the letterhead reader whole. */
export const longParagraph = (letters: number) => pack([text('a'.repeat(letters))])

/**
 * A quote attributed to a single word, in a release with a paragraph of `letters` capitals: the
 * speaker's full name is then searched for in the whole text.
 */
export const longAttribution = (letters: number) =>
  pack([
    new Paragraph({ children: [new TextRun({ text: 'Titel', bold: true })] }),
    text('Vorspann der Medieninformation.'),
    text('A'.repeat(letters)),
    text('»Wir bauen die Region gemeinsam.«, so Mustermann.'),
  ])

/** `depth` tables, each in the only cell of the one around it. */
export function nestedTables(depth: number): Promise<Buffer> {
  let inner: Paragraph | Table = text('innen')
  for (let level = 0; level < depth; level++) {
    inner = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [inner] })] })] })
  }
  return pack([text('Tabellen'), inner as Table])
}

/** A picture of `bytes` of noise, stored without compression, so the zip cannot shrink it. */
async function noisePng(bytes: number): Promise<Buffer> {
  const side = Math.floor(Math.sqrt(bytes / 3))
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
}

/**
 * The most a file within the limits can ask of the import: 993 paragraphs, some 6,000 runs
 * and 76,000 characters (limits 1,000, 10,000 and 100,000), every paragraph in six runs of alternating bold and
 * italic, every tenth a quote whose speaker is one word, and a picture of noise filling the file
 * to about 10 MB (limit 10 MiB).
 */
export async function worstCase(): Promise<Buffer> {
  const paragraphs: Paragraph[] = [
    new Paragraph({ children: [new TextRun({ text: 'Die Region im Detail', bold: true })] }),
    text('Vorspann der Medieninformation mit vielen Absätzen.'),
  ]
  for (let i = 0; i < 990; i++) {
    if (i % 10 === 0) {
      paragraphs.push(text(`»Absatz ${i} ist ein Zitat.«, so Mustermann.`))
      continue
    }
    const words = [
      'Die Region plant',
      ' den nächsten',
      ' Bauabschnitt',
      ' an der Mulde',
      ' und im Vogtland',
      ` bis ${i}.`,
    ]
    paragraphs.push(
      new Paragraph({
        children: words.map((word, n) => new TextRun({ text: word, bold: n % 2 === 0, italics: n % 2 === 1 })),
      }),
    )
  }
  paragraphs.push(
    new Paragraph({
      children: [
        new ImageRun({ type: 'png', data: await noisePng(9_000_000), transformation: { width: 400, height: 400 } }),
      ],
    }),
  )
  return pack(paragraphs)
}

/** A small PNG whose header claims `side` × `side` pixels: decoding it would take gigabytes. */
async function pixelBomb(side: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888888' } })
    .png()
    .toBuffer()
  // IHDR: length (8), type (12), width (16), height (20), …, CRC over type and data (29).
  png.writeUInt32BE(side, 16)
  png.writeUInt32BE(side, 20)
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
  return png
}

/** A release whose only picture claims 20,000 × 20,000 pixels (400 megapixels). */
export const pixelBombRelease = async () =>
  pack([
    new Paragraph({ children: [new TextRun({ text: 'Titel', bold: true })] }),
    text('Vorspann der Medieninformation.'),
    new Paragraph({
      children: [
        new ImageRun({ type: 'png', data: await pixelBomb(20_000), transformation: { width: 80, height: 80 } }),
      ],
    }),
  ])
