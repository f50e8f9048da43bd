import { createHash } from 'node:crypto';
import type { CensusColumn, CensusField, CensusFileIssue, CensusFixedValues, CensusMapping } from '../../../shared/contract/census';
import { CENSUS_FIELD_LABELS } from '../../../shared/contract/census-fields';
import { AppError } from '../errors';
import { isPersonHeader } from './fields';
import { chooseLayout, classifyRow, columnLetter, fillMergedDown, isNoteRow, MAX_HEADER_ROWS } from './layout';
import { decideMapping, findOptionGroups, groupOf } from './mapping';
import { fitOf } from './profiles';
import { readCensusFile, type Encoding, type ReadResult } from './read';
import type { Cell } from './values';
import { checkRow, duplicateMarker, type CheckedRow, type RowReader } from './validate';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  encoding?: Encoding;
  sheet?: string;
  /** The user's mapping (wins), then a remembered one for the same header layout, then the automatic one. */
  mapping?: CensusMapping;
  savedMappings?: Record<string, CensusMapping>;
  /** One value per field for the whole file (所在街道 of a street office's own file). */
  fixed?: CensusFixedValues;
  /** Header rows the user named (1-based first and last). */
  headerRows?: [number, number];
  /** Streets the office already has: a column of them is a street column. */
  knownStreets?: string[];
}

export interface ParseResult {
  sheet: string;
  sheets: string[];
  encoding: string | null;
  encodingNote: string | null;
  headerRows: number[];
  columns: CensusColumn[];
  /** Header layout fingerprint: a confirmed mapping is remembered under it. */
  signature: string;
  mapping: CensusMapping;
  mappingSource: 'auto' | 'saved' | 'user';
  missingRequired: string[];
  fileIssues: CensusFileIssue[];
  fixed: CensusFixedValues;
  /** Data rows in the file, checked or not. */
  dataRows: number;
  /** Data rows left unchecked: they wait for a missing column or a file-wide value. */
  waiting: number;
  rows: CheckedRow[];
}

export type Progress = (phase: 'reading' | 'checking', done: number, total: number) => void;

/** Without these an organisation cannot be filed: a missing one is said once, and the rows wait for it. */
export const REQUIRED_FIELDS: CensusField[] = ['name', 'uscc', 'street'];

export interface ParseOptions {
  /** The worker owns `req.bytes`: drop them once read. */
  releaseBytes?: boolean;
  /** Called when the workbook is gone and only the plain grid remains (the worker collects the read's garbage here). */
  afterRead?: () => void;
  /** `readCensusFile` of these very bytes, name and encoding, done before the request came (the worker's read-ahead). */
  readAhead?: ReadResult;
  /**
   * Takes the checked rows in slices of `rowsPerSlice` as soon as they are final (the worker posts them while it
   * checks the rest); they are then not in the result's `rows`.
   */
  onRows?: (rows: CheckedRow[]) => void;
  rowsPerSlice?: number;
}

const SAMPLE_ROWS = 200;

/** Up to SAMPLE_ROWS rows spread over the data area (rows with at least two cells): the values a mapping is judged by. */
function sampleRows(rows: Cell[][], from: number): Cell[][] {
  const step = Math.max(1, Math.floor((rows.length - from) / (SAMPLE_ROWS * 2)));
  const out: Cell[][] = [];
  for (let r = from; r < rows.length && out.length < SAMPLE_ROWS; r += step) {
    const row = rows[r];
    let n = 0;
    for (const v of row ?? []) if (v !== null && v !== '' && ++n >= 2) break;
    if (n >= 2) out.push(row);
  }
  return out;
}

const MISSING_TEXT: Partial<Record<CensusField, string>> = {
  name: '文件中没有找到单位名称列（如“企业名称”“社会组织名称”）。请在“列对应关系”中指定名称所在的列（命令行：--map 企业（社会组织）名称=列标题或列字母）。',
  uscc: '文件中没有找到统一社会信用代码列。代码是识别组织的依据：请在文件中补上“统一社会信用代码”一列后重新导入，或指定代码所在的列（命令行：--map 统一社会信用代码=列标题或列字母）。',
  street:
    '文件中没有“所在街道（乡镇）”列。若整份文件都属于同一街道（乡镇），请在预览中为整份文件填写街道（命令行：--set 所在街道=某某街道）；否则请在文件中补上一列街道后重新导入，或指定街道所在的列（--map 所在街道=列）。',
};

