import { createHash } from 'node:crypto';
import { CENSUS_FIELD_LABELS, type CensusColumn, type CensusField, type CensusMapping } from '../../../shared/contract/census';
import { AppError } from '../errors';
import { autoMapping } from './fields';
import { chooseLayout, classifyRow, fillMergedDown } from './layout';
import { readCensusFile, type Encoding } from './read';
import type { Cell } from './values';
import { checkRow, markDuplicates, type CheckedRow } from './validate';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  encoding?: Encoding;
  sheet?: string;
  /** The user's mapping (wins), then a remembered one for the same header layout, then the automatic one. */
  mapping?: CensusMapping;
  savedMappings?: Record<string, CensusMapping>;
}

export interface ParseResult {
  sheet: string;
  sheets: string[];
  encoding: string | null;
  headerRows: number[];
  columns: CensusColumn[];
  /** Header layout fingerprint: a confirmed mapping is remembered under it. */
  signature: string;
  mapping: CensusMapping;
  mappingSource: 'auto' | 'saved' | 'user';
  missingRequired: string[];
  rows: CheckedRow[];
}

export type Progress = (phase: 'reading' | 'checking', done: number, total: number) => void;

export const REQUIRED_FIELDS: CensusField[] = ['name', 'uscc'];

export interface ParseOptions {
  /** The worker owns `req.bytes`: drop them once read. */
  releaseBytes?: boolean;
  /** Called when the workbook is gone and only the plain grid remains (the worker collects the read's garbage here). */
  afterRead?: () => void;
  /** Called once the rows are checked and the grid is gone. */
  afterCheck?: () => void;
}

/** File bytes → checked rows. Pure (no database): runs inside the parse worker. */
export function parseCensus(req: ParseRequest, progress: Progress = () => {}, opts: ParseOptions = {}): ParseResult {
  progress('reading', 0, 1);
  const read = readCensusFile(req.bytes, req.fileName, req.encoding ?? 'auto');
  // The worker owns its copy of the file: let it go before the rows are checked (it is 20+ MB at 100k rows).
  if (opts.releaseBytes) req.bytes = new Uint8Array(0);
  opts.afterRead?.();
  progress('reading', 1, 1);
  const layout = chooseLayout(read.sheets, req.sheet);
  if (!layout) {
    throw new AppError(
      'VALIDATION',
      `在“${req.fileName}”${req.sheet ? `的工作表“${req.sheet}”` : ''}前 15 行中找不到表头（如“企业名称”“统一社会信用代码”）。请确认这是摸排表，或检查文件编码。`,
    );
  }
  const { sheet, headers, headerRows } = layout;
  const sheetNames = read.sheets.map((s) => s.name);
  read.sheets = []; // only the chosen sheet is needed from here on
  const signature = createHash('sha1')
    .update(JSON.stringify(headers.map((h) => h.full)))
    .digest('hex');
  const saved = req.savedMappings?.[signature];
  const mapping = req.mapping ?? saved ?? autoMapping(headers);
  const mappingSource = req.mapping ? 'user' : saved ? 'saved' : 'auto';
  const byCol = new Map<number, CensusField>();
  for (const [f, c] of Object.entries(mapping) as [CensusField, number][]) byCol.set(c, f);
  const columns: CensusColumn[] = headers.map((h, index) => ({ index, header: h.full, field: byCol.get(index) ?? null }));
  const missingRequired = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined).map((f) => CENSUS_FIELD_LABELS[f]);
  const result: ParseResult = {
    sheet: sheet.name,
    sheets: sheetNames,
    encoding: read.encoding,
    headerRows: headerRows.map((r) => r + 1),
    columns,
    signature,
    mapping,
    mappingSource,
    missingRequired,
    rows: [],
  };
  if (missingRequired.length) return result; // the preview asks the user to map these first

  const dataStart = headerRows[headerRows.length - 1] + 1;
  fillMergedDown(sheet, dataStart);
  const headerTexts = (sheet.rows[headerRows[headerRows.length - 1]] ?? []).map((v) => (v === null ? '' : String(v).normalize('NFKC').trim()));
  const labels = headers.map((h) => h.full);
  const keyCols = [mapping.name!, mapping.uscc!];
  const total = sheet.rows.length - dataStart;
  const done: Cell[] = [];
  for (let r = dataStart; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r];
    sheet.rows[r] = done; // each grid row is garbage once checked, so the checked rows can take its place
    if (classifyRow(raw, headerTexts, keyCols) !== 'data') continue;
    result.rows.push(checkRow(r + 1, raw, mapping, labels, sheet.hidden.has(r)));
    if ((r - dataStart) % 5000 === 0) progress('checking', r - dataStart, total);
  }
  markDuplicates(result.rows, labels[mapping.uscc!] || CENSUS_FIELD_LABELS.uscc);
  opts.afterCheck?.();
  progress('checking', total, total);
  return result;
}
