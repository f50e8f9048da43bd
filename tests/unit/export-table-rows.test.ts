/**
 * Table pages no word processor can lay out otherwise: every row of every table document (demo office, 300
 * organisations) is written at the engine's height, exactly (<w:trHeight w:hRule="exact">), and every cell
 * holds the engine's lines as its paragraphs, each a little narrower than the cell. So Word's row heights are
 * LibreOffice's by definition, and no renderer wraps a cell line again.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/core/demo/demo';
import { renderDocx } from '../../electron/core/export';
import { CELL_SLACK, cellLines, fitColumns, placedRows, splitMerges } from '../../electron/core/export/columns';
import { cellMargin, cellText, tableFontPt, tableLinePitch, textWidth, typeHeight, typeWidth } from '../../electron/core/export/gongwen';
import { PAGE_BREAK, RULE, pageLayout, rowHeights, tablePageStarts } from '../../electron/core/export/layout';
import type { Cell, GongwenDocument, Orientation, TableModel } from '../../electron/core/export/model';
import { attrs, docxParts, tags } from '../helpers/docxXml';
import { testCore } from '../helpers/core';
import { renderDocxForTest } from '../helpers/render';
import { FORMS, tableDocuments } from '../helpers/tableDocuments';

const core = testCore({ today: '2026-11-22' });
afterAll(() => {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
});

/** A document's tables in the order the .docx writes them, each with the orientation of its section. */
function tablesOf(doc: GongwenDocument): { table: TableModel; orientation: Orientation }[] {
  const sections = [{ orientation: doc.orientation ?? 'portrait', blocks: doc.body }, ...(doc.attachments ?? []).map((a) => ({ orientation: a.orientation ?? 'portrait', blocks: a.blocks }))];
  return sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [{ table: b.table, orientation: s.orientation as Orientation }] : [])));
}

