/**
 * Column widths from the content: a table's names, codes, IDs and dates never break and its header cells
 * never stand one character a line. Shared by the .docx tables and the HTML preview.
 */
import { cellMargin, cellText, columnWidths, tableFontPt, textWidth } from './gongwen';
import type { Cell, TableModel } from './model';
import { breakUnits, characters, wholeRuns } from './words';

/**
 * Room every cell line keeps to its cell's edge (twips, ⅛ character at 小四): LibreOffice's and Word's own
 * metrics differ by a hair, and a line that does not fit would wrap again in an exact-height row (tableXml.ts)
 * and lose its last characters. (¼ character costs the 300-organisation ledger four pages: 16 → 20.)
 */
export const CELL_SLACK = 30;

const lines = (c: Cell) => cellText(c).split('\n');
const span = (c: Cell) => (typeof c === 'string' ? 1 : (c.colSpan ?? 1));

/** Grid column of each cell of a row (vertical merges from rows above leave their columns out). */
export function placed(rows: Cell[][], count: number): { col: number; cell: Cell }[] {
  return placedRows(rows, count).flat();
}

/** As placed(), row by row. */
export function placedRows(rows: Cell[][], count: number): { col: number; cell: Cell }[][] {
  const out: { col: number; cell: Cell }[][] = [];
  const covered: number[] = Array(count).fill(0);
  for (const row of rows) {
    const cells: { col: number; cell: Cell }[] = [];
    out.push(cells);
    let col = 0;
    const next = () => {
      while (col < count && covered[col] > 0) covered[col++]--;
    };
    for (const cell of row) {
      next();
      if (col >= count) break;
      const rs = typeof cell === 'string' ? 1 : (cell.rowSpan ?? 1);
      cells.push({ col, cell });
      for (let k = 0; k < span(cell); k++) if (rs > 1) covered[col + k] = rs - 1;
      col += span(cell);
    }
    next();
  }
  return out;
}

/** A line holding one character (its punctuation aside): a proof-reader sends back 计划性不/强 and （满分/4）. */
const lone = (line: string) => [...line.replace(/[\s，。、；：？！）》」』】〕”’…（《「『【〔“‘]/g, '')].length === 1;

/** Break units with each one-character unit joined to its neighbour (组织|数 → 组织数, （满分|4） → （满分4）): a header line never holds one character. */
function noLoneCharacter(units: string[]): string[] {
  const out: string[] = [];
  for (const u of units) {
    if (out.length && (lone(u) || lone(out[out.length - 1]))) out[out.length - 1] += u;
    else out.push(u);
  }
  return out;
}

/** Widths already worked out: the layout, the .docx and the preview each ask for the same table's. */
const fitted = new WeakMap<TableModel, Map<number, number[]>>();

/** Twips per column, summing exactly to `total`. */
export function fitColumns(t: TableModel, total: number): number[] {
  let byTotal = fitted.get(t);
  if (!byTotal) fitted.set(t, (byTotal = new Map()));
  let widths = byTotal.get(total);
  if (!widths) byTotal.set(total, (widths = fitWidths(t, total)));
  return [...widths];
}

