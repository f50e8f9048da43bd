/**
 * A proof-reader's page-by-page reading of a rendered document (pdftotext -bbox-layout boxes): each check
 * returns the problems it finds as “第 N 页：…” so a failing test says where to look.
 */
import type { PdfLine, PdfPage } from './render';

const MM = 72 / 25.4;
/** Body text at 3号 (16 pt): LibreOffice's line boxes are 20.8 pt high. */
const isBody = (l: PdfLine) => l.yMax - l.yMin > 20 && l.yMax - l.yMin < 21.6;
const isPageNumber = (l: PdfLine) => /^—\d+—$/.test(l.text.replace(/\s/g, ''));
/** A stand-alone heading line: 一、… or （一）… with no sentence after it. */
const isHeading = (l: PdfLine) => /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。；，]{1,24}$/.test(l.text);

/** Lines in reading order, without the page number. */
const content = (p: PdfPage) => p.lines.filter((l) => !isPageNumber(l));

export type Check = (pages: PdfPage[]) => string[];

/** No heading is the last body line of a page (its text would start on the next). */
export const headingNotLast: Check = (pages) =>
  pages.flatMap((p, i) => {
    const lines = content(p);
    const last = lines.filter(isBody).at(-1);
    // Nothing under it on the page (a table's smaller text counts as its text).
    const below = last ? lines.filter((l) => l.yMin > last.yMax - 1) : [];
    return last && isHeading(last) && below.length === 0 && i < pages.length - 1 ? [`第 ${i + 1} 页：标题“${last.text}”落在页末，正文在下一页`] : [];
  });

/** No paragraph ends at the top of a page with a line of 1–2 characters. */
export const noShortLineAtTop: Check = (pages) =>
  pages.flatMap((p, i) => {
    if (i === 0) return [];
    const first = content(p).filter(isBody)[0];
    // The 附件 label (黑体, “附件” / “附件2”) opens its page by design.
    if (!first || /^附件\d*$/.test(first.text)) return [];
    return [...first.text].length <= 2 && first.yMin < 2098 / 20 + 40 ? [`第 ${i + 1} 页：页首一行只有“${first.text}”`] : [];
  });

/**
 * No paragraph ends on a line of 1–2 characters, anywhere on a page. A line starting at the text's left
 * edge (not indented as a paragraph's first line is) and followed by no line of the same paragraph is its
 * last: one that short is what the check reads. The 附件 label (黑体, on its own line) is not a paragraph.
 */
export const noShortLastLine: Check = (pages) =>
  pages.flatMap((p, i) => {
    const body = content(p).filter(isBody);
    const left = Math.min(...body.map((l) => l.xMin));
    return body
      .filter((l) => [...l.text.replace(/\s/g, '')].length <= 2 && l.xMin < left + 2 && !/^附件\d*$/.test(l.text))
      .map((l) => `第 ${i + 1} 页：段末一行只有“${l.text}”`);
  });

/**
 * What must never be cut across a line break, listed by the test from the document's own data (never by the
 * engine's segmenter, so the check can fail where the engine's word logic is wrong). `always`: people's names,
 * codes, ID and phone numbers, dates, numbers with their unit: whole wherever they stand, body text included.
 * `words`: the office's terms and the words of organisations' names: whole wherever the engine breaks the
 * line itself (titles, table cells, contents entries); a full line of body text is the word processor's own
 * wrap, free to fall between two characters as Chinese text does.
 */
export interface Atoms {
  always: string[];
  words: string[];
}

/** Dates, ID numbers, credit codes, phone numbers and numbers with their unit, as they stand in `text` (the test's own patterns). */
export function atomsIn(text: string): string[] {
  const found = text.match(/\d{4}年\d{1,2}月\d{1,2}日|\d{17}[\dX]|\d{1,6}\*{4,14}\d{0,4}[\dX]|(?=[0-9A-Z]*[A-Z])[0-9A-Z]{18}|1[3-9]\d{9}|\d+(?:\.\d+)?(?:%|个|人|名|分|天|次|项|家|户|岁|元|票|页)/g);
  return [...new Set(found ?? [])];
}

