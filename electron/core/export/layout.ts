/**
 * The engine's own line and page layout of body text: 579-twip lines, 28 characters of 16 pt at −0.25 pt
 * spacing on the 156 mm line, and the breaking rules LibreOffice applies (measured: a closing mark hangs
 * past the line end, an opening mark never ends a line, a run of digits or Latin letters moves whole).
 * Used to know where a document's text ends (which page, how far down) before Word or WPS lays it out.
 */
import { AUTO_SPACE_16PT, CHAR, CHAR_SPACING_16PT, INDENT_2, LINE, cellText, headingCounter, markSize, signerLines, tableFontPt, tableLinePitch, textWidth, titleLineTexts, typeHeight, typeWidth } from './gongwen';
import { cellLines, fitColumns, placedRows } from './columns';
import { breakUnits, fitWidth } from './words';
import type { Block, Cell, Colophon, GongwenDocument, Masthead, Orientation, TableModel } from './model';

const CLOSING = /[，。、；：？！）》」』】〕”’…]/;
const OPENING = /[（《「『【〔“‘]/;
const LATIN = /[0-9A-Za-z.%\-+*/]/;

/** A line the engine ends itself at `to`, its characters from `from` spaced by `extra` twips more (or less). */
export interface LineMove {
  from: number;
  to: number;
  extra: number;
}

/**
 * Where the lines of a 16 pt paragraph start (character offsets; the first is 0), on a line `width` twips
 * wide with the first line indented `indent`. `moves`: lines the engine ends itself (see linesToSpaceOut).
 */
export function lineStarts(text: string, width: number = typeWidth('portrait'), indent = INDENT_2, moves: readonly LineMove[] = []): number[] {
  const starts = [0];
  if (!text) return starts;
  const forced = new Set(moves.map((m) => m.to));
  const extra = (at: number, length: number) => (moves.find((m) => m.from <= at && at < m.to)?.extra ?? 0) * length;
  // Tokens: a Latin/digit run is one (it never breaks), every other character is one.
  const tokens = [...text.matchAll(/[0-9A-Za-z.%\-+*/]+|./gsu)];
  let x = indent;
  let prevLatin: boolean | null = null;
  let hung = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i][0];
    const at = tokens[i].index!;
    const latin = LATIN.test(t[0]);
    const w = (latin ? textWidth(t, 16, CHAR_SPACING_16PT) : CHAR + CHAR_SPACING_16PT) + extra(at, t.length);
    const space = prevLatin !== null && prevLatin !== latin && !/\s/.test(t) ? AUTO_SPACE_16PT : 0;
    if (forced.has(at) && at > 0) {
      starts.push(at);
      x = w;
    } else if (!hung && x + space + w <= width) {
      x += space + w;
    } else if (!hung && CLOSING.test(t)) {
      // A closing mark hangs past the end of a full line.
      x += w;
      hung = true;
      prevLatin = latin;
      continue;
    } else if (hung && CLOSING.test(t)) {
      // A second closing mark (“（7个）、”) may neither hang nor start a line: what it closes goes down with
      // it, back to the last character a line may start with (measured: 中华街道（7/个）、).
      let k = i - 1;
      while (k > 0 && tokens[k].index! > starts.at(-1)! && (CLOSING.test(tokens[k][0]) || OPENING.test(tokens[k - 1][0]))) k--;
      starts.push(tokens[k].index!);
      x = tokens.slice(k, i + 1).reduce((a, m) => a + (LATIN.test(m[0][0]) ? textWidth(m[0], 16, CHAR_SPACING_16PT) : CHAR + CHAR_SPACING_16PT), 0);
    } else {
      // An opening mark at the end of the line goes down with what follows it.
      const carried = OPENING.test(tokens[i - 1]?.[0] ?? '') && !hung;
      starts.push(carried ? tokens[i - 1].index! : at);
      x = (carried ? CHAR + CHAR_SPACING_16PT : 0) + w;
    }
    hung = false;
    prevLatin = latin;
  }
  return starts;
}

