/** Reads the parts of a .docx (document, styles, footers, settings) for XML assertions. */
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParts {
  document: string;
  styles: string;
  settings: string;
  /** footer part name (word/footer1.xml …) → XML */
  footers: Record<string, string>;
  /** relationship id → target, from document.xml.rels */
  rels: Record<string, string>;
  files: string[];
}

export function docxParts(bytes: Uint8Array): DocxParts {
  const zip = unzipSync(bytes);
  const text = (name: string) => (zip[name] ? strFromU8(zip[name]) : '');
  const footers: Record<string, string> = {};
  for (const name of Object.keys(zip)) if (/^word\/footer\d+\.xml$/.test(name)) footers[name] = text(name);
  const rels: Record<string, string> = {};
  for (const m of text('word/_rels/document.xml.rels').matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)) rels[m[1]] = m[2];
  for (const m of text('word/_rels/document.xml.rels').matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g)) rels[m[2]] = m[1];
  return { document: text('word/document.xml'), styles: text('word/styles.xml'), settings: text('word/settings.xml'), footers, rels, files: Object.keys(zip) };
}

/** Attributes of an element's opening tag, e.g. attrs('<w:pgSz w:w="1" w:h="2"/>') → { 'w:w': '1', 'w:h': '2' }. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

/** Every opening tag of an element in a part. */
export const tags = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?=[\\s/>])[^>]*>`, 'g'))].map((m) => m[0]);

/** Every run (<w:r>…</w:r>) with its properties and text. */
export function runs(xml: string): { rPr: string; text: string }[] {
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => ({
    rPr: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(m[1])?.[1] ?? '',
    text: [...m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

/** Paragraphs outside tables and inside tables, with their properties and text. */
export function paragraphs(xml: string): { pPr: string; text: string; inTable: boolean; xml: string }[] {
  const out: { pPr: string; text: string; inTable: boolean; xml: string }[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<w:tbl>|<\/w:tbl>|<w:p>[\s\S]*?<\/w:p>|<w:p\s[^>]*>[\s\S]*?<\/w:p>/g)) {
    if (m[0] === '<w:tbl>') depth++;
    else if (m[0] === '</w:tbl>') depth--;
    else
      out.push({
        pPr: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(m[0])?.[1] ?? '',
        text: runs(m[0]).map((r) => r.text).join(''),
        inTable: depth > 0,
        xml: m[0],
      });
  }
  return out;
}

/**
 * The rows of a document's one table as the engine means it: it writes a table one <w:tbl> a page, each under
 * its header, so the header rows count once and the body rows of every page follow (the 版记's table left out).
 */
export function tableRows(documentXml: string): string[] {
  const tables = (documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).filter((t) => !/印发<\/w:t>/.test(t));
  const rows = tables.map((t) => t.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []);
  const header = (r: string) => r.includes('<w:tblHeader/>');
  return [...rows[0].filter(header), ...rows.flatMap((p) => p.filter((r) => !header(r)))];
}