/** The atoms standing in a document's text (atomsIn over each paragraph, and over each run of lines the engine broke, joined). */
export function documentAtoms(documentXml: string): string[] {
  const paragraphs = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => xmlText(m[0]));
  return [...new Set([...atomsIn(paragraphs.join('\n')), ...engineLines(documentXml).flatMap((g) => atomsIn(g.join('')))])];
}

/**
 * The atoms of `list` cut by the join of line `a` and line `b`: an occurrence in `a + b` across the join
 * that overlaps no whole atom in `a` or `b` (one that does is only a neighbour's character).
 */
function cutAtJoin(a: string, b: string, list: string[]): string[] {
  const whole: [number, number][] = [];
  for (const t of list) {
    for (let k = a.indexOf(t); k >= 0; k = a.indexOf(t, k + 1)) whole.push([k, k + t.length]);
    for (let k = b.indexOf(t); k >= 0; k = b.indexOf(t, k + 1)) whole.push([a.length + k, a.length + k + t.length]);
  }
  const joined = a + b;
  const out: string[] = [];
  for (const t of list) {
    for (let k = Math.max(0, a.length - t.length + 1); k < a.length && k + t.length <= joined.length; k++) {
      if (!joined.startsWith(t, k)) continue;
      if (!whole.some(([x0, x1]) => x0 < k + t.length && k < x1)) out.push(t);
    }
  }
  return out;
}

/**
 * No atom split across lines on the rendered pages: each line is paired with the next in reading order and
 * with the line under it in the same cell or column; an atom across the join is cut. A body line that runs to
 * the right edge was wrapped by the word processor: only `always` atoms are read there.
 */
export function atomsWhole(atoms: Atoms, documentXml = ''): Check {
  const always = [...new Set(atoms.always)].filter((t) => t.length >= 2);
  // A header's own “\n” breaks (从业/人员) are the author's: the words they cut are not read.
  const authors = tableCells(documentXml)
    .filter((c) => c.header)
    .flatMap((c) => c.lines.slice(1).flatMap((l, k) => cutAtJoin(squeeze(c.lines[k]), squeeze(l), atoms.words)));
  const all = [...new Set([...always, ...atoms.words])].filter((t) => t.length >= 2 && !authors.includes(t));
  return (pages) =>
    pages.flatMap((p, i) => {
      const lines = content(p);
      // The type area's right edge: where full lines end (a closing mark hangs past it).
      const right = Math.max(0, ...lines.filter((l) => isBody(l) && !/[，。、；：？！）》」』】〕”’]$/.test(l.text)).map((l) => l.xMax));
      const wrapped = (l: PdfLine) => isBody(l) && l.xMax > right - 8;
      const pairs: [PdfLine, PdfLine][] = [];
      lines.forEach((a, k) => {
        if (lines[k + 1]) pairs.push([a, lines[k + 1]]);
        const under = lines.find((b) => b !== a && Math.abs(b.xMin - a.xMin) < 30 && b.yMin - a.yMax > -1 && b.yMin - a.yMax < 8);
        if (under) pairs.push([a, under]);
      });
      const out = new Set<string>();
      for (const [a, b] of pairs) for (const t of cutAtJoin(squeeze(a.text), squeeze(b.text), wrapped(a) ? always : all)) out.add(`第 ${i + 1} 页：“${t}”被拆在两行（${a.text}/${b.text}）`);
      return [...out];
    });
}

/**
 * No line of body text spaced out (字距拉开): a full line holding text for less than 70% of its width (a line the engine spaces out to send a date down whole takes up to ¼ em a character)
 * (汉字 and full-width marks one em, digits and Latin letters half).
 */
export const noSpacedOutLine: Check = (pages) =>
  pages.flatMap((p, i) => {
    const body = content(p).filter(isBody);
    const right = Math.max(0, ...body.filter((l) => !/[，。、；：？！）》」』】〕”’]$/.test(l.text)).map((l) => l.xMax));
    return body
      .filter((l) => l.xMax > right - 8)
      .filter((l) => {
        const ems = [...squeeze(l.text)].reduce((a, ch) => a + (/[\x00-\x7f]/.test(ch) ? 0.5 : 1), 0);
        return (ems * 16) / (l.xMax - l.xMin) < 0.7;
      })
      .map((l) => `第 ${i + 1} 页：一行字距拉开（${l.text}）`);
  });

