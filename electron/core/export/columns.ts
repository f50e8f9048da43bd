/**
 * Column widths from the content: a table's names, codes, IDs and dates never break and its header cells
 * never stand one character a line. Shared by the .docx tables and the HTML preview.
 */
import { cellMargin, cellText, columnWidths, tableFontPt, textWidth } from './gongwen';
import type { Cell, TableModel } from './model';
import { breakUnits, characters, wholeRuns } from './words';

/** A little room over the computed width: LibreOffice's and Word's own metrics differ by a hair. */
const SLACK = 30;

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
      head[col] = Math.max(head[col], ...breakUnits(l).map(w));
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
  const room = (x: number) => Math.ceil(x) + 2 * cellMargin(pt) + SLACK;
  let min = need.map((x, i) => room(Math.max(x, head[i], headFloor[i])));
  // Too narrow for every word: a header word gives way first (从业/人员), the cells' words stay whole.
  if (min.reduce((a, b) => a + b, 0) > total) min = need.map((x, i) => room(Math.max(x, headFloor[i])));
  const fixed = min.map((m, i) => (whole[i] ? m : 0));
  const flex = t.columns.map((_, i) => !whole[i]);
  const rest = total - fixed.reduce((a, b) => a + b, 0);
  if (!flex.some(Boolean) || rest <= 0) return columnWidths(min, total);
  // Flexible columns share the rest by weight; one that would fall under its minimum gets the minimum.
  const out = [...fixed];
  const open = new Set(t.columns.map((_, i) => i).filter((i) => flex[i]));
  let left = rest;
  for (;;) {
    const weight = [...open].reduce((a, i) => a + t.columns[i], 0);
    const under = [...open].filter((i) => (t.columns[i] / weight) * left < min[i]);
    if (under.length === 0 || left < 0) break;
    for (const i of under) {
      out[i] = min[i];
      left -= min[i];
      open.delete(i);
    }
  }
  if (left < 0 || open.size === 0) {
    // Too narrow for every word to stay whole: the wrapping columns keep only their codes and dates (at least
    // two characters) and share what is left by weight; a header word may then wrap.
    const floor = Math.ceil(w('字字')) + 2 * cellMargin(pt);
    const base = min.map((m, i) => (flex[i] ? Math.max(floor, Math.ceil(hard[i]) + 2 * cellMargin(pt) + SLACK) : m));
    const rest = total - base.reduce((a, b) => a + b, 0);
    if (rest < 0) return columnWidths(base, total);
    const flexible = base.map((_, i) => i).filter((i) => flex[i]);
    const extra = columnWidths(flexible.map((i) => t.columns[i]), rest);
    flexible.forEach((i, k) => (base[i] += extra[k]));
    if (!flexible.length) base[n - 1] += rest;
    return base;
  }
  const shares = columnWidths([...open].map((i) => t.columns[i]), left);
  [...open].forEach((i, k) => (out[i] = shares[k]));
  return out;
}

/**
 * A cell's text as the lines it is printed on: each “\n” line that is wider than the cell is broken at
 * word boundaries (greedy), so no name, code or date is cut by the word processor's own wrapping. Text that
 * fits is returned as it is (no segmenting). Punctuation counts in full: no mark hangs past a cell's edge.
 */
export function cellLines(text: string, cellWidth: number, pt: number): string[] {
  const max = cellWidth - 2 * cellMargin(pt) - SLACK / 2;
  const w = (s: string) => textWidth(s, pt);
  const fits = (s: string) => w(s) <= max;
  return text.split('\n').flatMap((line) => {
    if (fits(line)) return [line];
    const out: string[] = [];
    let cur = '';
    for (const unit of breakUnits(line).flatMap((u) => (fits(u) ? [u] : characters(u)))) {
      if (cur && !fits(cur + unit)) {
        out.push(cur);
        cur = unit.trimStart();
      } else cur += unit;
    }
    if (cur) out.push(cur);
    return out;
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
