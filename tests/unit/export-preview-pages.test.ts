/**
 * The in-app preview shows the pages the .docx gets: the preview HTML (export.preview) and the exported
 * .docx rendered by LibreOffice (../shared/tools/fonts.conf) have the same pages, each opening with the same
 * line and carrying the same page number (none on a blank page or the 版记 page). Notices made to put
 * headings and paragraph breaks near page ends, with and without the 版头 and 版记, and a table list.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_NOTICE, SAMPLE_REPORT, type DocumentRequest, type NoticeInput } from '../../shared/contract/export';
import { loadDemo } from '../../electron/core/demo/demo';
import { pageLayout } from '../../electron/core/export/layout';
import type { GongwenDocument } from '../../electron/core/export/model';
import { renderDocx, renderHtml } from '../../electron/core/export';
import { must, testCore } from '../helpers/core';
import { pdfLayout } from '../helpers/render';
import { renderedPdfs } from '../helpers/renderSuite';
import { FORMS, tableDocuments } from '../helpers/tableDocuments';

const core = testCore({ today: '2026-11-22' });
const previews: Record<string, string> = {};

/** Paragraphs of n full lines (26 + 28 × (n − 1) characters). */
const filler = (n: number) => '两新组织党建工作覆盖情况'.repeat(20).slice(0, 26 + 28 * (n - 1)) + '。';

/** A notice whose headings and long paragraphs fall near the ends of pages 1 and 2, moved by `shift` lines. */
function stressNotice(shift: number, withHeader: boolean): NoticeInput {
  const body = ['# 总体要求', filler(4), filler(6), filler(4), filler(1 + shift), '# 工作要求', '## 具体安排', filler(3), filler(7), filler(2), '# 其他事项', filler(1 + shift), '特此通知。'];
  return { title: '关于进一步做好两新组织党建工作的通知', mainRecipient: '各街道（乡镇）两新组织党委', body: body.join('\n'), attachments: [], withHeader };
}

/** A 版头 notice of `n` two-line paragraphs: 33 ends on page 4 with room for the 版记, 35 fills page 4 (版记 after a blank page). */
const longNotice = (n: number): NoticeInput => ({
  ...stressNotice(0, true),
  body: ['# 总体要求', ...Array.from({ length: n }, () => filler(2)), '特此通知。'].join('\n'),
});

const requests: Record<string, DocumentRequest> = {
  notice: { kind: 'notice', notice: SAMPLE_NOTICE },
  sealed: { kind: 'notice', notice: { ...SAMPLE_NOTICE, sealed: true } },
  report: { kind: 'notice', notice: SAMPLE_REPORT },
  unbuilt: { kind: 'unbuilt' },
  ...Object.fromEntries([0, 1, 2, 3, 5].map((shift) => [`stress${shift}`, { kind: 'notice', notice: stressNotice(shift, false) }])),
  ...Object.fromEntries([0, 4, 9].map((shift) => [`stressHead${shift}`, { kind: 'notice', notice: stressNotice(shift, true) }])),
  ...Object.fromEntries([33, 35].map((n) => [`long${n}`, { kind: 'notice', notice: longNotice(n) }])),
};

const pdfs = renderedPdfs(core, async () => {
  loadDemo(core.ctx, 120, 7);
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, request] of Object.entries(requests)) {
    previews[name] = (await must(core, 'export.preview', { request })).html;
    bytes[name] = Buffer.from((await must(core, 'export.document', { request })).file.base64, 'base64');
  }
  return bytes;
});

const squash = (s: string) => s.replace(/\s/g, '');
const PAGE_NUMBER = /^—\d+—$/;