/** One date style (2026年1月5日): no 2026-01-05 or 2026.1.5; no ASCII ≥ = × : in the text; no “系统提示”. */
export const officialWriting: Check = (pages) =>
  pages.flatMap((p, i) => {
    const out: string[] = [];
    for (const l of content(p)) {
      const t = l.text;
      const bad = /\d{4}-\d{1,2}-\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}/.exec(t);
      if (bad) out.push(`第 ${i + 1} 页：日期写成“${bad[0]}”`);
      const ascii = /[≥≤=×:<>]/.exec(t);
      if (ascii) out.push(`第 ${i + 1} 页：正文里有“${ascii[0]}”（${t}）`);
      if (/系统提示/.test(t)) out.push(`第 ${i + 1} 页：“系统提示”`);
    }
    return out;
  });

/** The last page does not hold a single stray line (a table's one-line 注); a 版记 page alone is by design. */
export const noLoneLastLine: Check = (pages) => {
  if (pages.length < 2) return [];
  const lines = content(pages[pages.length - 1]);
  if (lines.some((l) => /印发$/.test(l.text))) return [];
  return lines.length === 1 ? [`第 ${pages.length} 页：最后一页只有一行“${lines[0].text}”`] : [];
};

/** A page holding nothing but its page number. */
export const noNumberedBlankPage: Check = (pages) =>
  pages.flatMap((p, i) => (p.lines.length > 0 && content(p).length === 0 ? [`第 ${i + 1} 页：空白页印了页码`] : []));

/** The 版记 (…印发) on the last line of the last page, an even one, numbered unless a blank page stands before it. */
export const colophonAtEnd: Check = (pages) => {
  const at = pages.findIndex((p) => p.lines.some((l) => /\d+年\d+月\d+日印发$/.test(l.text)));
  if (at < 0) return ['找不到版记（……印发）'];
  const out: string[] = [];
  if (at !== pages.length - 1) out.push(`版记在第 ${at + 1} 页，不是最后一页（共 ${pages.length} 页）`);
  if ((at + 1) % 2 !== 0) out.push(`版记在第 ${at + 1} 页（单页），应在双页`);
  const p = pages[at];
  const line = p.lines.find((l) => /印发$/.test(l.text))!;
  // The type area's bottom edge: portrait 35 mm, landscape 26 mm above the paper's.
  const bottom = p.height - (p.width < p.height ? 1984 : 1474) / 20;
  if (bottom - line.yMax > 3 * MM) out.push(`第 ${at + 1} 页：版记最后一行离版心下边 ${((bottom - line.yMax) / MM).toFixed(1)} mm，应在最后一行`);
  // GB/T 9704 7.5: the 版记 page is numbered as any page, unless a blank page stands before it (then neither is).
  const afterBlank = at > 0 && content(pages[at - 1]).length === 0;
  const number = p.lines.find(isPageNumber)?.text.replace(/\s/g, '');
  if (afterBlank && number) out.push(`第 ${at + 1} 页：空白页后的版记页印了页码`);
  if (!afterBlank && number !== `—${at + 1}—`) out.push(`第 ${at + 1} 页：版记页的页码应为“—${at + 1}—”，印的是“${number ?? '（无）'}”`);
  return out;
};

/** Every ballot page carries its title, the unit and the person, and no page number. */
export const ballotsComplete: Check = (pages) =>
  pages.flatMap((p, i) => {
    const text = p.lines.map((l) => l.text);
    const out: string[] = [];
    if (!text.includes('民主测评表')) out.push(`第 ${i + 1} 页：测评表没有标题“民主测评表”`);
    if (!text.some((t) => t.startsWith('述职单位：'))) out.push(`第 ${i + 1} 页：测评表没有述职单位`);
    if (!text.some((t) => t.startsWith('述职人：'))) out.push(`第 ${i + 1} 页：测评表没有述职人`);
    if (p.lines.some(isPageNumber)) out.push(`第 ${i + 1} 页：测评表印了页码`);
    return out;
  });

