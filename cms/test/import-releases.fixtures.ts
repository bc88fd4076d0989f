import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx'
import sharp from 'sharp'

/**
 * Word files laid out the way the Saxon ministries write their Medieninformationen: letterhead
 * (marker, ministry, "Ihr Ansprechpartner" with the name on the same or the next line, Durchwahl,
 * Telefon, Telefax, e-mail with a footnote mark, date), title, subtitle, quotes inside running
 * text, and the footer that Word's export mixes into the text. Every person and ministry is invented.
 */

export const MINISTRY = 'Sächsisches Staatsministerium für Beispielwesen'
export const MINISTRY_WEBSITE = 'https://www.smb.sachsen.example'
export const UNKNOWN_MINISTRY = 'Sächsisches Staatsministerium für Fantasie'
export const LEGAL_NOTE =
  'Kein Zugang für verschlüsselte elektronische Dokumente. Zugang für qualifiziert elektronisch signierte Dokumente nur unter den auf www.lsf.sachsen.example/eSignatur.html vermerkten Voraussetzungen.'

const line = (text: string) => new Paragraph({ children: [new TextRun(text)] })
const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] })
/** One paragraph whose lines are separated by Shift+Enter, as letterheads and footers often are. */
const brokenLines = (...lines: string[]) =>
  new Paragraph({ children: lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : 0 })) })

const pack = (children: (Paragraph | Table)[], footnotes?: Record<number, { children: Paragraph[] }>) =>
  Packer.toBuffer(new Document({ footnotes, sections: [{ children }] }))

/** The footer as separate paragraphs, as the export of the ministry's template leaves it. */
const footer = (ministry = MINISTRY) => [
  line('Hausanschrift:'),
  line(ministry),
  line('Beispielstraße 1'),
  line('01097 Dresden'),
  line('www.smb.sachsen.example'),
  line('Verkehrsverbindung:'),
  line('Zu erreichen mit den Straßenbahnlinien 3, 7 und 8'),
  line(`*${LEGAL_NOTE}`),
]

/**
 * Letterhead with the contact's name on the next line and the three quote forms of the issue:
 * "X betont: »…«." after a sentence, "»…«, so **Surname** weiter." with the office given earlier,
 * and a long office before "ergänzt:" with a nested »…« and no closing mark.
 */
export const openingRelease = () =>
  pack([
    line('Medieninformation'),
    line(MINISTRY),
    line('Ihr Ansprechpartner'),
    line('Paul Probe'),
    line('Durchwahl'),
    line('Telefon +49 351 564-12345'),
    line('Telefax +49 351 564-12399'),
    line('presse@smb.sachsen.example*'),
    line('10.03.2026'),
    bold('Staatsminister eröffnet das Beispielzentrum in Zwickau'),
    bold('2,4 Millionen Euro für Forschung und Handwerk in der Region'),
    line('Das Beispielzentrum in Zwickau ist eröffnet. Es verbindet Hochschule, Handwerk und Industrie.'),
    line(
      'Das Zentrum entsteht auf dem früheren Werksgelände. Staatsminister Max Mustermann betont: »Wir investieren in die Zukunft der Region.«.',
    ),
    new Paragraph({
      children: [
        new TextRun('»Das Zentrum bringt Forschung und Handwerk zusammen«, so '),
        new TextRun({ text: 'Mustermann', bold: true }),
        new TextRun(' weiter. Der Bau des zweiten Abschnitts beginnt im Sommer.'),
      ],
    }),
    line(
      'Erika Beispiel, Oberbürgermeisterin der Stadt Zwickau und Vorsitzende des Städtebundes Südwestsachsen ergänzt: »Wir haben lange für dieses Zentrum geworben. Der Satz »Gemeinsam geht es besser« war dabei unser Leitgedanke.',
    ),
    ...footer(),
  ])

/**
 * The name on the label's line ("Ihre Ansprechpartnerin Anna Exempel"), „…“ marks, "Dazu sagt X:"
 * before a quote and "…“, erklärt X, office." after one, a table, a "Hintergrund" section and the
 * footer as one paragraph with line breaks.
 */
export const figuresRelease = () =>
  pack([
    line('Medieninformation'),
    line(MINISTRY),
    line('Ihre Ansprechpartnerin Anna Exempel'),
    line('Durchwahl'),
    line('Telefon +49 351 564-22222'),
    line('Telefax +49 351 564-22299'),
    line('E-Mail: anna.exempel@smb.sachsen.example'),
    line('24.11.2025'),
    new Paragraph({ text: 'Förderung erreicht alle vier Landkreise', heading: HeadingLevel.TITLE }),
    new Paragraph({ text: 'Zwischenbericht zum Beispielprogramm vorgelegt', style: 'Subtitle' }),
    line('Das Beispielprogramm hat im ersten Jahr 41 Vorhaben in allen vier Landkreisen gefördert.'),
    line(
      'Dazu sagt Staatssekretärin Erika Beispiel: „Die Zahlen zeigen, dass die Förderung in der Fläche ankommt.“ Die Auswertung liegt dem Landtag vor.',
    ),
    new Table({
      rows: [
        ['Landkreis', 'Vorhaben'],
        ['Zwickau', '12'],
        ['Vogtlandkreis', '9'],
      ].map((cells) => new TableRow({ children: cells.map((text) => new TableCell({ children: [line(text)] })) })),
    }),
    line('„Wir bleiben dran“, erklärt Max Mustermann, Landrat des Landkreises Beispielland.'),
    bold('Hintergrund:'),
    line('Das Beispielprogramm läuft bis 2028 und ist mit 20 Millionen Euro ausgestattet.'),
    brokenLines('Hausanschrift:', MINISTRY, 'Beispielstraße 1', '01097 Dresden', 'www.smb.sachsen.example'),
    line(LEGAL_NOTE),
  ])

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: '#1b4965' } })
    .png()
    .toBuffer()
}

