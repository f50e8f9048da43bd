import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { parseCensus, type ParseResult } from '../../electron/core/census/parse';
import { parseInWorker, warmParseWorker } from '../../electron/core/census/worker-host';
import { cleanText, excelSerialToIso, PLAIN_TEXT, type Cell } from '../../electron/core/census/values';
import { readCensusFile } from '../../electron/core/census/read';
import { classifyRow } from '../../electron/core/census/layout';
import { generateCensusFile } from '../../electron/core/census/generate';
import type { CheckedRow } from '../../electron/core/census/validate';

/** Real files made here, in the shapes the street offices send (census-import.md "Inputs a test suite should meet"). */
const HEADER = ['序号', '企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织', '党组织成立时间'];
const OK_CODES = ['91131102YK306XJR0K', '91131102MMD8GA3B54', '51131102AFG2TGAG5P', '91131102HLPPM40L1G', '91131102GEGJQQCE8U'];
type Aoa = (string | number | boolean | null)[][];

const row = (i: number, over: Partial<Record<'name' | 'code' | 'street' | 'emp' | 'mem' | 'built' | 'date', string | number | null>> = {}) => [
  i,
  'name' in over ? over.name! : `衡水测试${i}有限公司`,
  'code' in over ? over.code! : OK_CODES[(i - 1) % OK_CODES.length],
  'street' in over ? over.street! : '河西街道',
  'emp' in over ? over.emp! : 20,
  'mem' in over ? over.mem! : 3,
  'built' in over ? over.built! : '是',
  'date' in over ? over.date! : null,
];

function xlsx(aoa: Aoa, opts: { merges?: XLSX.Range[]; hidden?: number[]; bookType?: XLSX.BookType; sheets?: [string, Aoa][] } = {}): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, data] of opts.sheets ?? []) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(data), name);
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  if (opts.merges) ws['!merges'] = opts.merges;
  if (opts.hidden) ws['!rows'] = Array.from({ length: aoa.length }, (_, r) => (opts.hidden!.includes(r) ? { hidden: true } : {}));
  XLSX.utils.book_append_sheet(wb, ws, '摸排表');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'xlsx' }) as Buffer);
}