/** Width of a piece of a 16 pt line as lineStarts measures it (every mark one em, as “ ” — … are in LibreOffice). */
function lineWidth(text: string): number {
  let w = 0;
  let prev: boolean | null = null;
  for (const [t] of text.matchAll(/[0-9A-Za-z.%\-+*/]+|./gsu)) {
    const latin = LATIN.test(t[0]);
    w += (latin ? textWidth(t, 16, CHAR_SPACING_16PT) : CHAR + CHAR_SPACING_16PT) + (prev !== null && prev !== latin && !/\s/.test(t) ? AUTO_SPACE_16PT : 0);
    prev = latin;
  }
  return w;
}

/** Lines a 16 pt paragraph takes as the .docx prints it (lines the engine ends itself included, see linesToSpaceOut). */
export function lineCount(text: string, width: number = typeWidth('portrait'), indent = INDENT_2, keep: readonly string[] = []): number {
  return lineStarts(text, width, indent, linesToSpaceOut(text, width, indent, keep)).length;
}

/**
 * Lines the engine ends early, by spacing their characters out to fill them (justified as ever), so that
 * what follows goes down whole: a date or a number with its unit a line would cut (2026年11月|13日, 3|分:
 * LibreOffice breaks between digits and 汉字 whatever joiner stands there), and the last characters of a paragraph whose last line would hold
 * only one or two (a proof-reader sends back “数。” alone on a line). Returns, for each such line, its start,
 * where the moved text starts, and the twips added to each character's spacing.
 */
export function linesToSpaceOut(text: string, width: number = typeWidth('portrait'), indent = INDENT_2, keep: readonly string[] = []): LineMove[] {
  const out: LineMove[] = [];
  const whole = atoms(text, keep);
  const used = (line: number, to: number) => (line === 0 ? indent : 0) + lineWidth(text.slice(line, to));
  /** Moves the text from `to` down (the line spaced out), or, when `end` is given and the line can take the text up to it by closing up at most 1 pt a character, pulls it up. */
  const move = (starts: number[], to: number, end?: number): boolean => {
    // An opening mark before the moved text goes down with it (（7个）, not （/7个）).
    while (to > 0 && OPENING.test(text[to - 1])) to--;
    const line = starts.filter((s) => s <= to).at(-1)!;
    if (line === to || out.some((m) => m.from === line)) return false;
    if (end !== undefined) {
      // Closing marks after it stay on the line (one hangs past its end).
      while (end < text.length && CLOSING.test(text[end])) end++;
      const over = used(line, end) - (CLOSING.test(text[end - 1]) && end < text.length ? CHAR : 0) - width;
      if ((over + 60) / (end - line) <= 20) {
        out.push({ from: line, to: end, extra: Math.min(0, -Math.ceil((over + 60) / (end - line))) });
        return true;
      }
    }
    // Spaced to leave less than the first moved character at the line end (10 twips): it goes down.
    out.push({ from: line, to, extra: Math.floor((width - used(line, to) - 10) / (to - line)) });
    return true;
  };
  for (let round = 0; round < 8; round++) {
    const starts = lineStarts(text, width, indent, out);
    const cut = whole.find((m) => starts.some((s) => s > m.index && s < m.index + m.length));
    if (!cut || !move(starts, cut.index, cut.index + cut.length)) break;
  }
  const starts = lineStarts(text, width, indent, out);
  const last = starts.at(-1)!;
  if (starts.length > 1 && text.length - last <= 2) {
    // Three characters go down; not a closing mark first, not half a run of digits, a date whole.
    let to = text.length - 3;
    while (to > last - 3 && to > 0 && (CLOSING.test(text[to]) || (LATIN.test(text[to]) && LATIN.test(text[to - 1])))) to--;
    to = whole.find((m) => m.index < to && to < m.index + m.length)?.index ?? to;
    if (to > starts.at(-2)!) move(starts, to);
  }
  return out;
}

