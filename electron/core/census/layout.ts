import { headerRowScore } from './fields';
import type { Grid } from './read';
import { cleanText, type Cell } from './values';

/** Where the header is and what each column is called (`父/子` for two-row headers). */
export interface Layout {
  sheet: Grid;
  /** 0-based header rows (one or two). */
  headerRows: number[];
  headers: { leaf: string; full: string }[];
  score: number;
}

const SCAN_ROWS = 15;
/** Header text as the file shows it (only whitespace tidied); matching normalises separately. */
const text = (row: Cell[] | undefined, c: number) => {
  const v = row?.[c];
  return v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ').trim();
};
const nonEmpty = (row: Cell[] | undefined) => (row ?? []).filter((v) => cleanText(v) !== '').length;
const looksLikeData = (row: Cell[] | undefined) =>
  (row ?? []).some((v) => typeof v === 'number' || /^\d+$/.test(cleanText(v)) || /^[0-9A-Z]{15,}$/i.test(cleanText(v).replace(/\s/g, '')));

/** Fills vertical merges in the data area down, so a street cell merged over 4 rows applies to all 4. */
export function fillMergedDown(grid: Grid, fromRow: number): void {
  for (const m of grid.merges) {
    if (m.r2 <= m.r1 || m.r1 < fromRow) continue;
    const v = grid.rows[m.r1]?.[m.c1] ?? null;
    if (v === null) continue;
    for (let r = m.r1 + 1; r <= m.r2; r++) {
      const row = grid.rows[r];
      if (!row) continue;
      while (row.length <= m.c1) row.push(null);
      if (row[m.c1] === null || row[m.c1] === undefined) row[m.c1] = v;
    }
  }
}

/** Fills header merges across/down within the header block, so a group cell names every column under it. */
function headerCells(grid: Grid, r: number, width: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < width; c++) out.push(text(grid.rows[r], c));
  for (const m of grid.merges) {
    if (m.r1 > r || m.r2 < r) continue;
    const v = text(grid.rows[m.r1], m.c1);
    for (let c = m.c1; c <= m.c2 && c < width; c++) if (!out[c]) out[c] = v;
  }
  return out;
}

/** Finds the header row of one sheet by scoring its first rows against the aliases. */
export function findLayout(grid: Grid): Layout | null {
  const scores: number[] = [];
  for (let r = 0; r < Math.min(SCAN_ROWS, grid.rows.length); r++) {
    scores.push(nonEmpty(grid.rows[r]) >= 2 ? headerRowScore(grid.rows[r].map((v) => cleanText(v))) : 0);
  }
  let best = -1;
  scores.forEach((s, r) => {
    if (s > (scores[best] ?? 0)) best = r;
  });
  if (best < 0 || scores[best] < 2) return null;
  let headerRows = [best];
  const below = grid.rows[best + 1];
  const above = grid.rows[best - 1];
  if (below && (scores[best + 1] ?? 0) >= 2 && !looksLikeData(below)) headerRows = [best, best + 1];
  else if (best > 0 && nonEmpty(above) >= 2 && !looksLikeData(above)) headerRows = [best - 1, best];

  const width = Math.max(...grid.rows.slice(headerRows[0], headerRows[headerRows.length - 1] + 1).map((r) => r?.length ?? 0));
  const top = headerCells(grid, headerRows[0], width);
  let headers: { leaf: string; full: string }[];
  if (headerRows.length === 1) {
    headers = top.map((t) => ({ leaf: t, full: t }));
  } else {
    const sub = headerCells(grid, headerRows[1], width);
    // A CSV has no merge information: a blank group cell belongs to the group on its left.
    const parents = [...top];
    for (let c = 1; c < width; c++) if (!parents[c] && sub[c] && parents[c - 1] && sub[c - 1]) parents[c] = parents[c - 1];
    headers = parents.map((p, c) => {
      const s = sub[c];
      if (!s || s === p) return { leaf: p, full: p };
      if (!p) return { leaf: s, full: s };
      return { leaf: s, full: `${p}/${s}` };
    });
  }
  return { sheet: grid, headerRows, headers, score: scores[best] };
}

/** The best sheet: the one whose header fits the aliases best (a 说明 sheet before the table loses). */
export function chooseLayout(sheets: Grid[], wanted?: string): Layout | null {
  let best: Layout | null = null;
  for (const g of sheets) {
    if (wanted && g.name !== wanted) continue;
    const l = findLayout(g);
    if (l && (!best || l.score > best.score)) best = l;
  }
  return best;
}

const TOTAL = /^(合计|小计|总计|共计|累计)/;
const FOOTNOTE = /^(注|说明|备注|填表|审核|制表|填报|联系|负责人|单位负责人|\d+[.、．])/;

export type RowKind = 'data' | 'blank' | 'total' | 'footnote' | 'header';

/** What a row below the header is. `keyCols` are the name and code columns (a lone cell there is data). */
export function classifyRow(row: Cell[] | undefined, headerTexts: string[], keyCols: number[]): RowKind {
  const cells = (row ?? []).map((v) => cleanText(v));
  const filled = cells.map((t, c) => (t ? c : -1)).filter((c) => c >= 0);
  if (filled.length === 0) return 'blank';
  const first = cells[filled[0]].replace(/\s/g, '');
  if (filled.slice(0, 3).some((c) => TOTAL.test(cells[c].replace(/\s/g, '')))) return 'total';
  if (filled.length === 1 && (!keyCols.includes(filled[0]) || FOOTNOTE.test(first))) return 'footnote';
  if (filled.length <= 2 && FOOTNOTE.test(first) && first.length > 6) return 'footnote';
  const same = filled.filter((c) => cells[c] === headerTexts[c]).length;
  if (same >= Math.max(2, filled.length - 1)) return 'header'; // header repeated on a new page
  return 'data';
}
