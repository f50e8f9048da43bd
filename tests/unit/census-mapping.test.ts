import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { headerKey, matchField } from '../../electron/core/census/fields';
import { parseCensus, type ParseRequest, type ParseResult } from '../../electron/core/census/parse';
import { safeCell } from '../../electron/core/export/sheetCell';
import { must, testCore } from '../helpers/core';

const csv = (rows: (string | number | null)[][]) => new TextEncoder().encode(rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(',')).join('\n'));
const parse = (rows: (string | number | null)[][], extra: Partial<ParseRequest> = {}) => parseCensus({ bytes: csv(rows), fileName: 'a.csv', ...extra });
const CODES = ['91131102YK306XJR0K', '91131102MMD8GA3B54', '51131102AFG2TGAG5P', '91131102HLPPM40L1G'];
/** A file with the given extra columns next to name and code; `cells(i)` gives row i's extra values. */
const withColumns = (headers: string[], cells: (i: number) => (string | number | null)[], n = 4) => [
  ['企业名称', '统一社会信用代码', ...headers],
  ...Array.from({ length: n }, (_, i) => [`衡水测试${i}有限公司`, CODES[i % CODES.length], ...cells(i)]),
];
const fieldOf = (r: ParseResult, header: string) => r.columns.find((c) => c.header === header)?.field ?? null;

describe('census header matching', () => {
  it('normalises header text: full-width, line breaks, *, colons, vertical brackets and unit suffixes', () => {
    expect(headerKey('＊从业\n人员数（人）：')).toBe('从业人员数');
    expect(headerKey(' 注册资本(万元) ')).toBe('注册资本');
    expect(headerKey('是否为亿元楼宇︵是、否︶')).toBe('是否为亿元楼宇(是、否)');
  });

  it('a short word inside a longer header, or a narrower header, is weak: its values must confirm it', () => {
    expect(matchField(['所属地市'], 'street')).toMatchObject({ weak: true });
    expect(matchField(['党组织代码'], 'uscc')).toMatchObject({ weak: true });
    expect(matchField(['农村党员数'], 'fullMembers')).toMatchObject({ weak: true });
    expect(matchField(['所在街道（乡镇）'], 'street')).toMatchObject({ weak: false, how: 'exact' });
    expect(matchField(['统一社会信用代码（18位）'], 'uscc')).toMatchObject({ weak: false });
    // 成立日期 is the company's founding date: it lacks the 党组织 of 党组织成立日期.
    expect(matchField(['成立日期'], 'foundedOn')).toBeNull();
    // A generic leaf is matched with its parent: 书记/姓名 is 书记姓名, 党务副书记/人数 is nobody's 从业人员数.
    expect(matchField(['书记', '姓名'], 'secretaryName')).toMatchObject({ how: 'exact' });
    expect(matchField(['党务副书记', '人数'], 'employees')).toBeNull();
    expect(matchField(['企业出资人情况', '是否是党员'], 'investorIsMember')).toMatchObject({ weak: false, how: 'words' });
  });
});