/** Runs a body line never cuts: dates, and a number with its unit (“计3分”, not “计3/分”). */
const DATE = /\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}年度?|\d+(?:\.\d+)?(?:%|个|人|名|分|天|次|项|家|户|岁|元|票|页)/g;

/** Where the runs a line never cuts stand in `text`: dates and numbers with their unit, and the words of `keep` (people's names). */
function atoms(text: string, keep: readonly string[]): { index: number; length: number }[] {
  const out = [...text.matchAll(DATE)].map((m) => ({ index: m.index!, length: m[0].length }));
  for (const k of keep) for (let at = k ? text.indexOf(k) : -1; at >= 0; at = text.indexOf(k, at + k.length)) out.push({ index: at, length: k.length });
  return out.sort((a, b) => a.index - b.index);
}

/** A body paragraph as the lines the .docx prints (lines ended early, see linesToSpaceOut). */
export function paragraphLines(text: string, width: number = typeWidth('portrait'), indent = INDENT_2, keep: readonly string[] = []): string[] {
  const starts = lineStarts(text, width, indent, linesToSpaceOut(text, width, indent, keep));
  return starts.map((at, i) => text.slice(at, starts[i + 1]));
}

/** A piece of the flow: `lines` body lines (or `height` twips), kept with the next piece, splittable or not. */
interface Piece {
  lines: number;
  height?: number;
  /**
   * A table: its header's height (repeated on each page) and each row's height, rows never split; `keep[r]`:
   * row r stays with row r + 1; `merges`: the body's merged cells, each with the height its text needs;
   * `gap`: the paragraph after it (docx.ts: 240, or 20 after the last block).
   */
  table?: { header: number; rows: number[]; keep: boolean[]; merges: Merge[]; gap: number };
  /** The model block it lays out (a heading the engine moves to the next page is marked on it). */
  block?: Block;
  keepNext?: boolean;
  /** May break across pages, at least two lines on each side (widow control). */
  split?: boolean;
  pageBreakBefore?: boolean;
  /** What the piece shows (the preview renders it where the flow put it). */
  part?: Part;
}

/** What a piece of the flow shows: a part of the document the preview renders. */
export type Part =
  | { kind: 'masthead' }
  | { kind: 'title' }
  | { kind: 'recipient' }
  | { kind: 'block'; block: Block }
  | { kind: 'attachmentGap' }
  | { kind: 'attachmentName'; index: number }
  | { kind: 'signature' }
  | { kind: 'note' }
  | { kind: 'attachmentHead'; index: number };

/** Where the flow put a piece: the page (1-based, over the whole document) it starts on, and where it continues. */
export interface Placement {
  page: number;
  /** A paragraph broken over two pages: its lines on the first. */
  firstLines?: number;
  /** A table: the rows (merges cut as splitMerges cuts them) that start each following page. */
  rowBreaks?: number[];
}

/**
 * Where the text ends: the page (1-based) and the twips used on it. `exact` is false where a contents
 * list's page numbers are Word's.
 */
export interface TextEnd {
  page: number;
  used: number;
  exact: boolean;
}

/**
 * What a row's rule adds to its lines (twips): half a point. LibreOffice makes a row of n lines n × pitch + 10
 * on its own (measured at 小四: 14.3 pt for one line, 28.1 pt for two); the .docx now fixes it at that.
 */
export const RULE = 10;

/** A merged cell over rows [start, end) and the height its text needs. */
interface Merge {
  start: number;
  end: number;
  need: number;
}

/**
 * The height of each of `rows` (a table's header, its body, or its body with merged keys cut at page starts)
 * as the .docx writes it and the preview draws it (an exact height a row, tableXml.ts): its most lines at the
 * exact pitch plus the rule, or, in a form, the table's minimum and a pitch for each further line when that
 * is more (its text centred), and a merged cell taller than its rows spreads what they lack evenly over them (LibreOffice's way, measured: a
 * 4-line cell over two 1-line rows makes each 27.9 pt), in whole twips, the first rows taking the odd ones.
 */