function fitWidths(t: TableModel, total: number): number[] {
  const n = t.columns.length;
  const pt = tableFontPt(t.fontSize);
  const w = (s: string) => textWidth(s, pt);
  const need: number[] = Array(n).fill(0);
  /** A header's widest word, and its first two characters (a header is never one character a line). */
  const head: number[] = Array(n).fill(0);
  const headFloor: number[] = Array(n).fill(0);
  /** What may never wrap: codes, dates, numbers (a wrapping column gives way only down to this). */
  const hard: number[] = Array(n).fill(0);
  const whole = t.keepWhole ?? [];
  for (const { col, cell } of placed(t.header, n)) {
    if (span(cell) !== 1) continue;
    for (const l of lines(cell)) {
      head[col] = Math.max(head[col], ...noLoneCharacter(breakUnits(l)).map(w));
      headFloor[col] = Math.max(headFloor[col], w([...l].slice(0, 2).join('')));
    }
  }
  for (const { col, cell } of placed(t.rows, n)) {
    if (span(cell) !== 1) continue;
    // A wrapping cell needs room for its widest word with the marks that go with it: LibreOffice hangs no
    // punctuation past a cell's edge (measured: “整顿方案，” in a 4.7-character cell prints as 整顿方/案，).
    for (const l of lines(cell)) {
      hard[col] = Math.max(hard[col], whole[col] ? w(l) : Math.max(0, ...wholeRuns(l).map(w)));
      need[col] = Math.max(need[col], hard[col], whole[col] ? 0 : Math.max(0, ...breakUnits(l).map(w)));
    }
  }
  const room = (x: number) => Math.ceil(x) + 2 * cellMargin(pt) + CELL_SLACK;
  let min = need.map((x, i) => room(Math.max(x, head[i], headFloor[i])));
  // Too narrow for every word: a header word gives way first (从业/人员), the cells' words stay whole.
  if (min.reduce((a, b) => a + b, 0) > total) min = need.map((x, i) => room(Math.max(x, headFloor[i])));
  const fixed = min.map((m, i) => (whole[i] ? m : 0));
  const flex = t.columns.map((_, i) => !whole[i]);
  const rest = total - fixed.reduce((a, b) => a + b, 0);
  if (!flex.some(Boolean) || rest <= 0) return columnWidths(min, total);
  const left = total - min.reduce((a, b) => a + b, 0);
  if (left < 0) {
    // Too narrow for every word to stay whole: the wrapping columns keep only their codes and dates (at least
    // two characters) and share what is left by weight; a header word may then wrap.
    const floor = Math.ceil(w('字字')) + 2 * cellMargin(pt);
    const base = min.map((m, i) => (flex[i] ? Math.max(floor, Math.ceil(hard[i]) + 2 * cellMargin(pt) + CELL_SLACK) : m));
    const rest = total - base.reduce((a, b) => a + b, 0);
    if (rest < 0) return columnWidths(base, total);
    const flexible = base.map((_, i) => i).filter((i) => flex[i]);
    const extra = columnWidths(flexible.map((i) => t.columns[i]), rest);
    flexible.forEach((i, k) => (base[i] += extra[k]));
    return base;
  }
  return fewestLines(t, min, flex, left, pt);
}

/**
 * The flexible columns widened from their minimums where it saves the most printed lines: in steps of half a
 * character, the widening (of any size the rest allows) that takes the most lines off the table per twip goes
 * first, so a 工作单位 broken over four lines gets its room before a 职务 that would merely break less. What
 * no widening saves a line with is shared by the `columns` weights.
 */
