/**
 * Tables written straight as WordprocessingML. The docx library builds an object per run and serialises
 * slowly (≈ 5 ms per ledger row, 10 s for 2,000 rows); a string per cell keeps a 2,000-row ledger well under
 * a second. The rules are the same as everywhere: fixed layout, explicit widths summing to the type area,
 * header rows repeated (tblHeader), rows kept whole (cantSplit), fonts per run as in gongwen.md.
 */
import { cellLines, fitColumns, splitMerges } from './columns';
import { PAGE_BREAK, RULE, rowHeights, tablePageStarts } from './layout';
import { FONT, cellMargin, tableFontPt, tableLinePitch, type FontName } from './gongwen';
import type { Align, Cell, TableModel } from './model';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => (/[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESC[c]) : s);
const JC: Record<Align, string> = { left: 'left', center: 'center', right: 'right', justify: 'both' };

/** Run and paragraph properties are the same for thousands of cells: build each combination once. */
function memo<A extends unknown[]>(make: (...args: A) => string): (...args: A) => string {
  const cache = new Map<string, string>();
  return (...args) => {
    const key = args.join('|');
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = make(...args)));
    return v;
  };
}

const rPr = memo(
  (font: FontName, size: number) =>
    `<w:rPr><w:rFonts w:ascii="${FONT.latin}" w:hAnsi="${FONT.latin}" w:eastAsia="${font}" w:cs="${FONT.latin}" w:hint="eastAsia"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>`,
);
const pPr = memo(
  (line: number, align: Align, keepNext: boolean, before: number) =>
    `<w:pPr>${keepNext ? '<w:keepNext/>' : ''}<w:spacing w:before="${before}" w:after="0" w:line="${line}" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="${JC[align]}"/></w:pPr>`,
);

function paragraph(text: string, font: FontName, size: number, line: number, align: Align, keepNext = false, before = 0): string {
  return `<w:p>${pPr(line, align, keepNext, before)}${text ? `<w:r>${rPr(font, size)}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>` : ''}</w:p>`;
}

const BORDER = '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>';

export function tableXml(t: TableModel, width: number): string {
  const widths = fitColumns(t, width);
  const pt = tableFontPt(t.fontSize);
  const size = pt * 2;
  const line = tableLinePitch(pt);
  // Merged keys cut where the engine's layout starts a page (docx.ts lays the document out first).
  const cut = tablePageStarts(t);
  const body = splitMerges(t.rows, widths.length, cut);
  // Every row at the engine's height, exactly: Word cannot make a row taller than the engine's page holds
  // (its own border handling or wrapping), so each page's rows fit it whatever the renderer.
  const headHeights = rowHeights(t, width, t.header);
  const bodyHeights = rowHeights(t, width, body.rows);
  /** Per grid column: a vertical merge still running (rows left, its span). */
  const merges: ({ rows: number; span: number } | null)[] = widths.map(() => null);
  const span = (col: number, n: number) => widths.slice(col, col + n).reduce((a, b) => a + b, 0);

  /** Row `r` of rows at `heights`. */
  const row = (cells: Cell[], heights: number[], r: number, header: boolean, keep = false): string => {
    let xml = `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="${heights[r]}" w:hRule="exact"/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`;
    let next = 0;
    for (let col = 0; col < widths.length; ) {
      const m = merges[col];
      if (m && m.rows > 0) {
        m.rows--;
        xml += `<w:tc><w:tcPr><w:tcW w:w="${span(col, m.span)}" w:type="dxa"/>${m.span > 1 ? `<w:gridSpan w:val="${m.span}"/>` : ''}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p/></w:tc>`;
        col += m.span;
        continue;
      }
      const raw = cells[next++];
      if (raw === undefined) break;
      const c = typeof raw === 'string' ? { text: raw } : raw;
      const cols = Math.min(c.colSpan ?? 1, widths.length - col);
      const rows = c.rowSpan ?? 1;
      if (rows > 1) merges[col] = { rows: rows - 1, span: cols };
      const font = header || c.bold ? FONT.heiti : FONT.fangsong;
      const align = c.align ?? (header ? 'center' : (t.align ?? 'center'));
      const lines = cellLines(c.text, span(col, cols), pt);
      // A merged cell is centred by its own first line's space before, at the top: LibreOffice centres one over
      // rows of unequal heights 3.4 pt low (measured: a 3-line key over a 2-line and a 1-line row, its last
      // line cut off by the exact heights); the space is the same in every word processor.
      const spare = rows > 1 ? heights.slice(r, r + rows).reduce((a, b) => a + b, 0) - RULE - lines.length * line : 0;
      xml +=
        `<w:tc><w:tcPr><w:tcW w:w="${span(col, cols)}" w:type="dxa"/>${cols > 1 ? `<w:gridSpan w:val="${cols}"/>` : ''}${rows > 1 ? '<w:vMerge w:val="restart"/>' : ''}<w:vAlign w:val="${rows > 1 ? 'top' : 'center'}"/></w:tcPr>` +
        lines.map((text, i) => paragraph(text, font, size, line, align, keep || c.keepWithNext, i === 0 ? Math.max(0, Math.floor(spare / 2)) : 0)).join('') +
        '</w:tc>';
      col += cols;
    }
    return xml + '</w:tr>';
  };

  const open =
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblBorders>${BORDER}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="${cellMargin(pt)}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="${cellMargin(pt)}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  // One table a page of the engine's layout, each under its header, a 1 pt paragraph breaking the page between
  // them: Word and LibreOffice start each page on the row the engine (and the preview) starts it on.
  const starts = [0, ...[...cut].filter((r) => r > 0 && r < body.rows.length).sort((a, b) => a - b), body.rows.length];
  return starts
    .slice(1)
    .map((end, k) => {
      const rows = body.rows.slice(starts[k], end);
      return (
        open +
        // The header keeps with the first two rows (keepNext on their paragraphs: Word's way, and LibreOffice's
        // with it), so no page ends on a header with no row under it.
        t.header.map((r, i) => row(r, headHeights, i, true, true)).join('') +
        rows.map((r, i) => row(r, bodyHeights, starts[k] + i, false, k === 0 && i === 0 && body.rows.length > 2)).join('') +
        '</w:tbl>'
      );
    })
    .join(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="${PAGE_BREAK}" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/></w:pPr><w:r>${rPr(FONT.fangsong, 2)}<w:br w:type="page"/></w:r></w:p>`);
}