export function rowHeights(t: TableModel, width: number, rows: Cell[][], merges: Merge[] = []): number[] {
  const widths = fitColumns(t, width);
  const pt = tableFontPt(t.fontSize);
  const pitch = tableLinePitch(pt);
  const at = placedRows(rows, widths.length);
  const lines = (col: number, c: Cell) => cellLines(cellText(c), widths.slice(col, col + (typeof c === 'string' ? 1 : (c.colSpan ?? 1))).reduce((a, b) => a + b, 0), pt).length;
  // A form's row of more lines keeps the room a one-line row has around its text: a pitch more a line.
  const height = (n: number) => Math.max(n * pitch + RULE, (t.minRowHeight ?? 0) + (n - 1) * pitch);
  const out = at.map((row) => height(Math.max(1, ...row.filter(({ cell }) => typeof cell === 'string' || (cell.rowSpan ?? 1) === 1).map(({ col, cell }) => lines(col, cell)))));
  at.forEach((row, r) => {
    for (const { col, cell } of row) {
      const span = Math.min(typeof cell === 'string' ? 1 : (cell.rowSpan ?? 1), out.length - r);
      if (span <= 1) continue;
      const need = height(lines(col, cell));
      merges.push({ start: r, end: r + span, need });
      const lack = need - out.slice(r, r + span).reduce((a, b) => a + b, 0);
      for (let k = 0; k < span && lack > 0; k++) out[r + k] += Math.floor(lack / span) + (k < lack % span ? 1 : 0);
    }
  });
  return out;
}

/**
 * Header and row heights of a table as laid out by the engine (columns from content, cells broken at words),
 * and which rows stay with the next one (`keep`): a group row (“中华街道（7个）”) with its first row.
 */
export function tableHeights(t: TableModel, width: number): { header: number; rows: number[]; keep: boolean[]; merges: Merge[] } {
  const keep = t.rows.map((row) => row.some((c) => typeof c !== 'string' && !!c.keepWithNext));
  const merges: Merge[] = [];
  return { header: rowHeights(t, width, t.header).reduce((a, b) => a + b, 0), rows: rowHeights(t, width, t.rows, merges), keep, merges };
}

/** What a table page's rows leave free at its foot (twips): LibreOffice's rows may be a hair taller. */
const TABLE_SLACK = 10;
const TABLE_TOP = 20;
/** The paragraph that starts each following page of a table (tableXml.ts), 1 pt high. */
export const PAGE_BREAK = 20;

/** Rows at which the engine's layout starts a new page, per table (a merged key repeats there and only there). */
const pageStarts = new WeakMap<TableModel, Set<number>>();

/** The rows of `t` that start a page in the engine's layout (empty if it has not been laid out). */
export const tablePageStarts = (t: TableModel): ReadonlySet<number> => pageStarts.get(t) ?? new Set();

/**
 * Headings the engine moves to the next page because the table after them would start there: LibreOffice
 * does not keep a paragraph with a following table, so the .docx gets an explicit page break before them.
 */
const movedBeforeTables = new WeakSet<Block>();

/**
 * What a piece kept with `q` needs of it on the same page: its first two lines (all of it if it does not
 * break); of a table, its header and three rows (a group row keeps with the row under it) and a line to
 * spare, since LibreOffice moves a table whose first rows keep together as a whole.
 */
const firstLines = (q: Piece) => {
  if (q.table) return q.table.header + q.table.rows.slice(0, 3).reduce((a, b) => a + b, 0) + LINE;
  const h = q.height ?? q.lines * LINE;
  // A piece that does not break (the 落款, a title) goes whole.
  return q.split ? Math.min(h, 2 * LINE) : h;
};