describe('census mapping by values', () => {
  it('所属地市 holding cities is not the street; the missing street is said once and the rows wait', () => {
    const r = parse(withColumns(['所属地市'], (i) => [['哈尔滨', '绥化', '齐齐哈尔', '牡丹江'][i]]));
    expect(fieldOf(r, '所属地市')).toBeNull();
    expect(r.fileIssues.filter((i) => i.code === 'MISSING_COLUMN')).toEqual([expect.objectContaining({ field: 'street' })]);
    expect(r.rows).toEqual([]);
    expect(r.waiting).toBe(4);
  });

  it('属地 holding streets is the street (a weak header confirmed by its values), and says why', () => {
    const r = parse(withColumns(['属地'], (i) => [['河东街道', '赵家圈镇', '何家庄乡', '河西街道'][i]]));
    expect(fieldOf(r, '属地')).toBe('street');
    const col = r.columns.find((c) => c.header === '属地')!;
    expect(col.fit).toBe(1);
    expect(col.reason).toContain('抽查 4 个值');
    expect(r.rows.map((x) => x.values.street)).toEqual(['河东街道', '赵家圈镇', '何家庄乡', '河西街道']);
  });

  it('a street the office already has on file counts as a street value', () => {
    const rows = withColumns(['属地'], (i) => [['开发区一片', '老城片区', '开发区一片', '老城片区'][i]]);
    expect(fieldOf(parse(rows), '属地')).toBeNull();
    expect(fieldOf(parse(rows, { knownStreets: ['开发区一片', '老城片区'] }), '属地')).toBe('street');
  });

  it('党组织代码 (zax000000001) is not the credit code; 上级党组织 is not 党组织书记; 批准建立党组织日期 is not 是否建立党组织', () => {
    const r = parse([
      ['企业名称', '党组织代码', '统一社会信用代码', '上级党组织', '批准建立党组织日期', '所在街道'],
      ...[0, 1, 2, 3].map((i) => [`衡水测试${i}有限公司`, `zax00000000${i}`, CODES[i], '中共桃城区委两新工委', `2016-04-2${i}`, '河东街道']),
    ]);
    expect(r.mapping.uscc).toBe(2);
    expect(fieldOf(r, '党组织代码')).toBeNull();
    expect(fieldOf(r, '上级党组织')).toBe('superiorOrg');
    expect(r.mapping.secretaryName).toBeUndefined();
    expect(r.mapping.partyOrgBuilt).toBeUndefined();
    expect(r.rows.every((x) => x.outcome === 'accept')).toBe(true);
  });

  it('a doubtful match is reported and not applied; the user’s mapping applies it', () => {
    const empty = parse(withColumns(['所在街道', '所属街区'], () => ['河东街道', null]));
    expect(empty.mapping.street).toBe(2);
    expect(empty.columns[3].field).toBeNull();
    // 党员数 inside a header with no values to check: asked, not taken.
    const d = parse(withColumns(['所在街道', '组织关系在本企业的党员数'], () => ['河东街道', null]));
    expect(d.mapping.fullMembers).toBeUndefined();
    expect(d.fileIssues).toContainEqual(expect.objectContaining({ code: 'DOUBTFUL_MAPPING', field: 'fullMembers', column: '组织关系在本企业的党员数' }));
    expect(d.columns[3].suggestion).toMatchObject({ field: 'fullMembers' });
    const confirmed = parse(withColumns(['所在街道', '组织关系在本企业的党员数'], (i) => ['河东街道', i]), { mapping: { name: 0, uscc: 1, street: 2, fullMembers: 3 } });
    expect(confirmed.rows.map((x) => x.values.fullMembers)).toEqual([0, 1, 2, 3]);
    expect(confirmed.fileIssues).toEqual([]);
  });

  it('EMPTY_COLUMN: a mapped column empty in every row is said once, naming the column that holds such values', () => {
    const r = parse(withColumns(['所在街道', '从业人员数', '员工总人数'], (i) => ['河东街道', null, 10 + i]));
    expect(r.mapping.employees).toBe(3);
    const issues = r.fileIssues.filter((i) => i.code === 'EMPTY_COLUMN');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'employees', column: '从业人员数' });
    expect(issues[0].message).toContain('员工总人数');
  });

  it('NO_DATA_ROWS for a header without rows; NOT_AN_ORG_LIST for a roster of people', () => {
    expect(parse([['企业名称', '统一社会信用代码', '所在街道']]).fileIssues.map((i) => i.code)).toEqual(['NO_DATA_ROWS']);
    const roster = parse([
      ['序号', '姓名', '性别', '民族', '出生年月', '入党时间', '身份证号'],
      [1, '张三', '男', '汉族', '1980.01', '2005.07', '131102198001010011'],
    ]);
    expect(roster.fileIssues.map((i) => i.code)).toEqual(['NOT_AN_ORG_LIST']);
    expect(roster.mapping).toEqual({});
    expect(roster.rows).toEqual([]);
  });
});

describe('census headers as on real forms', () => {
  it('title, 附件 and 填报单位 lines are skipped; a row of column codes (A B C D1) and a note row under the header are not data', () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ['附件1'],
      ['某某区两新组织摸排台账'],
      ['填报单位（盖章）：河东街道    填报日期：2026年10月'],
      ['序号', '基本情况', null, null, '党员情况', null],
      [null, '企业\n名称', '统一社会信用代码［18位］', '所在街道︵乡镇︶', '正式党员\n（人）', '预备党员（人）'],
      ['A', 'B', 'C', 'D1', 'D2', 'E'],
      [null, '（按营业执照填写）', null, '（填到街道一级）', null, null],
      [1, '衡水甲科技有限公司', CODES[0], '河东街道', 3, 1],
      [2, '衡水乙商贸有限公司', CODES[1], '河东街道', 0, 0],
    ]);
    ws['!merges'] = [
      { s: { r: 3, c: 0 }, e: { r: 4, c: 0 } },
      { s: { r: 3, c: 1 }, e: { r: 3, c: 3 } },
      { s: { r: 3, c: 4 }, e: { r: 3, c: 5 } },
    ];
    XLSX.utils.book_append_sheet(wb, ws, '台账');
    const r = parseCensus({ fileName: 'a.xlsx', bytes: new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer) });
    expect(r.headerRows).toEqual([4, 5, 6]);
    expect(r.mapping).toMatchObject({ name: 1, uscc: 2, street: 3, fullMembers: 4, probationaryMembers: 5 });
    expect(r.columns[4].header).toBe('党员情况/正式党员 （人）');
    expect(r.rows.map((x) => [x.row, x.outcome, x.values.fullMembers])).toEqual([
      [8, 'accept', 3],
      [9, 'accept', 0],
    ]);
    expect(r.fileIssues).toEqual([]);
  });
});