const csv = (aoa: Aoa, sep = ',') => aoa.map((r) => r.map((c) => (c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(sep)).join('\r\n');
const enc = (text: string, encoding: string, bom = false) => {
  const body = new Uint8Array(iconv.encode(text, encoding));
  if (!bom) return body;
  const b = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xef, 0xbb, 0xbf];
  return new Uint8Array([...b, ...body]);
};

const parse = (bytes: Uint8Array, fileName: string, extra: Partial<Parameters<typeof parseCensus>[0]> = {}) => parseCensus({ bytes, fileName, ...extra });
const at = (r: ParseResult, fileRow: number) => {
  const found = r.rows.find((x) => x.row === fileRow);
  if (!found) throw new Error(`no data row ${fileRow}; rows: ${r.rows.map((x) => x.row).join(',')}`);
  return found;
};
const reasons = (r: ParseResult, fileRow: number) => [...at(r, fileRow).errors, ...at(r, fileRow).warnings].map((i) => i.reason).join('；');
function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const basic: Aoa = [['2026年度摸排表'], HEADER, row(1), row(2)];

describe('census encodings', () => {
  it('GBK CSV, including the GBK-only 镕', () => {
    const r = parse(enc(csv([HEADER, row(1, { name: '衡水朱镕科技有限公司' })]), 'gbk'), 'a.csv');
    expect(r.encoding).toBe('gb18030');
    expect(at(r, 2).values.name).toBe('衡水朱镕科技有限公司');
  });
  it('GB18030 four-byte characters (𠀀)', () => {
    const r = parse(enc(csv([HEADER, row(1, { name: '衡水𠀀科技有限公司' })]), 'gb18030'), 'a.csv');
    expect(at(r, 2).values.name).toBe('衡水𠀀科技有限公司');
  });
  it('UTF-8 with and without BOM', () => {
    for (const bom of [true, false]) {
      const r = parse(enc(csv(basic), 'utf8', bom), 'a.csv');
      expect(r.encoding).toBe('utf-8');
      expect(at(r, 3).values.name).toBe('衡水测试1有限公司');
    }
  });
  it('UTF-16LE tab-delimited text (Excel "Unicode 文本")', () => {
    const r = parse(enc(csv(basic, '\t'), 'utf-16le', true), 'a.txt');
    expect(r.encoding).toBe('utf-16le');
    expect(at(r, 4).values.uscc).toBe(OK_CODES[1]);
  });
  it('a 2-row GBK file is not mistaken for another encoding', () => {
    const r = parse(enc(csv([HEADER, row(1, { name: '路北商贸' })]), 'gbk'), 'a.csv');
    expect(r.rows).toHaveLength(1);
    expect(at(r, 2).values.name).toBe('路北商贸');
  });
  it('the user can override the encoding', () => {
    const bytes = enc(csv([HEADER, row(1, { name: '路北商贸' })]), 'gbk');
    expect(failure(() => parse(bytes, 'a.csv', { encoding: 'utf-8' })).message).toContain('检查文件编码');
    const r = parse(bytes, 'a.csv', { encoding: 'gb18030' });
    expect(at(r, 2).values.name).toBe('路北商贸');
  });
});

describe('census formats', () => {
  it('.xlsx and real .xls (BIFF8)', () => {
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const r = parse(xlsx(basic, { bookType }), bookType === 'xlsx' ? 'a.xlsx' : 'a.xls');
      expect(r.rows.map((x) => x.outcome)).toEqual(['accept', 'accept']);
    }
  });
  it('an HTML table saved as .xls keeps long codes and leading zeros as text', () => {
    const html = `<html><head><meta charset="gbk"></head><body><table>${[HEADER, row(1, { emp: '0012' })]
      .map((r) => `<tr>${r.map((c) => `<td>${c ?? ''}</td>`).join('')}</tr>`)
      .join('')}</table></body></html>`;
    const r = parse(enc(html, 'gbk'), 'a.xls');
    expect(at(r, 2).values).toMatchObject({ uscc: OK_CODES[0], employees: 12, name: '衡水测试1有限公司' });
  });
  it('.xlsx renamed .xls', () => {
    expect(parse(xlsx(basic), 'renamed.xls').rows).toHaveLength(2);
  });
  it('an encrypted file, a 0-byte file and garbage named .xlsx fail with a clear message', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(4096, 7));
    const encrypted = new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    expect(failure(() => parse(encrypted, '加密.xlsx')).message).toContain('密码');
    expect(failure(() => parse(new Uint8Array(0), '空.xlsx')).message).toContain('0 字节');
    const garbage = new Uint8Array(3000).map((_, i) => (i * 7919) % 251);
    expect(failure(() => parse(garbage, '乱码.xlsx')).message).toContain('不是 Excel 表格');
  });
});