function flow(pieces: Piece[], height: number, start: TextEnd, placements?: Placement[]): TextEnd {
  let { page, used } = start;
  const place = (at: Placement) => placements?.push(at);
  const fits = (h: number) => used + h <= height;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.pageBreakBefore && used > 0) {
      page++;
      used = 0;
    }
    if (p.table) {
      const { header, rows, keep, merges, gap } = p.table;
      // Rows fill a page up to a little short of its foot (the row heights are LibreOffice's to a fraction of
      // a twip); a new page starts with the break paragraph and the repeated header (tableXml.ts).
      const fitsRow = (h: number) => used + h <= height - TABLE_SLACK;
      const next = pieces[i + 1];
      if (!fits(header + (rows[0] ?? 0))) {
        // LibreOffice would leave the header alone at the foot of the page: the table starts the next one.
        if (p.block && used > 0) movedBeforeTables.add(p.block);
        page++;
        used = 0;
      }
      const at: Placement = { page, rowBreaks: [] };
      place(at);
      // A table starts a hair under the paragraph above it (measured: 16 twips under a 3-line title).
      used += TABLE_TOP + header;
      const starts = new Set<number>();
      const top = PAGE_BREAK + header;
      const sum = (a: number, b: number) => rows.slice(a, b).reduce((x, y) => x + y, 0);
      /**
       * What the rows [a, b) of one page need over their own heights: a merged key cut at the page's edge
       * stands whole in each piece (splitMerges), and LibreOffice spreads what a short piece lacks over its rows.
       */
      const lack = (a: number, b: number) =>
        Math.max(0, ...merges.filter((m) => m.start < b && m.end > a && (m.start < a || m.end > b)).map((m) => m.need - sum(Math.max(a, m.start), Math.min(b, m.end))));
      // The last row goes with what is kept with the table (its 注 never stands alone on the last page).
      const kept = (k: number) => (k === rows.length - 1 && p.keepNext && next ? gap + firstLines(next) : 0);
      let from = 0;
      const breakAt = (k: number) => {
        page++;
        used = top;
        from = k;
        starts.add(k);
        at.rowBreaks!.push(k);
      };
      for (let r = 0; r < rows.length; ) {
        // A group row goes to the next page with the row under it. A merged key's rows fill the page and go on
        // under the repeated header: the key is cut there and repeated (splitMerges). Each row is placed only
        // where the page could end after it.
        let end = r;
        let group = rows[r];
        while (keep[end] && end + 1 < rows.length) group += rows[++end];
        const whole = group + lack(from, end + 1);
        if ((!fitsRow(whole) || !fits(whole + kept(end))) && used > top && top + group <= height) breakAt(r);
        for (let k = r; k <= end; k++) {
          const need = rows[k] + lack(from, k + 1);
          if ((!fitsRow(need) || !fits(need + kept(k))) && used > top) breakAt(k);
          used += rows[k];
        }
        r = end + 1;
      }
      used += lack(from, rows.length);
      if (p.block?.kind === 'table') pageStarts.set(p.block.table, starts);
      // The small paragraph Word needs after a table.
      used += gap;
      continue;
    }
    const h = p.height ?? p.lines * LINE;
    // A piece kept with the next needs the next's first two lines (or all of it) on its page too; a chain of
    // kept pieces (a heading over a subheading) goes whole, with the first lines of the text under it.
    const next = pieces[i + 1];
    let need = h;
    for (let j = i; pieces[j].keepNext && pieces[j + 1]; j++) {
      const q = pieces[j + 1];
      if (!q.keepNext || !pieces[j + 2]) {
        need += firstLines(q);
        break;
      }
      need += q.height ?? q.lines * LINE;
    }
    // A chain longer than a page breaks where it must.
    if (need > height) need = h + (next && p.keepNext ? firstLines(next) : 0);
    if (fits(need)) {
      place({ page });
      used += h;
      continue;
    }
    // LibreOffice keeps no paragraph with a table after it: a chain of kept pieces that ends at a table (a
    // heading, its caption) and goes to the next page gets an explicit page break before its first piece.
    let last = i;
    while (pieces[last].keepNext && pieces[last + 1] && !pieces[last + 1].table) last++;
    if (pieces[last].keepNext && pieces[last + 1]?.table && p.block && used > 0) {
      movedBeforeTables.add(p.block);
      page++;
      place({ page });
      used = h;
      continue;
    }
    if (p.split && !p.keepNext) {
      const room = Math.floor((height - used) / LINE);
      const here = Math.min(room, p.lines - 2);
      if (here >= 2) {
        place({ page, firstLines: here });
        page++;
        used = (p.lines - here) * LINE;
        continue;
      }
    }
    if (used > 0) page++;
    place({ page });
    used = Math.min(h, height);
  }
  return { page, used, exact: start.exact };
}