/** The preview's pages: each page's text lines in order (paragraph lines, table rows, the 版记), and its page number. */
function previewPages(html: string): { lines: string[]; number: string | null }[] {
  const text = (s: string) => squash(s.replace(/<br>/g, '').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  return html
    .split('<section class="sheet')
    .slice(1)
    .map((sheet) => {
      const number = /<div class="page-number"[^>]*>([^<]*)<\/div>/.exec(sheet);
      const body = sheet.replace(/<div class="page-number"[\s\S]*$/, '');
      // Paragraph lines, table rows, and the 版记's lines (their two ends in plain spans).
      const lines = [...body.matchAll(/<p [^>]*>([\s\S]*?)<\/p>|<tr[^>]*>([\s\S]*?)<\/tr>|<span>([^<]*)<\/span><span>([^<]*)<\/span>/g)].map((m) => text(m[1] ?? m[2] ?? m[3] + m[4])).filter(Boolean);
      return { lines, number: number ? squash(number[1]) : null };
    });
}

/** The rendered PDF's pages: text lines top to bottom, the page number apart. */
function pdfPages(pdf: string): { lines: string[]; number: string | null }[] {
  return pdfLayout(pdf).map((p) => {
    // Pieces of text on one baseline (the 版记's two ends) are one line, as in the preview.
    const rows: { y: number; parts: { x: number; text: string }[] }[] = [];
    for (const l of [...p.lines].sort((a, b) => a.yMax - b.yMax)) {
      const row = rows.find((r) => Math.abs(r.y - l.yMax) < 2);
      if (row) row.parts.push({ x: l.xMin, text: l.text });
      else rows.push({ y: l.yMax, parts: [{ x: l.xMin, text: l.text }] });
    }
    const lines = rows.map((r) => squash(r.parts.sort((a, b) => a.x - b.x).map((t) => t.text).join('')));
    return { lines: lines.filter((l) => !PAGE_NUMBER.test(l)), number: lines.find((l) => PAGE_NUMBER.test(l)) ?? null };
  });
}

describe('the preview shows the pages the .docx gets', () => {
  it('notices: the same pages, each opening with the same line, numbered alike (no number on the 版记 page or a blank one)', () => {
    const notices = Object.keys(requests).filter((n) => n !== 'unbuilt');
    for (const name of notices) {
      const preview = previewPages(previews[name]);
      const rendered = pdfPages(pdfs[name]);
      expect(preview.length, name).toBe(rendered.length);
      expect(preview.map((p) => p.lines[0] ?? ''), name).toEqual(rendered.map((p) => p.lines[0] ?? ''));
      // And the last line of each page: a heading or a paragraph break at the foot falls the same way.
      expect(preview.map((p) => p.lines.at(-1) ?? ''), name).toEqual(rendered.map((p) => p.lines.at(-1) ?? ''));
      expect(preview.map((p) => p.number), name).toEqual(rendered.map((p) => p.number));
    }
    // They do run over pages; the 版记 shares a last page, takes one of its own, and follows a blank page.
    expect(notices.map((n) => pdfPages(pdfs[n]).length).every((n) => n >= 2)).toBe(true);
    expect(pdfPages(pdfs.long33).map((p) => p.number)).toEqual(['—1—', '—2—', '—3—', '—4—']);
    expect(pdfPages(pdfs.long35).map((p) => p.number)).toEqual(['—1—', '—2—', '—3—', '—4—', null, null]);
    expect(pdfPages(pdfs.long35)[4].lines).toEqual([]);
  });

  it('a table list: the same number of pages, the header repeated, the rows of each page starting where the engine breaks them', () => {
    const preview = previewPages(previews.unbuilt);
    const rendered = pdfPages(pdfs.unbuilt);
    expect(preview.length).toBe(rendered.length);
    expect(preview.length).toBeGreaterThanOrEqual(2);
    // Each row carries its organisation's credit code (read from the preview's rows: in the PDF a row's 序号
    // may share a line with it): the first on a page names the row the page starts with.
    const codes = preview.flatMap((p) => p.lines.flatMap((l) => l.match(/[0-9A-Z]{18}/g) ?? []));
    const firstRow = (lines: string[]) => lines.map((l) => codes.find((c) => l.includes(c))).find(Boolean);
    for (const [i, page] of preview.entries()) {
      expect(page.lines.some((l) => l.startsWith('序号')), `page ${i + 1}`).toBe(true);
      expect(firstRow(page.lines), `page ${i + 1}`).toBeTruthy();
      expect(firstRow(page.lines), `page ${i + 1}`).toBe(firstRow(rendered[i].lines));
    }
  });

  it('draws the engine’s own layout: one page box a page, the 版记 after a blank page when the text ends on a full even page', () => {
    const para = (n: number) => ({ kind: 'paragraph' as const, text: '甲'.repeat(26 + 28 * (n - 1)) });
    const colophon = { printer: '某某办公室', printDate: '2026-11-22' };
    // 22 lines a page: the title, a blank line and 20 one-line paragraphs fill page 1; 22 more fill page 2.
    const full: GongwenDocument = { title: '标题', body: Array.from({ length: 42 }, () => para(1)), colophon };
    expect(pageLayout(full)).toMatchObject({ end: { page: 2, used: 22 * 579 }, colophon: { place: 'afterBlank' } });
    const pages = previewPages(renderHtml(full));
    expect(pages.map((p) => p.number)).toEqual(['—1—', '—2—', null, null]);
    expect(pages.map((p) => p.lines.length)).toEqual([21, 22, 0, 1]);
    // A paragraph broken over two pages: two of its lines go over with it, as widow control does.
    const split: GongwenDocument = { title: '标题', body: [...Array.from({ length: 18 }, () => para(1)), para(4)] };
    const [first, second] = previewPages(renderHtml(split));
    expect([first.lines.length, second.lines.length]).toEqual([21, 2]);
  });

  it('a merged key cut by a page break stands again at the top of the next page; each page’s table is whole', () => {
    const para = { kind: 'paragraph' as const, text: '甲'.repeat(26) };
    // 20 lines above the table (the last paragraph two lines, so not a caption going with the table): its
    // merged rows run over the page foot.
    const doc: GongwenDocument = {
      title: '标题',
      body: [
        ...Array.from({ length: 16 }, () => para),
        { kind: 'paragraph', text: '乙'.repeat(40) },
        { kind: 'table', table: { columns: [1, 2, 4], header: [['序号', '姓名', '联系组织']], rows: [[{ text: '1', rowSpan: 4 }, { text: '张三', rowSpan: 4 }, '甲公司'], ['乙公司'], ['丙公司'], ['丁公司'], ['2', '李四', '戊公司']] } },
      ],
    };
    const table = pageLayout(doc).sections[0].pieces.find((p) => p.part.kind === 'block' && p.part.block.kind === 'table')!;
    expect(table.at.rowBreaks!.length).toBeGreaterThan(0);
    const sheets = renderHtml(doc).split('<section class="sheet').slice(1);
    const tables = sheets.filter((page) => page.includes('<tbody>'));
    expect(tables.length).toBe(table.at.rowBreaks!.length + 1);
    for (const page of tables) {
      // Every row of the page fills the three columns, counting the merges from rows above on the page.
      const rows = [...page.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)][0][1].split(/<tr[^>]*>/).slice(1);
      const covered = [0, 0, 0];
      for (const row of rows) {
        const spans = [...row.matchAll(/<td(?: rowspan="(\d+)")?/g)].map((m) => Number(m[1] ?? 1));
        expect(spans.length + covered.filter((c) => c > 0).length).toBe(3);
        let col = 0;
        for (const span of spans) {
          while (covered[col] > 0) col++;
          covered[col++] = span;
        }
        for (let c = 0; c < 3; c++) covered[c] = Math.max(0, covered[c] - 1);
      }
      expect(covered).toEqual([0, 0, 0]);
      // 张三's companies are never on a page without his name.
      if (/[甲乙丙丁]公司/.test(page)) expect(page).toContain('张三');
    }
  });
});