describe('census layouts', () => {
  it('title rows, 填报单位 line, footnotes, 合计/小计 rows, blank rows and columns', () => {
    const aoa: Aoa = [
      ['桃城区2026年度摸排表'],
      ['填报单位（盖章）：路北街道  填报日期：2026年10月'],
      [],
      [null, ...HEADER],
      [null, ...row(1)],
      [],
      [null, ...row(2)],
      [null, '小计', null, null, null, 40, 6],
      [null, '合计', null, null, null, 40, 6],
      [null, '注：1. 统一社会信用代码须填写18位。'],
      [null, '2. 党员数按组织关系所在统计。'],
      [null, '填表人：     审核人：'],
    ];
    const r = parse(xlsx(aoa), 'a.xlsx');
    expect(r.headerRows).toEqual([4]);
    expect(r.rows.map((x) => x.row)).toEqual([5, 7]);
    expect(r.rows.every((x) => x.outcome === 'accept')).toBe(true);
  });
  it('each kind of row below the header, cells read as cleaned text (classifyRow)', () => {
    const header = ['序号', '企业名称', '统一社会信用代码', '所在街道', '从业人员数'];
    const keys = [1, 2];
    const kind = (row: (Cell | undefined)[] | undefined) => classifyRow(row as Cell[] | undefined, header, keys); // a sparse row reads undefined
    const sparse: (string | null)[] = [];
    sparse[2] = OK_CODES[0];
    expect(kind(undefined)).toBe('blank');
    expect(kind([])).toBe('blank');
    expect(kind([null, '  ', '\u3000', undefined, ''])).toBe('blank');
    expect(kind([null, '甲公司', OK_CODES[0], '河西街道', 9])).toBe('data');
    expect(kind(sparse)).toBe('data'); // a lone cell in a key column is data
    expect(kind([null, null, null, '河西街道'])).toBe('footnote');
    expect(kind([null, '注：代码填 18 位'])).toBe('footnote');
    expect(kind([null, '填表人：张小三', '审核人：李四'])).toBe('footnote');
    expect(kind([null, '填表人', '审核人'])).toBe('data'); // too short for a footnote
    expect(kind([1, '甲公司', '小 计', 40])).toBe('total'); // within the first three filled cells, spaces ignored
    expect(kind([1, '甲公司', OK_CODES[0], '合计'])).toBe('data');
    expect(kind(['序号', '企业名称', '统一社会信用代码', '所在街道', '从业人员数'])).toBe('header');
    expect(kind(['序号', '企业名称', '统一社会信用代码', '所在街道', 12])).toBe('header'); // one cell off
    expect(kind(['１', '企业名称', '统一社会信用代码', '河西街道', 12])).toBe('data'); // two off
    expect(kind([null, '企业名称\u3000', ' 统一社会信用代码'])).toBe('header'); // full-width and padded, as cleaned
  });
  it('two-row merged headers are joined as 父/子, headers with line breaks and （人）', () => {
    const aoa: Aoa = [
      ['序号', '基本情况', null, null, '从业\n人员（人）', '党员情况', null, '党组织'],
      [null, '单位名称', '信用代码', '所属街道', null, '正式党员', '预备党员', '已建立党组织'],
      [1, '甲公司', OK_CODES[0], '河东街道', 9, 3, 1, '√'],
    ];
    const merges = [
      { s: { r: 0, c: 1 }, e: { r: 0, c: 3 } },
      { s: { r: 0, c: 5 }, e: { r: 0, c: 6 } },
      { s: { r: 0, c: 4 }, e: { r: 1, c: 4 } },
    ];
    const r = parse(xlsx(aoa, { merges }), 'a.xlsx');
    expect(r.headerRows).toEqual([1, 2]);
    expect(r.columns.map((c) => c.header)).toContain('党员情况/预备党员');
    expect(r.mapping).toMatchObject({ name: 1, uscc: 2, street: 3, employees: 4, fullMembers: 5, probationaryMembers: 6, partyOrgBuilt: 7 });
    expect(at(r, 3).values).toMatchObject({ employees: 9, fullMembers: 3, probationaryMembers: 1, partyOrgBuilt: true });
  });
  it('hidden rows are read but flagged for the user', () => {
    const r = parse(xlsx([HEADER, row(1), row(2)], { hidden: [2] }), 'a.xlsx');
    expect(at(r, 2).outcome).toBe('accept');
    expect(at(r, 3).outcome).toBe('warn');
    expect(reasons(r, 3)).toContain('隐藏');
  });
  it('several sheets: the one with the census header is chosen', () => {
    const r = parse(xlsx(basic, { sheets: [['填表说明', [['填表说明'], ['1. 请如实填写'], ['2. 代码填 18 位']]], ['汇总', [['街道', '户数'], ['河西街道', 2]]]] }), 'a.xlsx');
    expect(r.sheet).toBe('摸排表');
    expect(r.sheets).toEqual(['填表说明', '汇总', '摸排表']);
  });
  it('duplicate header names: each field is taken once, the first column wins', () => {
    const r = parse(xlsx([[...HEADER, '企业名称'], [...row(1), '别的名字']]), 'a.xlsx');
    expect(r.mapping.name).toBe(1);
    expect(at(r, 2).values.name).toBe('衡水测试1有限公司');
  });
  it('merged data cells are filled down', () => {
    const aoa: Aoa = [HEADER, row(1), row(2, { street: null }), row(3, { street: null })];
    const r = parse(xlsx(aoa, { merges: [{ s: { r: 1, c: 3 }, e: { r: 3, c: 3 } }] }), 'a.xlsx');
    expect(r.rows.map((x) => x.values.street)).toEqual(['河西街道', '河西街道', '河西街道']);
  });
  it('a header that cannot be found says so', () => {
    expect(failure(() => parse(xlsx([['随便'], ['一张', '表']]), 'a.xlsx')).message).toContain('找不到表头');
  });
});