/** A short paragraph (one line) directly above a table: it stays with the table. */
export function isCaption(list: Block[], i: number): boolean {
  const b = list[i];
  return b.kind === 'paragraph' && list[i + 1]?.kind === 'table' && lineCount(b.text, typeWidth('portrait'), b.indent === false ? 0 : INDENT_2, b.keep) === 1;
}

function blockPieces(list: Block[], width: number): { pieces: Piece[]; exact: boolean } {
  const pieces: Piece[] = [];
  let exact = true;
  const number = headingCounter();
  list.forEach((b, i) => {
    const at = pieces.length;
    switch (b.kind) {
      case 'paragraph': {
        const lines = lineCount(b.text, width, b.indent === false ? 0 : INDENT_2, b.keep);
        // A one-line paragraph right above a table is its caption: it goes where the table starts.
        pieces.push(isCaption(list, i) ? { lines, keepNext: true, block: b } : { lines, split: true });
        break;
      }
      case 'heading': {
        // With its own number (（一） is a character wider than 一、, 1. a character narrower).
        const head = `${number(b.level)}${b.text}`;
        pieces.push(b.body ? { lines: lineCount(head + b.body, width), split: true, block: b } : { lines: lineCount(head, width), keepNext: true, block: b });
        break;
      }
      case 'blank':
        pieces.push({ lines: 1 });
        break;
      case 'pageBreak':
        pieces.push({ lines: 0, pageBreakBefore: true });
        break;
      case 'partTitle':
        pieces.push({ lines: titleLineTexts(b.title, width).length + (b.subtitle ? 1 : 0) + 1, pageBreakBefore: true, keepNext: true });
        break;
      case 'table':
        pieces.push({ lines: 0, table: { ...tableHeights(b.table, width), gap: i === list.length - 1 ? 20 : 240 }, block: b });
        break;
      case 'contents':
        // Entries that wrap beside their page numbers: Word's and LibreOffice's layout, not known here.
        exact = false;
        pieces.push({ lines: b.entries.length + 2 });
        break;
    }
    pieces[at].part = { kind: 'block', block: b };
  });
  return { pieces, exact };
}

/**
 * The body block kept on the page of what follows it (-1: none): the last one when a 落款 follows (it never
 * stands alone on a page); else, when a paragraph ends the document under a table (its 注), the table (its
 * last row goes with the 注), and when a one-line paragraph ends it under another, that one, so the last page
 * never holds one stray line. A longer last paragraph keeps two lines there anyway.
 */
export function keptBlock(doc: GongwenDocument): number {
  const n = doc.body.length;
  if (doc.signature || doc.date) return n - 1;
  if (doc.attachments?.length || doc.attachmentNames?.length || doc.note || doc.colophon || n < 2) return -1;
  const [above, last] = doc.body.slice(-2);
  if (last.kind !== 'paragraph') return -1;
  // A table's 注 never stands alone on the last page: the table's last row goes with it.
  if (above.kind === 'table') return n - 2;
  const oneLine = lineCount(last.text, typeWidth(doc.orientation), last.indent === false ? 0 : INDENT_2, last.keep) === 1;
  return oneLine && above.kind === 'paragraph' ? n - 2 : -1;
}

