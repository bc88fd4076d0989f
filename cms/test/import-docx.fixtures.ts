import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx'
import JSZip from 'jszip'
import sharp from 'sharp'

/**
 * Word files the press office could send, written with the `docx` package. The facts are those of
 * the cabinet decision of 15 April 2025; the quotes are examples written for these tests.
 */

export const ISSUER = 'Sächsisches Staatsministerium für Infrastruktur und Landesentwicklung'

const text = (value: string) => new Paragraph({ children: [new TextRun(value)] })

const numbering = {
  config: [
    {
      reference: 'steps',
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
    },
  ],
}

async function photo(format: 'png' | 'gif'): Promise<Buffer> {
  const image = sharp({ create: { width: 40, height: 30, channels: 3, background: '#2d6a4f' } })
  return format === 'png' ? image.png().toBuffer() : image.gif().toBuffer()
}

/** A complete Medieninformation in the ministry's anatomy, with every part the importer places. */
export async function cabinetRelease(): Promise<Buffer> {
  const document = new Document({
    numbering,
    sections: [
      {
        headers: { default: new Header({ children: [text('Freistaat Sachsen – Medienservice')] }) },
        children: [
          text('Medieninformation'),
          text(ISSUER),
          new Paragraph({
            children: [
              new TextRun('Pressekontakt: Annegret Fischer, Pressesprecherin'),
              new TextRun({ text: 'Telefon: +49 351 564 50021', break: 1 }),
              new TextRun({ text: 'E-Mail: medien@smil.sachsen.de', break: 1 }),
            ],
          }),
          text('Dresden, 15. April 2025'),
          text('Sperrfrist: 15.04.2025, 12:00 Uhr'),
          new Paragraph({
            text: 'Kabinett gibt Startschuss für den Masterplan Südwestsachsen',
            heading: HeadingLevel.TITLE,
          }),
          new Paragraph({ text: 'Bis zu 600.000 Euro für die Region', style: 'Subtitle' }),
          text(
            'Das sächsische Kabinett hat beschlossen, die Region Südwestsachsen bei der Erarbeitung eines Masterplans mit bis zu 600.000 Euro zu unterstützen.',
          ),
          new Paragraph({
            children: [
              new TextRun('Das Geld erhält der '),
              new TextRun({ text: 'Landkreis Zwickau', bold: true }),
              new TextRun(', der den '),
              new TextRun({ text: 'Regionalkonvent', italics: true }),
              new TextRun(' leitet. Staatsministerin Regina Kraushaar stellte den Beschluss vor.'),
            ],
          }),
          text(
            '»Der Masterplan entsteht aus der Region für die Region. Niemand kennt die Stärken Südwestsachsens besser«, so Kraushaar.',
          ),
          new Paragraph({ text: 'Wer mitarbeitet', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'die Landräte der vier Landkreise', bullet: { level: 0 } }),
          new Paragraph({ text: 'der Oberbürgermeister von Chemnitz', bullet: { level: 0 } }),
          new Paragraph({
            text: 'Herausforderungen und Potenziale analysieren',
            numbering: { reference: 'steps', level: 0 },
          }),
          new Paragraph({ text: 'ein Leitbild entwickeln', numbering: { reference: 'steps', level: 0 } }),
          text(
            '„Wir wollen neue Wachstumskerne für eine innovative Industrieregion schaffen“, ergänzt Carsten Michaelis, Landrat des Landkreises Zwickau.',
          ),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: await photo('png'),
                transformation: { width: 40, height: 30 },
                altText: { name: 'Kabinett', description: 'Ein Bild, das Text enthält.' },
              }),
            ],
          }),
          new Paragraph({ text: 'Die Kabinettssitzung in Dresden', style: 'Caption' }),
          new Paragraph({
            children: [
              new TextRun('Mehr dazu unter '),
              new ExternalHyperlink({
                link: 'https://smil.sachsen.de',
                children: [new TextRun({ text: 'smil.sachsen.de', style: 'Hyperlink' })],
              }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ children: [new TextRun({ text: 'Hintergrund:', bold: true })] }),
          text(
            'Der Masterplan ist ein strategischer Planungsprozess, der ein Leitbild erarbeitet – kein Investitionsprogramm.',
          ),
          text('Er soll bis Ende 2026 vorliegen.'),
          text('Archivstraße 1, 01097 Dresden'),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}

/** A release that breaks the anatomy: what the importer cannot place must reach the body and the notices. */
export async function messyRelease(): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        children: [
          text('Medieninformation Nr. 12/2025'),
          text('Beispiel-Verband Erzgebirge e. V.'),
          new Paragraph({ children: [new TextRun({ text: 'Regionalkonvent tagt in Chemnitz', bold: true })] }),
          text('Der Regionalkonvent hat über die Stärken der Region beraten.'),
          text('»Wir brauchen die Ideen aus der Region.«'),
          new Table({
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [text('Landkreis')] }),
                  new TableCell({ children: [text('Mitglied seit')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [text('Vogtlandkreis')] }),
                  new TableCell({ children: [text('2025')] }),
                ],
              }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('Die Unterlagen liegen '),
              new ExternalHyperlink({
                link: 'file:///C:/Presse/unterlagen.pdf',
                children: [new TextRun({ text: 'im Netzlaufwerk', style: 'Hyperlink' })],
              }),
              new TextRun(' und sind '),
              new TextRun({ text: 'nicht mehr gültig', strike: true }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({ type: 'gif', data: await photo('gif'), transformation: { width: 40, height: 30 } }),
            ],
          }),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}

/** A valid release whose package also carries a part Word files may carry but the import refuses. */
export async function withExtraPart(kind: 'macro' | 'embedding'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await cabinetRelease())
  const types = await zip.file('[Content_Types].xml')!.async('string')
  if (kind === 'macro') {
    zip.file('word/vbaProject.bin', Buffer.from('macro'))
    zip.file(
      '[Content_Types].xml',
      types.replace(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        'application/vnd.ms-word.document.macroEnabled.main+xml',
      ),
    )
  } else {
    zip.file('word/embeddings/oleObject1.bin', Buffer.from('ole'))
  }
  return zip.generateAsync({ type: 'nodebuffer' })
}

/** The first bytes of an encrypted Office file: a Compound File (OLE), which is what Word writes with a password. */
export const encryptedOffice = () =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 1)])