/**
 * No table cell leaves one character alone on a line (计划性不/强): read from the lines the engine broke each
 * cell into (its paragraphs; cellWordsWhole checks they are printed as written), the author's own “\n” lines
 * (a cell written as one character) apart; the page is where the line above it is printed.
 */
export function noLoneCellCharacter(documentXml: string): Check {
  const lone = (l: string) => [...l.replace(/[\s，。、；：？！）》」』】〕”’…（《「『【〔“‘]/g, '')].length === 1;
  const cut = tableCells(documentXml).flatMap((c) => c.lines.flatMap((l, k) => (k > 0 && lone(l) && c.lines[k - 1] ? [[c.lines[k - 1], l] as const] : [])));
  return (pages) =>
    cut.map(([above, l]) => {
      const at = pages.findIndex((p) => content(p).some((x) => squeeze(x.text).includes(squeeze(above))));
      return `${at >= 0 ? `第 ${at + 1} 页：` : ''}表格单元格一行只有“${l}”（${above}/${l}）`;
    });
}

/** The checks every document passes. */
export const everyDocument = (atoms: Atoms, documentXml = ''): Check[] => [
  headingNotLast,
  noShortLineAtTop,
  noShortLastLine,
  atomsWhole(atoms, documentXml),
  noSpacedOutLine,
  officialWriting,
  noNumberedBlankPage,
  noLoneLastLine,
  noLoneCellCharacter(documentXml),
];

export function proofread(pages: PdfPage[], checks: Check[]): string[] {
  return checks.flatMap((c) => c(pages));
}

/** A paragraph's text; a tab stands as a space (what stands either side of it is printed apart). */
const xmlText = (xml: string) =>
  [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[1] ?? ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')).join('');
const squeeze = (s: string) => s.replace(/\s/g, '');

/** Each table cell of the .docx: whether it is in a header row, and its paragraphs' texts (the lines the engine broke it into). */
export function tableCells(documentXml: string): { header: boolean; group: boolean; lines: string[] }[] {
  return [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].flatMap((t) => {
    const columns = (t[0].match(/<w:gridCol /g) ?? []).length;
    return [...t[0].matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].flatMap((r) => {
      const cells = [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)];
      return cells.map((c) => ({
        header: r[0].includes('<w:tblHeader/>'),
        // A group row (“中华街道（7个）”): one cell across a table of several columns.
        group: cells.length === 1 && columns > 1,
        lines: [...c[1].matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => xmlText(p[0]).trim()),
      }));
    });
  });
}

/**
 * The lines the engine breaks itself, each group a run of text it cut into lines: a table cell's paragraphs
 * (a header's own “\n” breaks, 从业/人员, are the author's and not read), a title's lines (2号, one
 * paragraph a line), a contents entry's lines (line breaks inside one paragraph).
 */
export function engineLines(documentXml: string): string[][] {
  const cells = tableCells(documentXml)
    .filter((c) => !c.header)
    .map((c) => c.lines);
  const outside = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...outside.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
  const titles: string[][] = [];
  let previousTitle = false;
  for (const p of paragraphs) {
    const title = p.includes('<w:sz w:val="44"/>');
    if (title && previousTitle) titles[titles.length - 1].push(xmlText(p).trim());
    else if (title) titles.push([xmlText(p).trim()]);
    previousTitle = title;
  }
  const entries = paragraphs.filter((p) => p.includes('<w:br/>')).map((p) => p.split('<w:br/>').map((part) => xmlText(part).trim()));
  return [...cells, ...titles, ...entries].filter((g) => g.length > 1);
}

/**
 * No word cut where the engine breaks a line, and no line of a cell broken again by the word processor.
 * The engine's breaks (engineLines) are judged against the test's own atoms, not the engine's segmenter;
 * every line of every cell is looked for on the rendered pages, where each of its pieces (what stands
 * between tabs or typed spaces) must be printed whole on one line.
 */