/**
 * Where the last section's text ends, from the engine's own layout. Body text, titles, headings, blank
 * lines, the 落款 and attachments are laid out line by line; a table or a contents list makes the result
 * inexact (`exact: false`): callers then leave nothing to chance.
 */
export function textEnd(doc: GongwenDocument, mastheadHeight: number): TextEnd {
  return lay(doc, mastheadHeight).end;
}

/** The flow of a document's sections: each piece with what it shows and where it went. */
function lay(doc: GongwenDocument, mastheadHeight: number): { end: TextEnd; sections: LaidSection[] } {
  const o = doc.orientation ?? 'portrait';
  const width = typeWidth(o);
  const pieces: Piece[] = [];
  if (mastheadHeight) pieces.push({ lines: 0, height: mastheadHeight, part: { kind: 'masthead' } });
  pieces.push({ lines: titleLineTexts(doc.title, width).length + (doc.subtitle?.split('\n').length ?? 0) + 1, keepNext: true, part: { kind: 'title' } });
  if (doc.mainRecipient) pieces.push({ lines: lineCount(`${doc.mainRecipient}：`, width, 0), split: true, part: { kind: 'recipient' } });
  const main = blockPieces(doc.body, width);
  pieces.push(...main.pieces);
  const tail: Piece[] = [];
  // The 附件说明 goes with the 落款 below it, as the .docx keeps it.
  const signed = !!(doc.signature || doc.date);
  if (doc.attachmentNames?.length)
    tail.push(
      { lines: 1, keepNext: signed, part: { kind: 'attachmentGap' } },
      ...doc.attachmentNames.map((n, index): Piece => ({ lines: lineCount(`附件：1. ${n}`, width, 0), keepNext: signed, part: { kind: 'attachmentName', index } })),
    );
  if (signed) tail.push({ lines: (doc.sealed ? 2 : 1) + (doc.signature ? 1 : 0) + (doc.date ? 1 : 0), part: { kind: 'signature' } });
  if (doc.note) tail.push({ lines: lineCount(`（${doc.note}）`, width), part: { kind: 'note' } });
  // The 落款 block stays with the body's last paragraph; a last paragraph ending the document, with the one above.
  if (tail.length && pieces.length) pieces[pieces.length - 1] = { ...pieces[pieces.length - 1], keepNext: true, split: false };
  else if (keptBlock(doc) >= 0) {
    const at = pieces.length - main.pieces.length + keptBlock(doc);
    pieces[at] = { ...pieces[at], keepNext: true, split: false };
  }
  const sections: LaidSection[] = [];
  const laid = (orientation: Orientation, list: Piece[], start: TextEnd): TextEnd => {
    const placements: Placement[] = [];
    const end = flow(list, typeHeight(orientation), start, placements);
    sections.push({ orientation, pieces: list.map((p, i) => ({ part: p.part!, at: placements[i] })) });
    return end;
  };
  let end = laid(o, [...pieces, ...tail], { page: 1, used: 0, exact: true });
  let exact = main.exact;
  (doc.attachments ?? []).forEach((a, index) => {
    const ao = a.orientation ?? 'portrait';
    const blocks = blockPieces(a.blocks, typeWidth(ao));
    exact &&= blocks.exact;
    const head: Piece[] = [{ lines: 2 + titleLineTexts(a.title, typeWidth(ao)).length + 1, pageBreakBefore: true, keepNext: true, part: { kind: 'attachmentHead', index } }];
    end = laid(ao, [...head, ...blocks.pieces], end);
  });
  return { end: { ...end, exact: exact && end.exact }, sections };
}