function fewestLines(t: TableModel, min: number[], flex: boolean[], left: number, pt: number): number[] {
  const widths = [...min];
  const step = pt * 10;
  const rows = placedRows([...t.header, ...t.rows], min.length);
  /** Lines of a cell at a width (memo: the same text is asked at the same widths again and again). */
  const memo = new Map<string, Map<number, number>>();
  const linesOf = (text: string, width: number) => {
    let byWidth = memo.get(text);
    if (!byWidth) memo.set(text, (byWidth = new Map()));
    let n = byWidth.get(width);
    if (n === undefined) byWidth.set(width, (n = cellLines(text, width, pt).length));
    return n;
  };
  // Per row: the lines of its cells that no widening changes, and its cells in flexible columns.
  const fixedLines = rows.map(() => 1);
  const flexCells: { row: number; col: number; text: string; rows: number; lines: number; fewest: number }[] = [];
  rows.forEach((row, r) => {
    for (const { col, cell } of row) {
      const rs = typeof cell === 'string' ? 1 : (cell.rowSpan ?? 1);
      const text = cellText(cell);
      if (span(cell) === 1 && flex[col]) flexCells.push({ row: r, col, text, rows: rs, lines: linesOf(text, widths[col]), fewest: text.split('\n').length });
      else fixedLines[r] = Math.max(fixedLines[r], Math.ceil(linesOf(text, widths.slice(col, col + span(cell)).reduce((a, b) => a + b, 0)) / rs));
    }
  });
  const byCol = widths.map((_, c) => flexCells.filter((f) => f.col === c));
  const byRow = rows.map((_, r) => flexCells.filter((f) => f.row === r));
  type FlexCell = (typeof flexCells)[number];
  const height = (r: number, trial?: Map<FlexCell, number>) => Math.max(fixedLines[r], ...byRow[r].map((f) => Math.ceil((trial?.get(f) ?? f.lines) / f.rows)));
  for (;;) {
    let best: { col: number; gain: number; by: number; lines: Map<FlexCell, number> } | null = null;
    for (let c = 0; c < widths.length; c++) {
      // Every width the rest allows: a name column may save nothing for a character and a lot for two.
      for (let by = step; by <= left; by += step) {
        const trial = new Map<FlexCell, number>();
        for (const f of byCol[c]) {
          const n = linesOf(f.text, widths[c] + by);
          if (n < f.lines) trial.set(f, n);
        }
        // Rows' lines saved, and a quarter for each cell's: two columns that hold a row up together (项目名称
        // and 说明) each get their due though widening one alone saves the row nothing.
        const saved =
          [...new Set([...trial.keys()].map((f) => f.row))].reduce((a, r) => a + height(r) - height(r, trial), 0) +
          [...trial].reduce((a, [f, n]) => a + (f.lines - n) / 4, 0);
        if (saved > 0 && (!best || saved / by > best.gain || (saved / by === best.gain && t.columns[c] > t.columns[best.col]))) best = { col: c, gain: saved / by, by, lines: trial };
        // Every cell on its fewest lines: wider saves nothing more.
        if (byCol[c].every((f) => (trial.get(f) ?? f.lines) <= f.fewest)) break;
      }
    }
    if (!best) break;
    widths[best.col] += best.by;
    left -= best.by;
    for (const [f, n] of best.lines) f.lines = n;
  }
  // The rest by weight over the flexible columns, none narrower than it got above.
  const open = new Set(widths.map((_, i) => i).filter((i) => flex[i]));
  let pool = left + [...open].reduce((a, i) => a + widths[i], 0);
  for (;;) {
    const weight = [...open].reduce((a, i) => a + t.columns[i], 0);
    const under = [...open].filter((i) => (t.columns[i] / weight) * pool < widths[i]);
    if (under.length === 0) break;
    for (const i of under) {
      pool -= widths[i];
      open.delete(i);
    }
  }
  const shares = columnWidths([...open].map((i) => t.columns[i]), pool);
  [...open].forEach((i, k) => (widths[i] = shares[k]));
  return widths;
}

/** A cell line's break units, kept: column fitting asks for the same text at many widths. */
const units = new Map<string, string[]>();
function unitsOf(line: string): string[] {
  let u = units.get(line);
  if (!u) {
    if (units.size >= 50_000) units.clear();
    units.set(line, (u = breakUnits(line)));
  }
  return u;
}

/**
 * A cell's text as the lines it is printed on: each “\n” line that is wider than the cell is broken at
 * word boundaries (greedy), so no name, code or date is cut by the word processor's own wrapping, and no
 * line is left holding one character: the line above gives it its last word (or, when that does not fit,
 * its last character). Text that fits is returned as it is (no segmenting). Punctuation counts in full: no
 * mark hangs past a cell's edge.
 */