describe('census credit codes', () => {
  const codes = (list: (string | number)[]) => parse(xlsx([HEADER, ...list.map((code, i) => row(i + 1, { code, name: `单位${i}` }))]), 'a.xlsx');
  it('lower-case, full-width, inner spaces and hyphens are normalised', () => {
    const r = codes([' 91131102yk306xjr0k ', '９１１３１１０２ＭＭＤ８ＧＡ３Ｂ５４', '5113 1102 AFG2 TGAG5P', '91131102-HLPPM40L1G']);
    expect(r.rows.map((x) => [x.values.uscc, x.outcome])).toEqual([
      ['91131102YK306XJR0K', 'accept'],
      ['91131102MMD8GA3B54', 'accept'],
      ['51131102AFG2TGAG5P', 'accept'],
      ['91131102HLPPM40L1G', 'accept'],
    ]);
  });
  it('17 or 19 characters reject the row; a checksum failure is a warning', () => {
    const r = codes(['91131102YK306XJR0', '91131102YK306XJR0KK', '91131102YK306XJR01']);
    expect(r.rows.map((x) => x.outcome)).toEqual(['reject', 'reject', 'warn']);
    expect(reasons(r, 2)).toContain('17 位');
    expect(reasons(r, 4)).toContain('校验位');
    expect(at(r, 2).errors[0].column).toBe('统一社会信用代码');
  });
  it('a code stored as an Excel number (precision lost) is an error', () => {
    const r = codes([911311023456789000]);
    expect(at(r, 2).outcome).toBe('reject');
    expect(reasons(r, 2)).toContain('存成了数字');
  });
  it('duplicates: conflicting data rejects the later row; identical data is imported once', () => {
    const r = parse(xlsx([HEADER, row(1), row(2, { code: OK_CODES[0] }), row(3, { code: OK_CODES[0], name: '衡水测试1有限公司' })]), 'a.xlsx');
    expect(r.rows.map((x) => x.outcome)).toEqual(['accept', 'reject', 'reject']);
    expect(reasons(r, 3)).toContain('与第 2 行');
    expect(reasons(r, 3)).toContain('内容不同');
    expect(reasons(r, 4)).toContain('内容相同');
  });
  it('rows handed on in slices while the rest are checked (as the worker posts them) are the same rows, a duplicate of an earlier slice included', () => {
    const bytes = xlsx([HEADER, row(1), row(2), row(3), row(4, { code: OK_CODES[0] }), row(5, { code: OK_CODES[1], name: '衡水测试2有限公司' })]);
    const whole = parse(bytes, 'a.xlsx');
    expect(whole.rows.map((x) => x.outcome)).toEqual(['accept', 'accept', 'accept', 'reject', 'reject']);
    const slices: CheckedRow[][] = [];
    const sliced = parseCensus({ bytes, fileName: 'a.xlsx' }, undefined, { onRows: (rows) => slices.push(rows), rowsPerSlice: 2 });
    expect(sliced.rows).toEqual([]);
    expect(slices.map((x) => x.length)).toEqual([2, 2, 1]);
    expect(slices.flat()).toEqual(whole.rows);
    expect({ ...sliced, rows: whole.rows }).toEqual(whole);
  });
});