/** A section as the engine laid it out. */
export interface LaidSection {
  orientation: Orientation;
  pieces: { part: Part; at: Placement }[];
}

/** The engine's pages of a document: where every piece goes, where the text ends, where the 版记 goes. */
export interface PageLayout {
  sections: LaidSection[];
  end: TextEnd;
  colophon: ColophonPlace | null;
}

/** The whole layout the .docx is written from (the preview draws its pages from it). */
export function pageLayout(doc: GongwenDocument): PageLayout {
  const { end, sections } = lay(doc, doc.masthead ? mastheadHeight(doc.masthead, typeWidth(doc.orientation)) : 0);
  const last = sections.at(-1)!.orientation;
  return { sections, end, colophon: doc.colophon ? colophonPlace(doc, doc.colophon, last, end) : null };
}

/** Height of the 版头 in twips (the mark's line and the space above it, blank lines, 发文字号 or 签发人 lines, red rule). */
export function mastheadHeight(m: Masthead, width: number): number {
  const pt = markSize(m.mark);
  const numberLines = m.signers?.length ? signerLines(m.signers, width).length : m.docNumber ? 1 : 0;
  return 1984 - Math.round(pt * 20 * 0.2) + Math.round(pt * 20 * 1.2) + (numberLines ? (2 + numberLines) * LINE : 0) + 113 + 2 * LINE;
}

/** Where the 版记 goes: on the text's last page (`free` twips under the text), alone on the next page, or after a blank one. */
export interface ColophonPlace {
  place: 'share' | 'next' | 'afterBlank';
  free: number;
}

/**
 * 版记 (GB/T 9704 7.4): its last line on the last line of the last page, an even one. From the engine's own
 * layout of the text: it shares the text's last page when that page is even and has room under the text
 * (the seal's lower half and a line to spare); after an odd page it takes the next page; after a full even
 * page, the page after a blank one.
 */
export function colophonPlace(doc: GongwenDocument, colophon: Colophon, orientation: Orientation, end = textEnd(doc, doc.masthead ? mastheadHeight(doc.masthead, typeWidth(doc.orientation)) : 0)): ColophonPlace {
  const rows = colophon.cc ? 2 : 1;
  const room = (doc.sealed ? 3 : 2) * LINE;
  // Twips under the text on its last page, as far as the layout can tell.
  const free = typeHeight(orientation) - end.used;
  if (end.page % 2 === 1) return { place: 'next', free };
  return { place: end.exact && free >= room + rows * LINE ? 'share' : 'afterBlank', free };
}

/** Headings (and captions) of `doc` that must start a new page so that the table after them starts on theirs, and tables that must start one. */
export function headingsBeforeTables(doc: GongwenDocument, mastheadHeight: number): Set<Block> {
  textEnd(doc, mastheadHeight);
  const all = [...doc.body, ...(doc.attachments ?? []).flatMap((a) => a.blocks)];
  return new Set(all.filter((b) => movedBeforeTables.has(b)));
}

/**
 * A contents entry as the lines it is printed on (16 pt, −0.25 pt spacing): broken at word boundaries so no
 * name is cut, the last line leaving room for the dot leader and a page number.
 */
export function contentsLines(text: string, width: number): string[] {
  const w = (t: string) => textWidth(t, 16, CHAR_SPACING_16PT);
  const reserve = 4 * (CHAR + CHAR_SPACING_16PT);
  if (w(text) + reserve <= width) return [text];
  const lines: string[] = [];
  let cur = '';
  for (const unit of breakUnits(text)) {
    if (cur && fitWidth(cur + unit, w) > width) {
      lines.push(cur);
      cur = unit;
    } else cur += unit;
  }
  // The page number needs room on the last line: its last piece goes down when it would leave none.
  if (w(cur) + reserve > width) {
    const units = breakUnits(cur);
    const last = units.pop()!;
    lines.push(units.join(''));
    cur = last;
  }
  lines.push(cur);
  return lines.filter(Boolean);
}