export function cellLines(text: string, cellWidth: number, pt: number): string[] {
  const max = cellWidth - 2 * cellMargin(pt) - CELL_SLACK;
  const w = (s: string) => textWidth(s, pt);
  const fits = (s: string) => w(s) <= max;
  return text.split('\n').flatMap((line) => {
    if (fits(line)) return [line];
    // Each printed line as its pieces (words, or the characters of a word wider than the cell).
    const out: string[][] = [];
    let cur: string[] = [];
    for (const unit of unitsOf(line).flatMap((u) => (fits(u) ? [u] : characters(u)))) {
      if (cur.length && !fits(cur.join('') + unit)) {
        out.push(cur);
        cur = [unit.trimStart()];
      } else cur.push(unit);
    }
    if (cur.length) out.push(cur);
    for (let i = 1; i < out.length; i++) {
      if (!lone(out[i].join(''))) continue;
      const above = out[i - 1];
      const word = above.at(-1)!;
      // Its last word, else its last character; the line above keeps two characters at least.
      const piece = above.length > 1 && fits(word + out[i].join('')) ? word : (characters(word).at(-1) ?? '');
      const rest = above.join('').slice(0, -piece.length);
      if (!piece || [...rest].length < 2 || lone(rest) || !fits(piece + out[i].join(''))) continue;
      out[i - 1] = piece === word ? above.slice(0, -1) : [...above.slice(0, -1), word.slice(0, -piece.length)];
      out[i] = [piece, ...out[i]];
    }
    return out.map((l) => l.join(''));
  });
}

/**
 * Merged cells (rowSpan) cut where a page starts, so a page never starts with rows whose key (序号, 姓名 …)
 * was left blank above the break: each piece repeats the key. `cut`: the rows at which the engine's layout
 * starts a page (a key repeats only on a page's first row; the .docx and the preview cut alike). The rows
 * of a piece carry no keep-with-next: LibreOffice then draws the merged cell one row short when the piece
 * ends a page (measured), and the engine's page starts are where LibreOffice breaks anyway.
 */
export function splitMerges(rows: Cell[][], count: number, cut: ReadonlySet<number>): { rows: Cell[][] } {
  // The grid: each position holds the cell placed there (its origin) or the origin it is covered by.
  const grid: ({ cell: Cell; origin: boolean } | null)[][] = rows.map(() => Array(count).fill(null));
  const at = placed(rows, count);
  let k = 0;
  rows.forEach((row, r) => {
    for (let i = 0; i < row.length && k < at.length; i++, k++) {
      const { col, cell } = at[k];
      const rs = typeof cell === 'string' ? 1 : (cell.rowSpan ?? 1);
      for (let dr = 0; dr < rs && r + dr < rows.length; dr++)
        for (let dc = 0; dc < span(cell); dc++) grid[r + dr][col + dc] = { cell, origin: dr === 0 && dc === 0 };
    }
  });
  const out: Cell[][] = rows.map(() => []);
  rows.forEach((_, r) => {
    for (let c = 0; c < count; c++) {
      const g = grid[r][c];
      if (!g || typeof g.cell === 'string' || (g.cell.rowSpan ?? 1) <= 1) {
        if (g?.origin) out[r].push(g.cell);
        continue;
      }
      // Row r within its merge: where the merge starts, how long it is.
      let start = r;
      while (start > 0 && grid[start - 1][c]?.cell === g.cell) start--;
      const length = Math.min(g.cell.rowSpan ?? 1, rows.length - start);
      const offset = r - start;
      // Where the piece holding row r starts and ends (exclusive), within the merge's rows.
      const pieceStart = Math.max(0, ...[...cut].filter((b) => b > start && b <= r).map((b) => b - start));
      const pieceEnd = Math.min(length, ...[...cut].filter((b) => b > r && b < start + length).map((b) => b - start));
      if (offset === pieceStart) out[r].push({ ...g.cell, rowSpan: pieceEnd - pieceStart });
      c += span(g.cell) - 1;
    }
  });
  return { rows: out };
}