/** File bytes → checked rows. Pure (no database): runs inside the parse worker. */
export function parseCensus(req: ParseRequest, progress: Progress = () => {}, opts: ParseOptions = {}): ParseResult {
  progress('reading', 0, 1);
  const read = opts.readAhead ?? readCensusFile(req.bytes, req.fileName, req.encoding ?? 'auto');
  // The worker owns its copy of the file: let it go before the rows are checked (it is 20+ MB at 100k rows).
  if (opts.releaseBytes) req.bytes = new Uint8Array(0);
  opts.afterRead?.();
  progress('reading', 1, 1);
  const forced = req.headerRows ? ([req.headerRows[0] - 1, req.headerRows[1] - 1] as [number, number]) : undefined;
  if (req.sheet && !read.sheets.some((s) => s.name === req.sheet)) {
    throw new AppError('VALIDATION', `“${req.fileName}”中没有名为“${req.sheet}”的工作表。现有工作表：${read.sheets.map((s) => `“${s.name}”`).join('、')}。`);
  }
  if (forced && (forced[1] < forced[0] || forced[1] - forced[0] >= MAX_HEADER_ROWS)) {
    throw new AppError('VALIDATION', `表头行“${req.headerRows!.join('-')}”不对：请写成“起始行-结束行”，如 4-6，最多 ${MAX_HEADER_ROWS} 行。`);
  }
  const layout = chooseLayout(read.sheets, req.sheet, forced);
  if (!layout) {
    throw new AppError(
      'VALIDATION',
      `在“${req.fileName}”${req.sheet ? `的工作表“${req.sheet}”` : ''}前 15 行中找不到表头（如“企业名称”“统一社会信用代码”）。请确认这是摸排表，或检查文件编码；表头在更靠下的位置时，可指定表头所在行（命令行：--header-rows 起始行-结束行）。`,
    );
  }
  const { sheet, headers, headerRows } = layout;
  const sheetNames = read.sheets.map((s) => s.name);
  read.sheets = []; // only the chosen sheet is needed from here on
  const signature = createHash('sha1')
    .update(JSON.stringify(headers.map((h) => h.full)))
    .digest('hex');
  const dataStart = headerRows[headerRows.length - 1] + 1;
  fillMergedDown(sheet, dataStart);
  const groups = findOptionGroups(headers);
  const saved = req.savedMappings?.[signature];
  const given = req.mapping ? { mapping: req.mapping, source: 'user' as const } : saved ? { mapping: saved, source: 'saved' as const } : undefined;
  const profileCtx = { knownStreets: new Set(req.knownStreets ?? []) };
  const sample = sampleRows(sheet.rows, dataStart);
  const decision = decideMapping(layout, sample, profileCtx, groups, given);
  const fileIssues: CensusFileIssue[] = [];
  const fixed: CensusFixedValues = { ...req.fixed };
  const at = (col: number) => `${headers[col].full}（${columnLetter(col)} 列）`;

  // A list of people (姓名, 性别, 身份证号 …) with no credit code is not a list of organisations.
  const personHeaders = headers.filter((h) => h.parts.some(isPersonHeader)).length;
  const roster = personHeaders >= 3 && decision.mapping.uscc === undefined && !req.mapping;
  let mapping = decision.mapping;
  let columns = decision.columns;
  if (roster) {
    mapping = {};
    columns = columns.map((c) => ({ ...c, field: null, reason: null, fit: null, sampled: 0, option: null, suggestion: null }));
    fileIssues.push({
      code: 'NOT_AN_ORG_LIST',
      message: `这是一份人员名单（有“姓名”“性别”“身份证号”等列），不是企业或社会组织名单，不能作为摸排表导入。摸排表应每行一个组织，含单位名称和统一社会信用代码。`,
    });
  }
  const mappingSource = req.mapping ? 'user' : saved ? 'saved' : 'auto';
  const missing = roster ? [] : REQUIRED_FIELDS.filter((f) => mapping[f] === undefined && fixed[f] === undefined);
  for (const f of missing) {
    const doubt = decision.doubts.find((d) => d.field === f);
    fileIssues.push({ code: 'MISSING_COLUMN', field: f, message: MISSING_TEXT[f]! + (doubt ? `列“${at(doubt.col)}”可能是它：${doubt.reason}，请确认。` : '') });
  }
  if (!roster) {
    for (const d of decision.doubts) {
      if (missing.includes(d.field)) continue;
      const label = CENSUS_FIELD_LABELS[d.field];
      fileIssues.push({
        code: 'DOUBTFUL_MAPPING',
        field: d.field,
        column: headers[d.col].full,
        message: `列“${at(d.col)}”可能是“${label}”：${d.reason}。未采用；如确是，请在列对应关系中选定（命令行：--map ${label}=${columnLetter(d.col)}）。`,
      });
    }
  }
  const result: ParseResult = {
    sheet: sheet.name,
    sheets: sheetNames,
    encoding: read.encoding,
    encodingNote: read.encodingNote,
    headerRows: headerRows.map((r) => r + 1),
    columns,
    signature,
    mapping,
    mappingSource,
    missingRequired: missing.map((f) => CENSUS_FIELD_LABELS[f]),
    fileIssues,
    fixed,
    dataRows: 0,
    waiting: 0,
    rows: [],
  };
  if (roster) return result;

  const headerTexts = (sheet.rows[headerRows[headerRows.length - 1]] ?? []).map((v) => (v === null ? '' : String(v).normalize('NFKC').trim()));
  const labels = headers.map((h) => h.full);
  const keyCols = [mapping.name, mapping.uscc].filter((c): c is number => c !== undefined);
  const reader: RowReader = { mapping, headers: labels, groups, fixed };
  // Mapped columns not yet seen holding a value (a column empty in every row is said once).
  const unseen = new Set(Object.entries(mapping).filter(([f]) => f !== 'seq' && fixed[f as CensusField] === undefined).flatMap(([, c]) => groupOf(groups, c)?.columns.map((o) => o.col) ?? [c]));
  const total = sheet.rows.length - dataStart;
  const done: Cell[] = [];
  let keyed = false;
  const markDuplicate = duplicateMarker(mapping.uscc === undefined ? CENSUS_FIELD_LABELS.uscc : labels[mapping.uscc] || CENSUS_FIELD_LABELS.uscc);
  const flush = () => {
    if (!opts.onRows || !result.rows.length) return;
    opts.onRows(result.rows);
    result.rows = [];
  };
  for (let r = dataStart; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r];
    sheet.rows[r] = done; // each grid row is garbage once checked, so the checked rows can take its place
    if (classifyRow(raw, headerTexts, keyCols) !== 'data') continue;
    if (!keyed && isNoteRow(raw, keyCols)) continue; // a note under the header, before the first organisation
    keyed = true;
    result.dataRows++;
    if (unseen.size) for (const c of unseen) if (raw[c] !== null && raw[c] !== undefined && raw[c] !== '') unseen.delete(c);
    if (missing.length) continue; // the rows wait for the missing column or value
    const row = checkRow(r + 1, raw, reader, sheet.hidden.has(r));
    markDuplicate(row);
    result.rows.push(row);
    if (result.rows.length >= (opts.rowsPerSlice ?? Infinity)) flush();
    if ((r - dataStart) % 5000 === 0) progress('checking', r - dataStart, total);
  }
  if (missing.length) result.waiting = result.dataRows;
  if (result.dataRows === 0) {
    fileIssues.push({
      code: 'NO_DATA_ROWS',
      message: `表头（第 ${result.headerRows[0]}–${result.headerRows[result.headerRows.length - 1]} 行）以下没有数据行，这可能是一张空白模板。请确认选对了工作表（命令行：--sheet 名称），或在表头下填写数据后再导入。`,
    });
  } else {
    for (const [f, c] of Object.entries(mapping) as [CensusField, number][]) {
      const cols = groupOf(groups, c)?.columns.map((o) => o.col) ?? [c];
      if (f === 'seq' || !cols.every((x) => unseen.has(x))) continue;
      const fitsHere = (col: number) => {
        const p = fitOf(f, sample.map((row) => row[col] ?? null), profileCtx);
        return p.sampled >= 3 && (p.fit ?? 0) >= 0.8;
      };
      const other = columns.find((x) => !x.field && x.header && fitsHere(x.index));
      fileIssues.push({
        code: 'EMPTY_COLUMN',
        field: f,
        column: headers[c].full,
        message: `列“${at(c)}”（对应“${CENSUS_FIELD_LABELS[f]}”）在全部 ${result.dataRows} 个数据行中都是空的。${other ? `列“${at(other.index)}”中的值像${CENSUS_FIELD_LABELS[f]}，是否应对应该列？` : '请确认对应的列是否选对，或在文件中补填。'}`,
      });
    }
  }
  flush();
  progress('checking', total, total);
  return result;
}
