import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { unzipSync } from 'fflate';
import { AppError } from '../errors';
import type { Cell } from './values';

/** One sheet as plain values: rows[r][c] (0-based), hidden rows, merged ranges. */
export interface Grid {
  name: string;
  rows: Cell[][];
  hidden: Set<number>;
  merges: { r1: number; c1: number; r2: number; c2: number }[];
}

export interface ReadResult {
  sheets: Grid[];
  /** The text encoding used (text formats only). */
  encoding: string | null;
  /** Why that encoding (text formats only). */
  encodingNote: string | null;
}

export type Encoding = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le';

/** Census sheets are narrow, but real 台账 forms put several tables side by side (96 columns in one seen); past this many columns is ignored. */
export const MAX_COLS = 256;
/** An .xlsx that unpacks to more than this is refused before unpacking (zip bomb). */
export const MAX_UNZIPPED = 400 * 1024 * 1024;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Counts the multi-byte UTF-8 sequences that are well formed and the bytes that are not. GBK text is
 * almost never well-formed UTF-8 beyond a stray pair, so many good sequences with a few bad bytes mean
 * a UTF-8 file with a few damaged bytes, not a GBK one.
 */
function utf8Evidence(buf: Buffer): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += len;
    } else {
      bad++;
      i++;
    }
  }
  return { good, bad };
}

/** Decoded text, the encoding used, and why (said in the preview): the user's choice, a BOM, or the bytes' evidence. */
export function decodeText(bytes: Uint8Array, choice: Encoding = 'auto'): { text: string; encoding: string; why: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chosen = choice === 'auto' ? null : '按所选编码读取';
  if (choice === 'utf-16le' || (choice === 'auto' && buf[0] === 0xff && buf[1] === 0xfe)) {
    const start = buf[0] === 0xff && buf[1] === 0xfe ? 2 : 0;
    return { text: buf.subarray(start).toString('utf16le'), encoding: 'utf-16le', why: chosen ?? '文件开头有 UTF-16 标记' };
  }
  if (choice === 'auto' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8', why: '文件开头有 UTF-8 标记' };
  }
  if (choice === 'utf-8') return { text: buf.toString('utf8').replace(/^\uFEFF/, ''), encoding: 'utf-8', why: chosen! };
  if (choice === 'gb18030') return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030', why: chosen! };
  const { good, bad } = utf8Evidence(buf);
  if (bad === 0) return { text: buf.toString('utf8'), encoding: 'utf-8', why: good ? '全部字节都是有效的 UTF-8' : '只有英文字符和数字' };
  // A few damaged bytes in a clearly UTF-8 file: decode as UTF-8 (they show as �) instead of garbling every character.
  if (good >= 20 * bad) {
    return { text: buf.toString('utf8'), encoding: 'utf-8', why: `按 UTF-8 读取：有 ${good} 处有效的 UTF-8 汉字编码，只有 ${bad} 个无效字节（显示为 �），可能是文件局部损坏` };
  }
  // Chinese office files that are not UTF-8 are GBK, which gb18030 covers (plus its 4-byte characters).
  return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030', why: `不是 UTF-8（${bad} 个字节不符合 UTF-8），按 GBK/GB18030 读取；如显示乱码，请改选编码` };
}

/** Sum of the declared unpacked sizes of a zip, and whether it is a binary workbook (.xlsb), without unpacking anything. */
function zipInfo(bytes: Uint8Array): { unpacked: number; binary: boolean } {
  let unpacked = 0;
  let binary = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (/\.bin$/i.test(f.name) && /workbook/i.test(f.name)) binary = true;
        return false;
      },
    });
  } catch {
    throw new AppError('UNSUPPORTED_FILE', '文件已损坏：无法解开 .xlsx 压缩包。请在 Excel 中打开后另存为 .xlsx 再导入。');
  }
  return { unpacked, binary };
}

interface ZipEntry {
  name: string;
  content?: Uint8Array | null;
  data?: string;
}
const sheetjs = XLSX as unknown as {
  CFB: { read(b: Buffer, o: { type: 'buffer' }): { FileIndex: ZipEntry[] } };
  parse_zip(zip: unknown, o: XLSX.ParsingOptions): XLSX.WorkBook;
};

/**
 * `XLSX.read` of a zip, less one copy. SheetJS unpacks every part into a buffer, keeps them all until the
 * workbook is built, and parses a sheet from a text copy of its part: 70 MB of bytes plus 70 MB of text for
 * 100k rows. Here each XML part keeps only the text — the same text SheetJS makes of it (a Buffer's 'binary'
 * string), which it takes from `data` as it does for JSZip entries. Unpacking (`CFB.read`) and parsing
 * (`parse_zip`) are the very steps `read` runs; `read` also turns on cellNF and sheetStubs with cellStyles
 * (and resets the code page, which only binary parts use: an .xlsb goes through `read` itself).
 */
function readZip(buf: Buffer, opts: XLSX.ParsingOptions): XLSX.WorkBook {
  const zip = sheetjs.CFB.read(buf, { type: 'buffer' });
  for (const e of zip.FileIndex) {
    const c = e.content;
    if (!c || !Buffer.isBuffer(c) || c.length === 0 || !/\.xml$/i.test(e.name)) continue;
    if ((c[0] === 0xff && c[1] === 0xfe) || (c[1] === 0xfe && c[2] === 0xff)) continue; // UTF-16: SheetJS converts it
    e.data = c.toString('binary');
    delete e.content;
  }
  return sheetjs.parse_zip(zip, { ...opts, ...(opts.cellStyles ? { cellNF: true, sheetStubs: true } : {}) });
}