describe('census values for the whole file and clerk-readable messages', () => {
  it('a file-wide street fills every row and the missing column is no longer a finding', () => {
    const r = parse(withColumns(['从业人员数'], (i) => [i + 1]), { fixed: { street: '河东街道' } });
    expect(r.fileIssues).toEqual([]);
    expect(r.rows.map((x) => [x.values.street, x.outcome])).toEqual(Array(4).fill(['河东街道', 'accept']));
  });

  it('a date serial in a yes/no column is shown as a date; a 15-digit number is named an old 工商注册号 with the fix', () => {
    const xlsx = (rows: (string | number)[][]) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '摸排表');
      return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    };
    const r = parseCensus({ fileName: 'a.xlsx', bytes: xlsx([
      ['企业名称', '统一社会信用代码', '所在街道', '是否建立党组织'],
      ['甲公司', '131102000012345', '河东街道', '是'],
      ['乙公司', CODES[0], '河东街道', 42481],
      ['丙公司', CODES[1], '河东街道', '是'],
      ['丁公司', CODES[2], '河东街道', '否'],
    ]) });
    expect(r.rows[0].errors[0].reason).toContain('15 位的旧工商注册号');
    expect(r.rows[0].errors[0].reason).toContain('查到统一社会信用代码后填入');
    expect(r.rows[1].errors[0]).toMatchObject({ row: 3, column: '是否建立党组织' });
    expect(r.rows[1].errors[0].reason).toContain('2016年4月21日');
    expect(r.rows[1].errors[0].reason).not.toContain('42481');
  });

  it('state-owned, collective, public-institution and organ rows are out of scope, with the reason', () => {
    const types = ['国有企业', '国有控股', '集体企业', '事业单位', '机关', '有限责任公司', 'N/A'];
    const r = parse([['企业名称', '统一社会信用代码', '所在街道', '企业类型'], ...types.map((t, i) => [`单位${i}`, CODES[i % 4], `街道${i}`, t])], { fixed: { street: '河东街道' } });
    expect(r.rows.map((x) => x.outOfScope !== null)).toEqual([true, true, true, true, true, false, false]);
    expect(r.rows[2].outOfScope).toContain('集体企业');
    expect(r.rows[5].values.category).toBe('enterprise');
  });
});

describe('census exports', () => {
  const core = testCore();
  afterAll(() => {
    core.close();
    fs.rmSync(core.dir, { recursive: true, force: true });
  });

  it('cells that a spreadsheet would run as a formula get a leading apostrophe', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '正常'].map(safeCell)).toEqual(["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", '正常']);
    expect(safeCell(5)).toBe(5);
  });

  it('the data template carries the office header, text-formatted codes and formula-safe names', async () => {
    await must(core, 'orgs.save', {
      org: { category: 'enterprise', name: '=HYPERLINK("http://x","甲")', uscc: '91131102YK306XJR0K', street: '河东街道', employees: 3, operatingStatus: '在营' },
      partyOrg: { built: false },
    });
    const f = await must(core, 'census.template', { withData: true, year: 2027 });
    expect(f.fileName).toBe('2027年度摸排表（现有数据）.xlsx');
    const ws = XLSX.read(Buffer.from(f.base64, 'base64'), { cellNF: true }).Sheets['摸排表'];
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    expect(rows[0]).toEqual(['2027年度两新组织党建工作摸排统计表']);
    expect(rows[2].slice(0, 2)).toEqual(['序号', '基本情况']);
    expect(rows[3][2]).toBe('统一社会信用代码');
    expect(rows[4][1]).toBe('\'=HYPERLINK("http://x","甲")');
    expect(ws.C5.z).toBe('@');
    expect(ws.B5.f).toBeUndefined();
  });
});
