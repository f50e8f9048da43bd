import { headerRowScore } from './fields';
import type { Grid } from './read';
import { cleanText, type Cell } from './values';

/** Where the header is and what each column is called (a path group / field / option on real 台账 forms). */
export interface Layout {
  sheet: Grid;
  /** 0-based header rows (one to six), code rows (A B C D1) included. */
  headerRows: number[];
  headers: { leaf: string; full: string; parts: string[] }[];
  score: number;
}

const SCAN_ROWS = 15;
export const MAX_HEADER_ROWS = 6;
/** Header text as the file shows it (only whitespace tidied); matching normalises separately. */
const text = (row: Cell[] | undefined, c: number) => {
  const v = row?.[c];
  return v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ').trim();
};
const nonEmpty = (row: Cell[] | undefined) => (row ?? []).filter((v) => cleanText(v) !== '').length;
const looksLikeData = (row: Cell[] | undefined) =>
  (row ?? []).some((v) => typeof v === 'number' || /^\d+$/.test(cleanText(v)) || /^[0-9A-Z]{15,}$/i.test(cleanText(v).replace(/\s/g, '')));
/** A title, 附件 line or 填报单位 line above a header: never part of it. */
const TITLE = /^(附件|附表)|填报单位|填表单位|填报人|填表人|填报日期|填表日期|^单位[:：]|(台账|统计表|排查表|一览表|汇总表|登记表|花名册|信息表|情况表|明细表)(\(|（|$)/;
const isTitleRow = (row: Cell[] | undefined) => {
  const cells = (row ?? []).map((v) => cleanText(v)).filter(Boolean);
  const title = (c: string) => TITLE.test(c.replace(/\s/g, ''));
  return cells.length > 0 && (cells.every(title) || (cells.length <= 3 && cells.some(title)));
};
/** A row of column codes under a header: A B C D1 …, 甲 乙 丙, 1 2 3 (栏次). */
const CODE = /^([A-Z]{1,2}\d{0,2}|\d{1,3}|[甲乙丙丁戊己庚辛]|栏次|[(（]?[一二三四五六七八九十]+[)）]?)$/i;
export function isCodeRow(row: Cell[] | undefined): boolean {
  const cells = (row ?? []).map((v) => cleanText(v)).filter(Boolean);
  return cells.length >= 3 && cells.every((c) => CODE.test(c.replace(/\s/g, '')));
}

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

/** Header cells of row r with merges filled across and down, so a group cell names every column under it. */
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

/** Column c lies under a merge that spans several columns in row r (its group). */
const underGroup = (grid: Grid, r: number, c: number) => grid.merges.some((m) => m.c2 > m.c1 && m.c1 <= c && c <= m.c2 && m.r1 <= r && r <= m.r2);

/**
 * Whether the row below the header block continues it: no data in it, and each of its cells either sits
 * under a group (a merge across columns, or a blank above in a file without merges) or names a field.
 */
function continuesHeader(grid: Grid, block: number[], r: number): boolean {
  const row = grid.rows[r];
  if (!row || nonEmpty(row) === 0 || looksLikeData(row) || isTitleRow(row)) return false;
  if (headerRowScore(row.map((v) => cleanText(v))) >= 2) return true;
  const last = block[block.length - 1];
  return row.every((v, c) => cleanText(v) === '' || underGroup(grid, last, c) || (!grid.merges.length && text(grid.rows[last], c) === '' && c > 0 && text(grid.rows[last], c - 1) !== ''));
}

/** The header block around the best row: group rows above (not titles), sub-header and code rows below, at most six. */
function headerBlock(grid: Grid, best: number): number[] {
  const block = [best];
  for (let r = best - 1; r >= 0 && block.length < MAX_HEADER_ROWS; r--) {
    const row = grid.rows[r];
    if (nonEmpty(row) < 2 || looksLikeData(row) || isTitleRow(row)) break;
    block.unshift(r);
  }
  for (let r = best + 1; r < grid.rows.length && block.length < MAX_HEADER_ROWS; r++) {
    if (isCodeRow(grid.rows[r]) || continuesHeader(grid, block, r)) block.push(r);
    else break;
  }
  return block;
}

/** Each column's header path from the block's rows: group / field / option, repeats dropped, code rows left out. */
function headerPaths(grid: Grid, rows: number[]): Layout['headers'] {
  const named = rows.filter((r) => !isCodeRow(grid.rows[r]));
  const width = Math.max(0, ...rows.map((r) => grid.rows[r]?.length ?? 0));
  const cells = named.map((r) => headerCells(grid, r, width));
  // A CSV has no merge information: a blank group cell belongs to the group on its left when both have sub-headers.
  if (!grid.merges.length) {
    for (let i = 0; i < cells.length - 1; i++) {
      for (let c = 1; c < width; c++) if (!cells[i][c] && cells[i + 1][c] && cells[i][c - 1] && cells[i + 1][c - 1]) cells[i][c] = cells[i][c - 1];
    }
  }
  const out: Layout['headers'] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const row of cells) if (row[c] && row[c] !== parts[parts.length - 1]) parts.push(row[c]);
    const leaf = parts[parts.length - 1] ?? '';
    out.push({ leaf, full: parts.join('/'), parts });
  }
  return out;
}