function readWorkbook(bytes: Uint8Array, fileName: string, encoding: Encoding): { wb: XLSX.WorkBook; encoding: string | null; encodingNote?: string } {
  if (bytes.byteLength === 0) throw new AppError('UNSUPPORTED_FILE', `“${fileName}”是空文件（0 字节），请检查是否保存完整。`);
  // Only `.v` is used: no formatted text (`.w`) per cell, which is a string for every number of 100k rows.
  // cellStyles stays on: it is what reads hidden rows (`!rows`).
  const common = { dense: true, nodim: true, cellStyles: true, cellText: false, cellHTML: false, cellFormula: false, WTF: false } as const;
  // A Buffer view, not a plain array: SheetJS slices the input once per zip entry, and a Buffer slice is not a copy.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isZip(bytes)) {
    const zip = zipInfo(bytes);
    if (zip.unpacked > MAX_UNZIPPED) {
      throw new AppError('LIMIT', `“${fileName}”解压后超过 ${MAX_UNZIPPED / 1024 / 1024} MB，不像一份摸排表（可能是“压缩炸弹”），已拒绝读取。`);
    }
    const opts = { ...common, type: 'buffer' } as const;
    return { wb: zip.binary ? XLSX.read(buf, opts) : readZip(buf, opts), encoding: null };
  }
  if (isOle(bytes)) return { wb: XLSX.read(buf, { ...common, type: 'buffer' }), encoding: null };
  const { text, encoding: used, why } = decodeText(bytes, encoding);
  if (/\.(xlsx|xlsm)$/i.test(fileName) || (/\.xls$/i.test(fileName) && !/^\s*</.test(text))) {
    throw new AppError('UNSUPPORTED_FILE', `“${fileName}”的内容不是 Excel 表格（可能已损坏或扩展名不对）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
  }
  if (text.includes('\u0000')) throw new AppError('UNSUPPORTED_FILE', `“${fileName}”不是文本表格，也不是 Excel 文件，无法读取。`);
  // raw: keep 913502000728319549 and 00123 as text; HTML tables saved as .xls come through the same path.
  return { wb: XLSX.read(text, { ...common, type: 'string', raw: true }), encoding: used, encodingNote: why };
}

function friendlyReadError(e: unknown, fileName: string): AppError {
  if (e instanceof AppError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(msg)) {
    return new AppError('UNSUPPORTED_FILE', `“${fileName}”设置了打开密码（已加密），无法读取。请在 Excel 中取消密码后另存，再导入。`);
  }
  return new AppError('UNSUPPORTED_FILE', `无法读取“${fileName}”：文件格式不受支持或已损坏（${msg.slice(0, 120)}）。请另存为 .xlsx 后再试。`);
}

/** Reads any census file into plain grids. Heavy: run it in the parse worker. */
export function readCensusFile(bytes: Uint8Array, fileName: string, encoding: Encoding = 'auto'): ReadResult {
  let read: { wb: XLSX.WorkBook; encoding: string | null; encodingNote?: string };
  try {
    read = readWorkbook(bytes, fileName, encoding);
  } catch (e) {
    throw friendlyReadError(e, fileName);
  }
  const sheets: Grid[] = [];
  for (const name of read.wb.SheetNames) {
    const ws = read.wb.Sheets[name];
    if (ws) sheets.push(toGrid(name, ws));
    delete read.wb.Sheets[name]; // let the cell objects go as soon as the plain grid exists
  }
  return { sheets, encoding: read.encoding, encodingNote: read.encodingNote ?? null };
}

function toGrid(name: string, ws: XLSX.WorkSheet): Grid {
  const data = ((ws as unknown as { '!data'?: (XLSX.CellObject[] | undefined)[] })['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: Cell[][] = [];
  let lastNonEmpty = -1;
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    const row: Cell[] = [];
    if (src) {
      const n = Math.min(src.length, MAX_COLS);
      for (let c = 0; c < n; c++) {
        const cell = src[c];
        if (!cell || cell.t === 'z' || cell.t === 'e' || cell.v === undefined || cell.v === null) continue;
        const v = cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : (cell.v as Cell);
        if (v === '') continue;
        row[c] = v;
      }
    }
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    rows.push(row);
    if (row.length) lastNonEmpty = r;
  }
  rows.length = lastNonEmpty + 1; // a million formatted empty rows at the end are nothing
  const hidden = new Set<number>();
  (ws['!rows'] ?? []).forEach((info, r) => {
    if (info?.hidden && r <= lastNonEmpty) hidden.add(r);
  });
  const merges = (ws['!merges'] ?? [])
    .filter((m) => m.s.r <= lastNonEmpty && m.s.c < MAX_COLS)
    .map((m) => ({ r1: m.s.r, c1: m.s.c, r2: Math.min(m.e.r, lastNonEmpty), c2: Math.min(m.e.c, MAX_COLS - 1) }));
  return { name, rows, hidden, merges };
}
