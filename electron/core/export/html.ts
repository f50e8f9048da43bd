/**
 * HTML preview of a GongwenDocument: A4 pages at size with the same margins, fonts and line pitch as the
 * .docx (units in pt; 1 twip = 1/20 pt), broken where the engine's own layout (layout.ts) breaks them, the
 * same decisions the .docx is written from: body lines as the engine sets them, headings kept with their
 * text, table rows per page, page numbers “— N —”, the 版记 on the page (or after the blank page) it gets.
 */
import {
  AUTO_SPACE_16PT,
  CHAR,
  CHAR_14,
  CHAR_SPACING_16PT,
  FONT,
  FOOTER_DISTANCE,
  FOOTER_DISTANCE_LANDSCAPE,
  HEADING_FONT,
  INDENT_2,
  LINE,
  MARGIN_LANDSCAPE,
  MARGIN_PORTRAIT,
  PAGE,
  RED,
  SEAL_BLANK_LINES,
  SIGNER_LABEL,
  chineseDate,
  cellMargin,
  tableFontPt,
  tableLinePitch,
  headingCounter,
  markSize,
  sealedIndents,
  signatureIndents,
  signerLines,
  titleLineTexts,
  typeWidth,
  type FontName,
} from './gongwen';
import { cellLines, fitColumns, placedRows, splitMerges } from './columns';
import { mastheadHeight, pageLayout, paragraphLines, rowHeights, type Part, type Placement } from './layout';
import type { Block, Cell, GongwenDocument, Masthead, Orientation, TableModel } from './model';

const pt = (twips: number) => `${(twips / 20).toFixed(2)}pt`;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** CSS font stacks (single quotes: they sit inside style="…"): the official name, then the Linux fonts fonts.conf maps them to. */
const STACK: Record<FontName, string> = {
  [FONT.xiaobiaosong]: `'方正小标宋简体','Noto Serif CJK SC','Source Han Serif SC',serif`,
  [FONT.fangsong]: `'Times New Roman','仿宋_GB2312','仿宋','FangSong','AR PL SungtiL GB',serif`,
  [FONT.kaiti]: `'Times New Roman','楷体_GB2312','楷体','KaiTi','AR PL KaitiM GB',serif`,
  [FONT.heiti]: `'Times New Roman','黑体','SimHei','Noto Sans CJK SC',sans-serif`,
  [FONT.songti]: `'宋体','SimSun','Noto Serif CJK SC',serif`,
  [FONT.latin]: `'Times New Roman',serif`,
};

const style = (font: FontName, sizePt: number, extra = '') =>
  `font-family:${STACK[font]};font-size:${sizePt}pt;${sizePt === 16 ? `letter-spacing:${pt(CHAR_SPACING_16PT)};` : ''}${extra}`;

const p = (text: string, o: { font?: FontName; size?: number; align?: string; indent?: number; left?: number; extra?: string } = {}) =>
  `<p style="${style(o.font ?? FONT.fangsong, o.size ?? 16, `text-align:${o.align ?? 'justify'};text-indent:${pt(o.indent ?? 0)};margin:0 0 0 ${pt(o.left ?? 0)};line-height:${pt(LINE)};min-height:${pt(LINE)};${o.extra ?? ''}`)}">${esc(text)}</p>`;

/**
 * Text with the space Word and LibreOffice put between 汉字 and Latin letters or digits (browsers add none):
 * where the preview's centring or right edge depends on a width (the sealed 署名 and 日期).
 */
