/**
 * HTML preview of a GongwenDocument: sheets at page size with the same margins, fonts and line pitch as the
 * .docx (units in pt; 1 twip = 1/20 pt). Pages are not broken like Word does: each section or attachment
 * is one sheet that grows with its content, which is enough to check the wording and the layout.
 */
import {
  AUTO_SPACE_16PT,
  CHAR,
  CHAR_14,
  CHAR_SPACING_16PT,
  FONT,
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
import { cellLines, fitColumns, mergeRows, placed, splitMerges } from './columns';
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

function table(t: TableModel, width: number): string {
  const widths = fitColumns(t, width);
  const size = tableFontPt(t.fontSize);
  const rows = splitMerges(t.rows, widths.length, mergeRows(tableLinePitch(size))).rows;
  // Each cell's width from its grid column (cells in order), so its lines break where the .docx breaks them.
  const cols = [...placed(t.header, widths.length), ...placed(rows, widths.length)].map((p) => p.col);
  let k = 0;
  const spanWidth = (c: Cell) => {
    const col = cols[k++] ?? 0;
    return widths.slice(col, col + (typeof c === 'string' ? 1 : (c.colSpan ?? 1))).reduce((a, b) => a + b, 0);
  };
  const cell = (c: Cell, header: boolean) => {
    const o = typeof c === 'string' ? { text: c } : c;
    const tag = header ? 'th' : 'td';
    const font = header || (typeof c !== 'string' && c.bold) ? FONT.heiti : FONT.fangsong;
    return `<${tag}${o.colSpan ? ` colspan="${o.colSpan}"` : ''}${o.rowSpan ? ` rowspan="${o.rowSpan}"` : ''} style="${style(font, size, `text-align:${o.align ?? (header ? 'center' : (t.align ?? 'center'))};font-weight:normal;border:0.5pt solid #000;padding:0 ${pt(cellMargin(size))};line-height:${pt(tableLinePitch(size))};word-break:break-all;`)}">${cellLines(o.text, spanWidth(c), size).map(esc).join('<br>')}</${tag}>`;
  };
  return `<table style="width:${pt(width)};table-layout:fixed;border-collapse:collapse;margin:0 0 6pt 0">
<colgroup>${widths.map((w) => `<col style="width:${pt(w)}">`).join('')}</colgroup>
<thead>${t.header.map((r) => `<tr>${r.map((c) => cell(c, true)).join('')}</tr>`).join('')}</thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => cell(c, false)).join('')}</tr>`).join('')}</tbody></table>`;
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

function blocks(list: Block[], width: number): string {
  const number = headingCounter();
  return list
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
          return p(b.text, { align: b.align, indent: b.indent === false ? 0 : INDENT_2 });
        case 'heading': {
          const head = `<span style="font-family:${STACK[HEADING_FONT[b.level]]}">${esc(number(b.level) + b.text)}</span>`;
          return p('', { indent: INDENT_2 }).replace('></p>', `>${head}${b.body ? esc(b.body) : ''}</p>`);
        }
        case 'table':
          return table(b.table, width);
        case 'blank':
          return p('');
        case 'pageBreak':
          return '<hr class="page-break">';
        case 'partTitle':
          return ['<hr class="page-break">', title(b.title, width), b.subtitle ? p(b.subtitle, { font: FONT.kaiti, align: 'center' }) : '', p('')].join('');
        case 'contents':
          return contents(b);
      }
    })
    .join('\n');
}

function sheet(content: string, o: Orientation): string {
  const m = o === 'landscape' ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT;
  const [w, h] = o === 'landscape' ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  return `<section class="sheet" style="width:${pt(w - m.left - m.right)};min-height:${pt(h - m.top - m.bottom)};padding:${pt(m.top)} ${pt(m.right)} ${pt(m.bottom)} ${pt(m.left)}">${content}</section>`;
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

/** The whole document as one HTML page (inline styles only, safe for an iframe srcdoc). */
export function renderHtml(doc: GongwenDocument): string {
  const o = doc.orientation ?? 'portrait';
  const width = typeWidth(o);
  const parts: string[] = [];
  if (doc.masthead) {
    const size = markSize(doc.masthead.mark);
    parts.push(p(doc.masthead.mark, { font: FONT.xiaobiaosong, size, align: 'center', extra: `color:#${RED};margin-top:${pt(1984)};line-height:${size * 1.2}pt` }));
    const number = docNumberLines(doc.masthead, width);
    if (number.length) parts.push(p(''), p(''), ...number);
    parts.push(`<div style="border-bottom:0.75pt solid #${RED};height:${pt(113)}"></div>`, p(''), p(''));
  }
  parts.push(title(doc.title, width));
  if (doc.subtitle) parts.push(...doc.subtitle.split('\n').map((line) => p(line, { font: FONT.kaiti, size: 14, align: 'center' })));
  parts.push(p(''));
  if (doc.mainRecipient) parts.push(p(`${doc.mainRecipient.replace(/[:：]$/, '')}：`));
  parts.push(blocks(doc.body, width));
  const names = doc.attachmentNames ?? [];
  if (names.length) {
    parts.push(p(''));
    names.forEach((n, i) => parts.push(p(names.length === 1 ? `附件：${n}` : `${i === 0 ? '附件：' : '　　　'}${i + 1}. ${n}`, { left: INDENT_2 })));
  }
  if (doc.signature || doc.date) {
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
  }
  if (doc.note) parts.push(p(`（${doc.note}）`, { indent: INDENT_2 }));
  const sheets = [sheet(parts.join('\n'), o)];
  (doc.attachments ?? []).forEach((a, i, all) => {
    const ao = a.orientation ?? 'portrait';
    sheets.push(sheet([p(`附件${all.length > 1 ? i + 1 : ''}`, { font: FONT.heiti, align: 'left' }), p(''), title(a.title, typeWidth(ao)), p(''), blocks(a.blocks, typeWidth(ao))].join('\n'), ao));
  });
  if (doc.colophon) {
    const c = doc.colophon;
    const line = (text: string, right = '') =>
      `<div style="${style(FONT.fangsong, 14, `display:flex;justify-content:space-between;padding:0 ${pt(CHAR_14)};line-height:${pt(LINE)}`)}"><span>${esc(text)}</span><span>${esc(right)}</span></div>`;
    const last = sheets.length - 1;
    const box = `<div class="colophon" style="margin-top:24pt;border-top:1pt solid #000;border-bottom:1pt solid #000">${c.cc ? `${line(`抄送：${c.cc.replace(/[。.]$/, '')}。`)}<div style="border-top:0.7pt solid #000"></div>` : ''}${line(c.printer, `${chineseDate(c.printDate)}印发`)}</div>`;
    sheets[last] = sheets[last].replace(/<\/section>$/, `${box}</section>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
body{margin:0;background:#e9ebef;display:flex;flex-direction:column;align-items:center;gap:16px;padding:16px 0}
.sheet{box-sizing:content-box;background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.18);color:#000}
.sheet p{white-space:pre-wrap;word-break:break-all}
.page-break{border:0;border-top:1px dashed #bbb;margin:12pt 0}
</style></head><body>${sheets.join('\n')}</body></html>`;
}
