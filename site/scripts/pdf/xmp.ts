/**
 * The document's XMP metadata packet (ISO 16684-1), as PDF/UA-1 wants it: the claim of conformance
 * (`pdfuaid:part` 1, ISO 14289-1 §5) and the title (§7.1), with the language and the dates the
 * document information dictionary carries, so both say the same.
 */

export type XmpFields = { title: string; language: string; date: Date; producer: string; creatorTool: string }

/** XML 1.0 allows no control characters but tab and line breaks; the markup characters are escaped. */
const escapeXml = (text: string) =>
  Array.from(text)
    .filter((c) => c >= ' ' || c === '\t' || c === '\n' || c === '\r')
    .join('')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)

/** Seconds without fractions: the same moment the information dictionary's `D:` dates give. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

export function xmpPacket({ title, language, date, producer, creatorTool }: XmpFields): string {
  const when = xmpDate(date)
  return `<?xpacket begin="\u{feff}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>${escapeXml(language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>${when}</xmp:CreateDate>
   <xmp:ModifyDate>${when}</xmp:ModifyDate>
   <xmp:MetadataDate>${when}</xmp:MetadataDate>
   <xmp:CreatorTool>${escapeXml(creatorTool)}</xmp:CreatorTool>
   <pdf:Producer>${escapeXml(producer)}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
}