describe('census numbers, yes/no and dates', () => {
  it('cleanText leaves plain text as it is only where NFKC and the space rules would too', () => {
    const unstable: string[] = [];
    for (let c = 0x21; c <= 0x9fff; c++) {
      if (c > 0x7e && c < 0x4e00) continue;
      const ch = String.fromCharCode(c);
      if (!PLAIN_TEXT.test(ch) || ch.normalize('NFKC') !== ch) unstable.push(ch);
    }
    expect(unstable).toEqual([]);
    const notPlain = ['ＡＢＣ', '（有限公司）', ' a', 'a ', 'a  b', 'a\tb', '\u3000甲', '①', 'ﬁ', '\uf900', '\u00a0x', 'e\u0301', ''];
    expect(notPlain.filter((t) => PLAIN_TEXT.test(t))).toEqual([]);
    expect(cleanText('衡水 测试1 有限公司')).toBe('衡水 测试1 有限公司');
    expect(cleanText('ＡＢＣ　 公司 ')).toBe('ABC 公司');
    expect(cleanText('\uf900')).toBe('\u8c48');
  });
  it('counts in the forms people type', () => {
    const inputs: (string | number)[] = ['1,234', '３', ' 2 ', '12人', '约50', '三', '-', '/', '无', '3.0', 7];
    const r = parse(xlsx([HEADER, ...inputs.map((emp, i) => row(i + 1, { emp, mem: 0, built: '否', code: null, name: `单位${i}` }))]), 'a.xlsx');
    expect(r.rows.map((x) => x.values.employees)).toEqual([1234, 3, 2, 12, 50, 3, 0, 0, 0, 3, 7]);
    expect(reasons(r, 6)).toContain('约数');
  });
  it('negatives and fractions are errors; members > employees is a warning', () => {
    const r = parse(xlsx([HEADER, row(1, { emp: -3 }), row(2, { emp: '2.5' }), row(3, { emp: 5, mem: 8 })]), 'a.xlsx');
    expect(r.rows.map((x) => x.outcome)).toEqual(['reject', 'reject', 'warn']);
    expect(reasons(r, 2)).toContain('负数');
    expect(reasons(r, 4)).toContain('多于从业人员数');
  });
  it('yes/no words', () => {
    const words = ['是', '否', '√', '×', '有', '无', '已建', '未建', 'Y', 'N', '1', '0', '是（联合）'];
    const r = parse(xlsx([HEADER, ...words.map((built, i) => row(i + 1, { built, code: null, name: `单位${i}` }))]), 'a.xlsx');
    expect(r.rows.map((x) => x.values.partyOrgBuilt)).toEqual([true, false, true, false, true, false, true, false, true, false, true, false, true]);
    expect(at(r, 14).values.formation).toBe('联合组建');
    const bad = parse(xlsx([HEADER, row(1, { built: '也许' })]), 'a.xlsx');
    expect(reasons(bad, 2)).toContain('不是“是/否”');
  });
  it('dates: Excel serials, 2024.1.5 2024/01/05 2024年1月5日 20240105 2024.01', () => {
    const dates: (string | number)[] = [45296, '2024.1.5', '2024/01/05', '2024年1月5日', '20240105', '2024.01'];
    const r = parse(xlsx([HEADER, ...dates.map((date, i) => row(i + 1, { date, code: null, name: `单位${i}` }))]), 'a.xlsx');
    expect(r.rows.map((x) => x.values.foundedOn)).toEqual(['2024-01-05', '2024-01-05', '2024-01-05', '2024-01-05', '2024-01-05', '2024-01-01']);
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
  });
  it('no name rejects the row and names the column', () => {
    const r = parse(enc(csv([HEADER, row(1, { name: '  ' })]), 'utf8'), 'a.csv');
    expect(at(r, 2).outcome).toBe('reject');
    expect(at(r, 2).errors[0]).toMatchObject({ row: 2, column: '企业名称' });
  });
});