export function cellWordsWhole(documentXml: string, atoms: Atoms): Check {
  const all = [...new Set([...atoms.always, ...atoms.words])].filter((t) => t.length >= 2);
  const groups = engineLines(documentXml);
  const cells = tableCells(documentXml);
  return (pages) => {
    const printed = pages.flatMap((p) => content(p).map((l) => squeeze(l.text)));
    const out = new Set<string>();
    for (const lines of groups)
      lines.forEach((line, i) => {
        const next = lines[i + 1];
        if (next) for (const t of cutAtJoin(squeeze(line), squeeze(next), all)) out.add(`“${t}”被引擎断在两行（${line}/${next}）`);
      });
    for (const { lines } of cells)
      for (const line of lines)
        for (const piece of line.split(/\s+/).filter(Boolean))
          if (!printed.some((t) => t.includes(piece))) out.add(`表格单元格里的“${piece}”被排版软件再次折行`);
    return [...out];
  };
}

/** Whether `text` is made of `pieces` end to end (pdftotext joins the cells of a row standing side by side). */
function madeOf(text: string, pieces: Set<string>): boolean {
  const ok = [true];
  for (let j = 1; j <= text.length; j++) ok[j] = [...pieces].some((p) => p.length <= j && ok[j - p.length] && text.endsWith(p, j));
  return text.length > 0 && ok[text.length];
}

/**
 * No table header left at the foot of a page without a row of the table under it (the header repeats on
 * the next page, so the foot of this one would show a header over nothing), nor with only a group row
 * (“中华街道（7个）”) under it. Read from the bottom of each page up: the last line printed there is a
 * piece of a header row (the .docx's tblHeader rows) or of a group row.
 */
export function headerNotAlone(documentXml: string): Check {
  const pieces = new Set(tableCells(documentXml).filter((c) => c.header || c.group).flatMap((c) => c.lines.flatMap((l) => l.split(/\s+/))).filter(Boolean).map(squeeze));
  return (pages) =>
    pages.flatMap((p, i) => {
      if (i === pages.length - 1 || pieces.size === 0) return [];
      const lines = [...content(p)].sort((a, b) => a.yMax - b.yMax);
      const last = lines.at(-1);
      if (!last || !madeOf(squeeze(last.text), pieces)) return [];
      // The header's lines at the foot: those from the last line up while they are header pieces.
      const foot: PdfLine[] = [];
      for (const l of [...lines].reverse()) {
        if (!madeOf(squeeze(l.text), pieces)) break;
        foot.push(l);
      }
      return [`第 ${i + 1} 页：表头“${foot.reverse().map((l) => l.text).join(' ')}”留在页末，下面没有表格行`];
    });
}

/**
 * A merged key (序号, 姓名 of rows merged under one person) is printed again only where its rows go on to a
 * new page, as that page's first key: never a second time on the same page, never below another key.
 * `keys`: the texts of the merged cells (e.g. the people's names), each printed as a word of its own.
 */
export function mergedKeysAtPageTop(keys: string[]): Check {
  const wanted = new Set(keys);
  return (pages) => {
    const seen = new Set<string>();
    return pages.flatMap((p, i) => {
      const found = content(p)
        .flatMap((l) => l.words)
        .filter((w) => wanted.has(w.text))
        .sort((a, b) => a.yMin - b.yMin);
      const out: string[] = [];
      found.forEach((w, k) => {
        if (seen.has(w.text) && k > 0) out.push(`第 ${i + 1} 页：“${w.text}”在页中重复出现（只应在续页的第一行重复）`);
        seen.add(w.text);
      });
      return out;
    });
  };
}

/** Typed spaces between 汉字 and digits or Latin letters, in the document's own text (w:t runs). */
export function typedSpaces(documentXml: string): string[] {
  const text = [...documentXml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
  return [...text.matchAll(/[\u4e00-\u9fa5][ \u00a0]+[0-9A-Za-z]|[0-9A-Za-z][ \u00a0]+[\u4e00-\u9fa5]/g)].map((m) => `“${m[0]}”中间有空格`);
}