const autoSpaced = (text: string) =>
  esc(text).replace(/(?<=[\u2e80-\uffff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[\u2e80-\uffff])/g, `<span style="margin-left:${pt(AUTO_SPACE_16PT)}"></span>`);

/**
 * A table as one <table> a page: the rows between the engine's row breaks, the header repeated on each, a
 * merged key cut at a break and repeated on the next page's first row (as the .docx cuts it).
 */
function tablePages(t: TableModel, width: number, rowBreaks: number[]): string[] {
  const widths = fitColumns(t, width);
  const size = tableFontPt(t.fontSize);
  const spanWidth = (col: number, c: Cell) => widths.slice(col, col + (typeof c === 'string' ? 1 : (c.colSpan ?? 1))).reduce((a, b) => a + b, 0);
  // Each cell's width from its grid column, so its lines break where the .docx breaks them.
  const cell = ({ col, cell: c }: { col: number; cell: Cell }, header: boolean) => {
    const o = typeof c === 'string' ? { text: c } : c;
    const tag = header ? 'th' : 'td';
    const font = header || (typeof c !== 'string' && c.bold) ? FONT.heiti : FONT.fangsong;
    return `<${tag}${o.colSpan ? ` colspan="${o.colSpan}"` : ''}${o.rowSpan && o.rowSpan > 1 ? ` rowspan="${o.rowSpan}"` : ''} style="${style(font, size, `text-align:${o.align ?? (header ? 'center' : (t.align ?? 'center'))};font-weight:normal;border:0.5pt solid #000;padding:0 ${pt(cellMargin(size))};vertical-align:middle;line-height:${pt(tableLinePitch(size))};word-break:break-all;`)}">${cellLines(o.text, spanWidth(col, c), size).map(esc).join('<br>')}</${tag}>`;
  };
  // Each row at the height the .docx writes it (a form's rows taller than their lines, the text centred).
  const tr = (height: number, cells: string) => `<tr style="height:${pt(height)}">${cells}</tr>`;
  const headHeights = rowHeights(t, width, t.header);
  const head = placedRows(t.header, widths.length).map((r, i) => tr(headHeights[i], r.map((c) => cell(c, true)).join(''))).join('');
  const cut = splitMerges(t.rows, widths.length, new Set(rowBreaks)).rows;
  const heights = rowHeights(t, width, cut);
  const body = placedRows(cut, widths.length);
  const bounds = [0, ...rowBreaks, body.length];
  return bounds.slice(1).map(
    (end, k) => `<table style="width:${pt(width)};table-layout:fixed;border-collapse:collapse;margin:0">
<colgroup>${widths.map((w) => `<col style="width:${pt(w)}">`).join('')}</colgroup>
<thead>${head}</thead>
<tbody>${body
      .slice(bounds[k], end)
      .map((row, i) => tr(heights[bounds[k] + i], row.map((c) => cell(c, false)).join('')))
      .join('')}</tbody></table>`,
  );
}

/** Contents: the page numbers are only known once Word or LibreOffice lays the pages out, so “…” stands in. */
function contents(b: Extract<Block, { kind: 'contents' }>): string {
  const out: string[] = [];
  if (b.title) out.push(p(b.title, { font: FONT.heiti, align: 'center' }), p(''));
  let grouped = false;
  for (const e of b.entries) {
    if (!e.anchor) {
      grouped = true;
      out.push(p(e.text, { font: FONT.heiti, align: 'left' }));
      continue;
    }
    const leader = `<span style="flex:1;min-width:2em;border-bottom:1.5pt dotted #000;margin:0 4pt 6pt"></span>`;
    out.push(
      p('', { align: 'left', left: grouped ? INDENT_2 : 0, extra: 'display:flex;align-items:flex-end' }).replace('></p>', `><span>${esc(e.text)}</span>${leader}<span title="页码在 Word 中打开时生成">…</span></p>`),
    );
  }
  return out.join('');
}

/**
 * A body paragraph as the engine sets its lines (each justified to the line's end but the last), the lines
 * from `from` to `to`. `lead` (a heading's number and words) is printed in `leadFont`.
 */
function lines(text: string, width: number, o: { indent: number; align?: string; from?: number; to?: number; lead?: number; leadFont?: FontName; keep?: string[] }): string {
  const all = paragraphLines(text, width, o.indent, o.keep);
  let at = all.slice(0, o.from ?? 0).join('').length;
  return all
    .slice(o.from ?? 0, o.to)
    .map((line, k) => {
      const i = (o.from ?? 0) + k;
      const start = at;
      at += line.length;
      const lead = Math.max(0, Math.min(line.length, (o.lead ?? 0) - start));
      const html = lead ? `<span style="font-family:${STACK[o.leadFont!]}">${esc(line.slice(0, lead))}</span>${esc(line.slice(lead))}` : esc(line);
      const last = i === all.length - 1;
      const align = o.align && o.align !== 'justify' ? o.align : 'justify';
      return p('', { align, indent: i === 0 ? o.indent : 0, extra: `white-space:nowrap;${align === 'justify' && !last ? 'text-align-last:justify;' : ''}` }).replace('></p>', `>${html}</p>`);
    })
    .join('');
}

/** A block of the body (`heading`: a heading's number), or (`from`/`to`) the lines of it that fall on one page. */
function block(b: Block, width: number, heading: string, part: { from?: number; to?: number } = {}): string {
  switch (b.kind) {
    case 'paragraph':
      return lines(b.text, width, { indent: b.indent === false ? 0 : INDENT_2, align: b.align, keep: b.keep, ...part });
    case 'heading': {
      const lead = heading + b.text;
      return lines(lead + (b.body ?? ''), width, { indent: INDENT_2, lead: lead.length, leadFont: HEADING_FONT[b.level], ...part });
    }
    case 'blank':
      return p('');
    case 'pageBreak':
      return '';
    case 'partTitle':
      return [title(b.title, width), b.subtitle ? p(b.subtitle, { font: FONT.kaiti, align: 'center' }) : '', p('')].join('');
    case 'contents':
      return contents(b);
    case 'table':
      return '';
  }
}

/** One page of the document: its content in the type area, the page number (if any) in the footer. */
interface Page {
  orientation: Orientation;
  content: string[];
  number: number | null;
  /** The 版记, at the foot of the type area. */
  foot?: string;
}

function sheet(page: Page): string {
  const o = page.orientation;
  const m = o === 'landscape' ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT;
  const [w, h] = o === 'landscape' ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  // Page numbers 宋体 4号: odd pages right, even pages left, 1 字 in (as the .docx footers).
  const n = page.number;
  const footer =
    n === null
      ? ''
      : `<div class="page-number" style="${style(FONT.songti, 14, `position:absolute;bottom:${pt(o === 'landscape' ? FOOTER_DISTANCE_LANDSCAPE : FOOTER_DISTANCE)};left:${pt(m.left)};right:${pt(m.right)};padding:0 ${pt(CHAR_14)};text-align:${n % 2 ? 'right' : 'left'};line-height:1.2`)}">\u2014 ${n} \u2014</div>`;
  const foot = page.foot ? `<div style="position:absolute;left:0;right:0;bottom:0">${page.foot}</div>` : '';
  return `<section class="sheet ${o}" style="width:${pt(w)};height:${pt(h)}"><div class="type-area" style="left:${pt(m.left)};top:${pt(m.top)};width:${pt(w - m.left - m.right)};height:${pt(h - m.top - m.bottom)}">${page.content.join('\n')}${foot}</div>${footer}</section>`;
}

const title = (t: string, width: number) => titleLineTexts(t, width).map((line) => p(line, { font: FONT.xiaobiaosong, size: 22, align: 'center' })).join('');

/** 发文字号 centred, or (上行文) left 1 字 in, on the line of the last 签发人. */
function docNumberLines(m: Masthead, width: number): string[] {
  if (!m.signers?.length) return m.docNumber ? [p(m.docNumber, { align: 'center' })] : [];
  const lines = signerLines(m.signers, width);
  return lines.map((l, i) => {
    const names = i === 0 ? `${esc(SIGNER_LABEL)}<span style="font-family:${STACK[FONT.kaiti]}">${esc(l.text.slice(SIGNER_LABEL.length))}</span>` : `<span style="font-family:${STACK[FONT.kaiti]}">${esc(l.text)}</span>`;
    const number = i === lines.length - 1 && m.docNumber ? `<span style="position:absolute;left:${pt(CHAR)}">${esc(m.docNumber)}</span>` : '';
    return p('', { align: 'left', extra: 'position:relative' }).replace('></p>', `>${number}<span style="position:absolute;left:${pt(l.left)}">${names}</span></p>`);
  });
}

/** The 版头: mark, 发文字号 (or 签发人 lines), red rule, in the height the engine gives it. */
function mastheadHtml(m: Masthead, width: number): string {
  const size = markSize(m.mark);
  const parts = [p(m.mark, { font: FONT.xiaobiaosong, size, align: 'center', extra: `color:#${RED};padding-top:${pt(1984 - Math.round(size * 20 * 0.2))};line-height:${pt(Math.round(size * 20 * 1.2))}` })];
  const number = docNumberLines(m, width);
  if (number.length) parts.push(p(''), p(''), ...number);
  parts.push(`<div style="border-bottom:0.75pt solid #${RED};height:${pt(113)};box-sizing:border-box"></div>`, p(''), p(''));
  return `<div style="height:${pt(mastheadHeight(m, width))}">${parts.join('')}</div>`;
}

/** 署名 and 成文日期 (and the blank lines above them) as the .docx sets them. */
function signatureHtml(doc: GongwenDocument, width: number): string {
  const parts: string[] = [];
  const date = doc.date ? chineseDate(doc.date) : '';
  if (doc.sealed) {
    // As the .docx: 2 blank lines (room for the seal), 署名 and date centred in one box (the date 4 字 from the right).
    const at = sealedIndents(doc.signature ?? '', date, width);
    for (let i = 0; i < SEAL_BLANK_LINES; i++) parts.push(p(''));
    for (const line of [doc.signature, date]) if (line) parts.push(p('', { align: 'center', left: at.left }).replace('></p>', `>${autoSpaced(line)}</p>`));
  } else {
    const at = signatureIndents(doc.signature ?? '', date, width);
    parts.push(p(''));
    if (doc.signature) parts.push(p(doc.signature, { align: 'left', left: at.signature }));
    if (date) parts.push(p(date, { align: 'left', left: at.date }));
  }
  return parts.join('\n');
}

/** The 版记 box (抄送, 印发机关 and 印发日期 between rules). */
function colophonHtml(doc: GongwenDocument): string {
  const c = doc.colophon!;
  const line = (text: string, right = '') =>
    `<div style="${style(FONT.fangsong, 14, `display:flex;justify-content:space-between;padding:0 ${pt(CHAR_14)};line-height:${pt(LINE)}`)}"><span>${esc(text)}</span><span>${esc(right)}</span></div>`;
  return `<div class="colophon" style="border-top:1pt solid #000;border-bottom:1pt solid #000">${c.cc ? `${line(`抄送：${c.cc.replace(/[。.]$/, '')}。`)}<div style="border-top:0.7pt solid #000"></div>` : ''}${line(c.printer, `${chineseDate(c.printDate)}印发`)}</div>`;
}

/** The document as A4 pages in one HTML page (inline styles only, safe for an iframe srcdoc). */
export function renderHtml(doc: GongwenDocument): string {
  const layout = pageLayout(doc);
  const numbered = doc.pageNumbers !== false;
  const pages: Page[] = [];
  const onPage = (n: number, orientation: Orientation): Page => {
    // Pages the flow skipped over (none in practice) are drawn blank rather than lost.
    while (pages.length < n) pages.push({ orientation, content: [], number: numbered ? pages.length + 1 : null });
    return pages[n - 1];
  };
  const names = doc.attachmentNames ?? [];
  for (const section of layout.sections) {
    const o = section.orientation;
    const width = typeWidth(o);
    const number = headingCounter();
    for (const { part, at } of section.pieces) {
      const here = onPage(at.page, o).content;
      for (const [page, html] of pieceHtml(doc, part, at, width, number, names)) (page === 0 ? here : onPage(at.page + page, o).content).push(html);
    }
  }
  const last = pages.at(-1)!;
  if (layout.colophon) {
    const box = colophonHtml(doc);
    if (layout.colophon.place === 'share') last.foot = box;
    else {
      // Alone on the next even page, numbered as any page; after a blank page, neither is (GB/T 9704 7.5).
      const after = layout.colophon.place === 'afterBlank';
      if (after) pages.push({ orientation: last.orientation, content: [], number: null });
      pages.push({ orientation: last.orientation, content: [], number: numbered && !after ? pages.length + 1 : null, foot: box });
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
body{margin:0;background:#e9ebef;display:flex;flex-direction:column;align-items:center;gap:16px;padding:16px 0}
.sheet{position:relative;box-sizing:border-box;flex:none;background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.18);color:#000}
.type-area{position:absolute}
.sheet p{white-space:pre-wrap;word-break:break-all}
@media (max-width:1180px){.sheet.landscape{zoom:.85}}
@media (max-width:860px){.sheet{zoom:.8}.sheet.landscape{zoom:.6}}
</style></head><body>${pages.map(sheet).join('\n')}</body></html>`;
}

/** The HTML of one piece of the flow, as [page offset from the piece's first page, html] pairs. */
function pieceHtml(doc: GongwenDocument, part: Part, at: Placement, width: number, number: (level: 1 | 2 | 3 | 4) => string, names: string[]): [number, string][] {
  switch (part.kind) {
    case 'masthead':
      return [[0, mastheadHtml(doc.masthead!, width)]];
    case 'title':
      return [[0, [title(doc.title, width), ...(doc.subtitle?.split('\n') ?? []).map((line) => p(line, { font: FONT.kaiti, size: 14, align: 'center' })), p('')].join('')]];
    case 'recipient':
      return [[0, p(`${doc.mainRecipient!.replace(/[:：]$/, '')}：`)]];
    case 'attachmentGap':
      return [[0, p('')]];
    case 'attachmentName': {
      const i = part.index;
      return [[0, p(names.length === 1 ? `附件：${names[i]}` : `${i === 0 ? '附件：' : '　　　'}${i + 1}. ${names[i]}`, { left: INDENT_2 })]];
    }
    case 'signature':
      return [[0, signatureHtml(doc, width)]];
    case 'note':
      return [[0, p(`（${doc.note}）`, { indent: INDENT_2 })]];
    case 'attachmentHead': {
      const all = doc.attachments!;
      return [[0, [p(`附件${all.length > 1 ? part.index + 1 : ''}`, { font: FONT.heiti, align: 'left' }), p(''), title(all[part.index].title, width), p('')].join('')]];
    }
    case 'block': {
      const b = part.block;
      if (b.kind === 'table') return tablePages(b.table, width, at.rowBreaks ?? []).map((html, k) => [k, html + TABLE_GAP]);
      // Numbered in order: the heading's number is taken once, whichever page its lines fall on.
      const heading = b.kind === 'heading' ? number(b.level) : '';
      if (at.firstLines) return [[0, block(b, width, heading, { to: at.firstLines })], [1, block(b, width, heading, { from: at.firstLines })]];
      return [[0, block(b, width, heading)]];
    }
  }
}

/** The small paragraph Word needs after a table (12 pt on a 240-twip line). */
const TABLE_GAP = `<div style="height:${pt(240)}"></div>`;