/**
 * A ministry without a partner profile, the contact on the label's line, the e-mail with a real
 * Word footnote whose text is the legal note, an embargo, a picture with its caption, a quote
 * followed by one of "sie", and one continued after its attribution.
 */
export const visitRelease = async () =>
  pack(
    [
      line('Medieninformation'),
      line(UNKNOWN_MINISTRY),
      line('Ihr Ansprechpartner Paul Probe'),
      line('Durchwahl'),
      line('Telefon +49 351 564-33333'),
      line('Telefax +49 351 564-33399'),
      new Paragraph({ children: [new TextRun('presse@fantasie.sachsen.example'), new FootnoteReferenceRun(1)] }),
      line('02.02.2026'),
      line('Sperrfrist: 03.02.2026, 10:00 Uhr'),
      bold('Staatsministerin besucht das Erzgebirge'),
      bold('Gespräche über Tourismus und Verkehr'),
      line('Staatsministerin Erika Beispiel hat am Montag drei Gemeinden im Erzgebirge besucht.'),
      line(
        'Staatsministerin Erika Beispiel sagt: »Das Erzgebirge hat viel zu bieten.« Am Abend ging es weiter nach Annaberg.',
      ),
      line('Sie betont: »Der Verkehr muss besser werden.«'),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: await photo(),
            transformation: { width: 60, height: 40 },
            altText: { name: 'Besuch', description: 'Die Ministerin im Gespräch' },
          }),
        ],
      }),
      new Paragraph({ text: 'Staatsministerin Erika Beispiel in Annaberg', style: 'Caption' }),
      line('»Wir kommen wieder«, so Beispiel. »Das ist versprochen.«'),
      ...footer(UNKNOWN_MINISTRY).slice(0, 5),
    ],
    { 1: { children: [line(LEGAL_NOTE)] } },
  )

/** A title of 122 characters: the slug of a second import must stay within 120 and differ. */
export const LONG_TITLE =
  'Beispielprogramm für die Region Südwestsachsen fördert Handwerk, Hochschulen, Industrie und Kultur in den vier Landkreisen'

/** A plain release with a long title, the contact with the e-mail label and "Durchwahl" on one line. */
export const longTitleRelease = () =>
  pack([
    line('Medieninformation'),
    line(MINISTRY),
    brokenLines('Ihr Ansprechpartner', 'Paul Probe', 'Durchwahl +49 351 564-44444', 'presse@smb.sachsen.example'),
    line('Dresden, 3. Februar 2026'),
    bold(LONG_TITLE),
    line('Das Beispielprogramm geht in sein zweites Jahr.'),
    line(
      'Max Mustermann, Staatsminister für Beispielwesen, hat das Programm am Dienstag in Dresden vorgestellt. Es richtet sich an alle vier Landkreise.',
    ),
    line('„Wir setzen auf die Stärken der Region“, sagte Mustermann.'),
    ...footer(),
  ])

/** The letterhead as one paragraph with line breaks, a one-line contact with colon, and "hebt hervor". */
export const compactRelease = () =>
  pack([
    brokenLines(
      'Medieninformation',
      MINISTRY,
      'Ihre Ansprechpartnerin',
      'Anna Exempel',
      'Durchwahl',
      'Telefon +49 351 564-55555',
      'Telefax +49 351 564-55599',
      'anna.exempel@smb.sachsen.example*',
      '15.05.2026',
    ),
    new Paragraph({ text: 'Neue Radwege zwischen Plauen und Zwickau', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: 'Baustart für drei Abschnitte', heading: HeadingLevel.HEADING_2 }),
    line('Zwischen Plauen und Zwickau entstehen bis 2027 drei neue Radwege.'),
    line(
      'Der Freistaat trägt 80 Prozent der Kosten. Landrätin Erika Beispiel hebt hervor: „Der Radweg verbindet Schulen, Betriebe und Bahnhöfe.“',
    ),
    line(LEGAL_NOTE),
  ])

/** Title and subtitle typed as plain paragraphs after the date, as a quickly written release has them. */
export const plainRelease = () =>
  pack([
    line('Medieninformation'),
    line(MINISTRY),
    line('Ihr Ansprechpartner Paul Probe'),
    line('Telefon +49 351 564-66666'),
    line('presse@smb.sachsen.example'),
    line('01.06.2026'),
    line('Sommerferien: Beispielzentrum öffnet für Schulklassen'),
    line('Anmeldung ab sofort möglich'),
    line('Das Beispielzentrum in Zwickau lädt in den Sommerferien Schulklassen ein.'),
    line('»Wir wollen früh für Technik begeistern«, sagt Erika Beispiel, Leiterin des Zentrums.'),
  ])