/** A minimal .xlsx written by hand, for shapes SheetJS would never write. */
function rawXlsx(sheetXml: string): Uint8Array {
  const base = unzipSync(xlsx([HEADER]));
  base['xl/worksheets/sheet1.xml'] = strToU8(sheetXml);
  return zipSync(base);
}
const cellRow = (r: number, values: (string | number)[]) =>
  `<row r="${r}">${values.map((v, c) => `<c r="${XLSX.utils.encode_cell({ r: r - 1, c })}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
const sheetXml = (body: string, extra = '', dim = 'A1:H3') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dim}"/><sheetData>${body}</sheetData>${extra}</worksheet>`;

describe('hostile census files', () => {
  it('=HYPERLINK(...) cells are read as their value, never run', () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([HEADER, row(1)]);
    ws.B2 = { t: 's', v: '甲公司', f: 'HYPERLINK("http://evil.example","甲公司")' };
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const r = parse(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), 'a.xlsx');
    expect(at(r, 2).values.name).toBe('甲公司');
  });
  it('__proto__ as a header pollutes nothing', () => {
    const r = parse(enc(csv([[...HEADER, '__proto__', 'constructor'], [...row(1), 'x', 'y']]), 'utf8'), 'a.csv');
    expect(at(r, 2).outcome).toBe('accept');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'x')).toBe(false);
  });
  it('a huge declared dimension and a huge merge range are harmless', () => {
    const body = cellRow(1, HEADER) + cellRow(2, row(1).map((v) => v ?? '') as (string | number)[]);
    const bytes = rawXlsx(sheetXml(body, '<mergeCells count="1"><mergeCell ref="D2:D1048576"/></mergeCells>', 'A1:XFD1048576'));
    const r = parse(bytes, 'a.xlsx');
    expect(r.rows).toHaveLength(1);
    // Nothing is laid out to the declared size: the grid ends at the last row with data, the merge is cut there.
    const grid = readCensusFile(bytes, 'a.xlsx').sheets[0];
    expect(grid.rows).toHaveLength(2);
    expect(grid.merges).toEqual([{ r1: 1, c1: 3, r2: 1, c2: 3 }]);
  });
  it('a zip bomb is refused before unpacking', () => {
    const bytes = rawXlsx(sheetXml(cellRow(1, HEADER) + ' '.repeat(1)));
    // Declare a 2 GB sheet in the central directory, as a bomb does.
    const view = new DataView(bytes.buffer);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0x7fffffff, true);
    }
    expect(failure(() => parse(bytes, 'bomb.xlsx')).message).toContain('压缩炸弹');
  });
  it('a million formatted empty rows read as nothing extra', async () => {
    const empty = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 3}" s="1" customFormat="1"/>`).join('');
    const bytes = rawXlsx(sheetXml(cellRow(1, HEADER) + cellRow(2, row(1).map((v) => v ?? '') as (string | number)[]) + empty));
    const r = await parseInWorker({ bytes, fileName: 'empty-rows.xlsx' });
    expect(r.rows).toHaveLength(1);
  });
  it('the parse worker stops a file over its memory or time limit with a clear message', async () => {
    const big = Array.from({ length: 60_000 }, (_, i) => cellRow(i + 2, row(i + 1).map((v) => v ?? '') as (string | number)[])).join('');
    const bytes = rawXlsx(sheetXml(cellRow(1, HEADER) + big));
    const mem = await parseInWorker({ bytes, fileName: 'big.xlsx' }, { limits: { memoryMb: 24 } }).catch((e: AppError) => e);
    expect(mem).toBeInstanceOf(AppError);
    expect((mem as AppError).message).toMatch(/内存超过上限|秒仍未完成/);
    // A 1 ms limit: no machine reads 60,000 rows in time, so the limit, not the machine's speed, decides.
    const slow = await parseInWorker({ bytes, fileName: 'big.xlsx' }, { limits: { timeoutMs: 1 } }).catch((e: AppError) => e);
    expect((slow as AppError).code).toBe('LIMIT');
    expect((slow as AppError).message).toContain('秒仍未完成');
  });
  it('a parse can be cancelled', async () => {
    const ctl = new AbortController();
    const p = parseInWorker({ bytes: xlsx(basic), fileName: 'a.xlsx' }, { signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
  it('the parse worker returns exactly what a parse in this thread does (rows sent in slices, the file moved, not copied)', async () => {
    const { bytes, fileName } = generateCensusFile({ rows: 12_000, format: 'xlsx', seed: 12 });
    const here = parseCensus({ bytes: new Uint8Array(bytes), fileName });
    const moved = new Uint8Array(bytes);
    const there = await parseInWorker({ bytes: moved, fileName }, { transferBytes: true });
    expect(moved.byteLength).toBe(0); // handed to the worker
    expect(there.rows).toHaveLength(12_000);
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
  });
  it('rows taken slice by slice (onRows) arrive in file order, none left in the result; a failure taking them fails the parse', async () => {
    const { bytes, fileName } = generateCensusFile({ rows: 12_000, format: 'xlsx', seed: 13 });
    const here = parseCensus({ bytes: new Uint8Array(bytes), fileName });
    const slices: CheckedRow[][] = [];
    const there = await parseInWorker({ bytes: new Uint8Array(bytes), fileName }, { onRows: (r) => slices.push(r) });
    expect(there.rows).toEqual([]);
    expect(slices.length).toBeGreaterThan(1);
    expect(JSON.stringify(slices.flat())).toBe(JSON.stringify(here.rows));
    const failing = parseInWorker({ bytes: new Uint8Array(bytes), fileName }, {
      onRows: () => {
        throw new AppError('INTERNAL', '比对失败');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'INTERNAL', message: '比对失败' });
  });
  it('a file the worker read ahead (the CLI names it before loading the rest) counts only if the request carries the same bytes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-ahead-'));
    try {
      const a = generateCensusFile({ rows: 50, format: 'xlsx', seed: 21 });
      const b = generateCensusFile({ rows: 60, format: 'xlsx', seed: 22 });
      const file = path.join(dir, a.fileName);
      fs.writeFileSync(file, a.bytes);
      const here = (bytes: Uint8Array) => JSON.stringify(parseCensus({ bytes: new Uint8Array(bytes), fileName: a.fileName }));
      // The file changed between the read-ahead and the request: what the request carries is parsed.
      warmParseWorker({ path: file, fileName: a.fileName });
      const changed = await parseInWorker({ bytes: new Uint8Array(b.bytes), fileName: a.fileName });
      expect(changed.rows).toHaveLength(60);
      expect(JSON.stringify(changed)).toBe(here(b.bytes));
      warmParseWorker({ path: file, fileName: a.fileName });
      expect(JSON.stringify(await parseInWorker({ bytes: new Uint8Array(a.bytes), fileName: a.fileName }))).toBe(here(a.bytes));
      // Not a plain file, or one reporting no size: nothing is read ahead (never endlessly), the request is read as always.
      for (const odd of ['/dev/zero', '/proc/self/status', dir]) {
        warmParseWorker({ path: odd, fileName: a.fileName });
        expect(JSON.stringify(await parseInWorker({ bytes: new Uint8Array(a.bytes), fileName: a.fileName }))).toBe(here(a.bytes));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