/**
 * Finds the header of one sheet by scoring its first rows against the aliases, or takes the rows the user
 * named (`forced`, 0-based first and last).
 */
export function findLayout(grid: Grid, forced?: [number, number]): Layout | null {
  let headerRows: number[];
  let score: number;
  if (forced) {
    headerRows = [];
    for (let r = forced[0]; r <= forced[1]; r++) headerRows.push(r);
    score = Math.max(0, ...headerRows.map((r) => headerRowScore((grid.rows[r] ?? []).map((v) => cleanText(v)))));
  } else {
    const scores: number[] = [];
    for (let r = 0; r < Math.min(SCAN_ROWS, grid.rows.length); r++) {
      scores.push(nonEmpty(grid.rows[r]) >= 2 ? headerRowScore(grid.rows[r].map((v) => cleanText(v))) : 0);
    }
    let best = -1;
    scores.forEach((s, r) => {
      if (s > (scores[best] ?? 0)) best = r;
    });
    if (best < 0 || scores[best] < 2) return null;
    headerRows = headerBlock(grid, best);
    score = scores[best];
  }
  return { sheet: grid, headerRows, headers: headerPaths(grid, headerRows), score };
}

/** The best sheet: the one whose header fits the aliases best (a 说明 sheet before the table loses). */
export function chooseLayout(sheets: Grid[], wanted?: string, forced?: [number, number]): Layout | null {
  let best: Layout | null = null;
  for (const g of sheets) {
    if (wanted && g.name !== wanted) continue;
    const l = findLayout(g, forced);
    if (l && (!best || l.score > best.score)) best = l;
  }
  return best;
}

const TOTAL = /^(合计|小计|总计|共计|累计)/;
const FOOTNOTE = /^(注|说明|备注|填表|审核|制表|填报|联系|负责人|单位负责人|\d+[.、．])/;

export type RowKind = 'data' | 'blank' | 'total' | 'footnote' | 'header';

/** What a row below the header is. `keyCols` are the name and code columns (a lone cell there is data). */
export function classifyRow(row: Cell[] | undefined, headerTexts: string[], keyCols: number[]): RowKind {
  // One pass, no arrays: it runs on every row of a 100k-row file. Only the first three filled cells are looked at.
  let filled = 0;
  let same = 0;
  let firstCol = -1;
  let first = '';
  let total = false;
  const cells = row ?? [];
  for (let c = 0; c < cells.length; c++) {
    const t = cleanText(cells[c]);
    if (!t) continue;
    if (++filled <= 3) {
      const bare = t.replace(/\s/g, '');
      if (filled === 1) {
        firstCol = c;
        first = bare;
      }
      if (TOTAL.test(bare)) total = true;
    }
    if (t === headerTexts[c]) same++;
  }
  if (filled === 0) return 'blank';
  if (total) return 'total';
  if (filled === 1 && (!keyCols.includes(firstCol) || FOOTNOTE.test(first))) return 'footnote';
  if (filled <= 2 && FOOTNOTE.test(first) && first.length > 6) return 'footnote';
  if (same >= Math.max(2, filled - 1)) return 'header'; // header repeated on a new page
  return 'data';
}

/** A cell that explains how to fill in its column: （按营业执照填写）, 注：…, 请填写… */
const NOTE_CELL = /^[(（\[［].*[)）\]］]$|^(注|说明|填写|填报|请)/;
/** A note row right under the header (a developer's remark, a 填写说明): no figures, and no name or code unless as a note. */
export const isNoteRow = (row: Cell[] | undefined, keyCols: number[]) =>
  !looksLikeData(row) &&
  (!keyCols.some((c) => cleanText(row?.[c] ?? null) !== '') || (row ?? []).every((v) => cleanText(v) === '' || NOTE_CELL.test(cleanText(v))));

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