/** A written cell's lines (its paragraphs' text), or null for a cell continuing a merge from the row above. */
const writtenLines = (tc: string): string[] | null =>
  /<w:vMerge\/>/.test(tc) ? null : [...tc.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('table rows: the engine’s heights and lines, exactly', () => {
  it('every row of every table document at its exact engine height, every cell on the engine’s lines, every page’s rows within the page', async () => {
    loadDemo(core.ctx, 300, 7);
    const problems: string[] = [];
    let rowsChecked = 0;
    let cellsChecked = 0;
    for (const [name, doc] of Object.entries(tableDocuments(core.ctx))) {
      const xml = docxParts(await renderDocx(doc)).document;
      // The document's tables, one <w:tbl> a page; the 版记's table left out.
      const written = (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).filter((t) => !/印发<\/w:t>/.test(t));
      for (const { table: t, orientation } of tablesOf(doc)) {
        const width = typeWidth(orientation);
        const widths = fitColumns(t, width);
        const pt = tableFontPt(t.fontSize);
        const cut = tablePageStarts(t);
        const body = splitMerges(t.rows, widths.length, cut).rows;
        const starts = [0, ...[...cut].filter((r) => r > 0 && r < body.length).sort((a, b) => a - b), body.length];
        const headHeights = rowHeights(t, width, t.header);
        const bodyHeights = rowHeights(t, width, body);
        const head = placedRows(t.header, widths.length);
        const rows = placedRows(body, widths.length);
        for (let page = 0; page < starts.length - 1; page++) {
          const tbl = written.shift();
          if (!tbl) {
            problems.push(`${name}：少了第 ${page + 1} 页的表格`);
            break;
          }
          const range = Array.from({ length: starts[page + 1] - starts[page] }, (_, i) => starts[page] + i);
          const expected: { cells: { col: number; cell: Cell }[]; height: number }[] = [
            ...head.map((cells, i) => ({ cells, height: headHeights[i] })),
            ...range.map((r) => ({ cells: rows[r], height: bodyHeights[r] })),
          ];
          const trs = tbl.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
          expect(trs.length, `${name} page ${page + 1}`).toBe(expected.length);
          trs.forEach((tr, i) => {
            const where = `${name} 第 ${page + 1} 页第 ${i + 1} 行`;
            rowsChecked++;
            const heights = tags(tr, 'w:trHeight').map(attrs);
            if (heights.length !== 1 || heights[0]['w:hRule'] !== 'exact' || Number(heights[0]['w:val']) !== expected[i].height)
              problems.push(`${where}：行高 ${JSON.stringify(heights)}，引擎 ${expected[i].height}`);
            const cells = [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
              .map((m) => ({ xml: m[0], lines: writtenLines(m[0]), width: Number(attrs(tags(m[0], 'w:tcW')[0])['w:w']) }))
              .filter((c) => c.lines);
            const engine = expected[i].cells.map(({ col, cell }) => {
              const span = typeof cell === 'string' ? 1 : (cell.colSpan ?? 1);
              return cellLines(cellText(cell), widths.slice(col, col + span).reduce((a, b) => a + b, 0), pt);
            });
            if (JSON.stringify(cells.map((c) => c.lines!.map(unescape))) !== JSON.stringify(engine)) problems.push(`${where}：单元格分行 ${JSON.stringify(cells.map((c) => c.lines))}，引擎 ${JSON.stringify(engine)}`);
            cells.forEach((c, k) => {
              const cell = expected[i].cells[k]?.cell;
              const span = typeof cell === 'object' ? (cell.rowSpan ?? 1) : 1;
              if (span <= 1) return;
              // A merged cell: top-aligned, centred by its first line's space before, its lines within its rows.
              const area = expected.slice(i, i + span).reduce((a, r) => a + r.height, 0);
              const before = Number(attrs(tags(c.xml, 'w:spacing')[0])['w:before']);
              const text = c.lines!.length * tableLinePitch(pt);
              if (!c.xml.includes('<w:vAlign w:val="top"/>') || Math.abs(area - RULE - text - 2 * before) > 1)
                problems.push(`${where}：合并单元格（${area} 缇高，${c.lines!.length} 行）段前 ${before}`);
            });
            for (const c of cells) {
              cellsChecked++;
              // Each line at least CELL_SLACK short of the cell's text width: a hair wider font does not wrap it.
              for (const l of c.lines!) if (textWidth(unescape(l), pt) > c.width - 2 * cellMargin(pt) - CELL_SLACK) problems.push(`${where}：“${l}”离单元格边不足 ${CELL_SLACK} 缇`);
            }
          });
          // A following page holds its break paragraph, the repeated header and its rows: they fit the type area.
          if (page > 0) {
            const used = PAGE_BREAK + expected.reduce((a, r) => a + r.height, 0);
            if (used > typeHeight(orientation)) problems.push(`${name} 第 ${page + 1} 页：表格高 ${used} 缇，版心 ${typeHeight(orientation)} 缇`);
          }
        }
      }
      expect(written, `${name}: tables the engine did not lay out`).toEqual([]);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // The 300 organisations alone give 300 rows.
    expect(rowsChecked).toBeGreaterThan(700);
    expect(cellsChecked).toBeGreaterThan(5000);
  }, 120_000);
});

describe('forms people write on: rows taller than their lines', () => {
  it('the ballot’s tick boxes 10 mm, the 档案卡’s and the 立项书’s fields a line and 2.5 mm (7.5 mm at 小四), a pitch more each further line, the text centred; each form still one page a sheet, the lists’ pages unchanged', async () => {
    const forms = testCore({ today: '2026-11-22' });
    try {
      loadDemo(forms.ctx, 300, 7);
      const docs = tableDocuments(forms.ctx);
      for (const [name, min] of Object.entries(FORMS)) {
        const xml = docxParts(await renderDocx(docs[name])).document;
        const rows = (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).filter((t) => !/印发<\/w:t>/.test(t)).flatMap((t) => t.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []);
        const heights = rows.map((tr) => Number(attrs(tags(tr, 'w:trHeight')[0])['w:val']));
        expect(heights.length, name).toBeGreaterThan(5);
        expect(heights.filter((h) => h < min), name).toEqual([]);
        // Most rows are one line: at the minimum exactly (a line is 4.9 mm at 小四, 7.2 mm at 4号).
        expect(heights.filter((h) => h === min).length, name).toBeGreaterThan(heights.length / 2);
        for (const tr of rows) for (const tc of tr.match(/<w:tcPr>[\s\S]*?<\/w:tcPr>/g)!) expect(tc, name).toContain('<w:vAlign w:val="center"/>');
      }
      // One sheet a debriefer, each on one page; one page a card and a 立项书.
      const sheets = docs.ballots.body.filter((b) => b.kind === 'partTitle').length + 1;
      expect(sheets).toBeGreaterThan(10);
      expect(pageLayout(docs.ballots).end.page).toBe(sheets);
      expect(pageLayout(docs.orgCard).end.page).toBe(1);
      expect(pageLayout(docs.charter).end.page).toBe(1);
      // The lists have no minimum: the ledger of 300 stays at 16 pages.
      expect(pageLayout(docs.ledger).end.page).toBe(16);
    } finally {
      forms.close();
      fs.rmSync(forms.dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a cell line keeps its distance to the cell’s edge', () => {
  it('twelve 汉字 with only 20 twips to spare go on two lines; with CELL_SLACK to spare, on one', () => {
    const text = '衡水宏远商贸股份有限公司';
    const tight = textWidth(text, 12) + 2 * cellMargin(12) + 20;
    expect(cellLines(text, tight, 12)).toEqual(['衡水宏远商贸', '股份有限公司']);
    expect(cellLines(text, tight - 20 + CELL_SLACK, 12)).toEqual([text]);
  });
});

describe('a merged cell over rows of unequal heights stands centred (LibreOffice render)', () => {
  it('a 3-line key over a 2-line and a 1-line row: its lines centred on the two rows, none cut off', async () => {
    const doc: GongwenDocument = {
      title: '标题',
      body: [{ kind: 'table', table: { columns: [1, 3], header: [[{ text: '加权\n满分\n四分', rowSpan: 2 }, '票甲\n票乙'], ['下方']], rows: [['体甲', '身甲']] } }],
    };
    const { pages } = renderDocxForTest(await renderDocx(doc), 'merged');
    const words = pages[0].lines.flatMap((l) => l.words);
    const centre = (t: string) => {
      const w = words.find((x) => x.text === t)!;
      return (w.yMin + w.yMax) / 2;
    };
    // The rows: 562 and 286 twips; 票甲 is the first of two lines centred in the first: the two rows' middle
    // lies 281 twips under its middle.
    expect((centre('加权') + centre('四分')) / 2).toBeCloseTo(centre('票甲') + 281 / 20, 0);
    expect(centre('四分') - centre('加权')).toBeCloseTo((2 * 276) / 20, 0);
  }, 120_000);
});