describe('the engine counts a heading’s lines with its own number', () => {
  it('“（一）” is a character wider than “一、”: a 二级 heading run in with 52 characters takes three lines, as the preview draws it', () => {
    const doc: GongwenDocument = { title: '标题', body: [{ kind: 'heading', level: 2, text: '甲甲', body: '乙'.repeat(50) }] };
    // The title and a blank line, then the heading's three lines.
    expect(pageLayout(doc).end.used).toBe(5 * 579);
    expect(previewPages(renderHtml(doc))[0].lines).toHaveLength(4);
  });
});

/**
 * Every table document of the demo office (300 organisations): the preview (the engine's own pages) and the
 * rendered .docx put every row on the same page. A row is known by a line of one of its cells that no other
 * cell holds (a name, a code); merged keys, repeated at a page top, are not.
 */
describe('table documents: every row on the page the preview shows it on', () => {
  const tables = testCore({ today: '2026-11-22' });
  const docs: Record<string, GongwenDocument> = {};
  const rendered = renderedPdfs(tables, async () => {
    loadDemo(tables.ctx, 300, 7);
    Object.assign(docs, tableDocuments(tables.ctx));
    const bytes: Record<string, Uint8Array> = {};
    for (const [name, doc] of Object.entries(docs)) bytes[name] = await renderDocx(doc);
    return bytes;
  });

  /** Each preview page's table body rows, each as its cells' lines. */
  const previewRows = (html: string) =>
    html
      .split('<section class="sheet')
      .slice(1)
      .map((sheet) =>
        [...sheet.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap((body) =>
          body[1]
            .split(/<tr[^>]*>/)
            .slice(1)
            .map((row) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].flatMap((cell) => cell[1].split('<br>').map((l) => squash(l.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"'))))),
        ),
      );

  it('the ledger of 300, 应建未建, coverage, 花名册, 选派名单, 走访, the debriefing lists and the honours ledgers', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [name, doc] of Object.entries(docs)) {
      const html = renderHtml(doc);
      const pages = previewRows(html);
      const rendered_ = pdfPages(rendered[name]).map((p) => p.lines);
      const header = [...html.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].flatMap((m) => m[1].split('<br>').map(squash));
      // The text around the tables (title, subtitle, body, 注): a key must not stand there too.
      const prose = squash(html.replace(/<table[\s\S]*?<\/table>/g, '').replace(/<[^>]+>/g, ''));
      const all = pages.flat(2).concat(header);
      pages.forEach((rows, i) =>
        rows.forEach((cells) => {
          const key = cells.find((l) => l.length >= 4 && !prose.includes(l) && all.filter((x) => x.includes(l)).length === 1);
          if (!key) return;
          const on = rendered_.flatMap((lines, k) => (lines.some((l) => l.includes(key)) ? [k + 1] : []));
          checked++;
          if (on.length !== 1 || on[0] !== i + 1) problems.push(`${name}：“${key}”预览在第 ${i + 1} 页，排版在第 ${on.join('、') || '?'} 页`);
        }),
      );
    }
    expect(problems).toEqual([]);
    // Most rows are checked: the 300 organisations alone give 300.
    expect(checked).toBeGreaterThan(500);
  });

  it('forms (民主测评表, 档案卡, 立项书), their rows at a form’s height: the same pages, each opening and ending with the same line, numbered alike', () => {
    for (const name of Object.keys(FORMS)) {
      const preview = previewPages(renderHtml(docs[name]));
      const rendered_ = pdfPages(rendered[name]);
      expect(preview.length, name).toBe(rendered_.length);
      expect(preview.map((p) => p.lines[0]), name).toEqual(rendered_.map((p) => p.lines[0]));
      expect(preview.map((p) => p.lines.at(-1)), name).toEqual(rendered_.map((p) => p.lines.at(-1)));
      expect(preview.map((p) => p.number), name).toEqual(rendered_.map((p) => p.number));
    }
    // A sheet a debriefer, no page numbers.
    expect(previewPages(renderHtml(docs.ballots)).length).toBeGreaterThan(10);
  });
});
