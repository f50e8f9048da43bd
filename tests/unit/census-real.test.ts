import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CensusMapping, CensusPreview } from '../../shared/contract/census';
import { cli } from '../helpers/cli';
import { FIXTURES, must, tempDir, testCore } from '../helpers/core';

/** Real spreadsheets nobody here made (../shared/fixtures/real/README.md says what each must give). */
const REAL = path.join(FIXTURES, 'real');
const dir = tempDir();
const db = path.join(dir, 'real.db');
const core = testCore();
afterAll(() => {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

type Summary = {
  dataRows: number;
  accepted: number;
  new: number;
  warnedRows: number;
  rejectedRows: number;
  waitingRows: number;
  rejected: { row: number; column: string; reason: string }[];
  headerRows: number[];
  mapping: Record<string, string>;
  fileIssues: { code: string; field?: string; message: string }[];
  columns: { letter: string; header: string; field: string | null; option: string | null; reason: string | null }[];
  outOfScope: { row: number; name: string; reason: string }[];
};
const preview = async (file: string, ...extra: string[]) => {
  const r = await cli('census', 'preview', path.join(REAL, file), '--year', '2026', '--db', db, '--json', ...extra);
  expect(r.code, r.err).toBe(0);
  return r.json() as Summary;
};
const codes = (s: Summary) => s.fileIssues.map((i) => i.code);
const fieldOf = (s: Summary, letter: string) => s.columns.find((c) => c.letter === letter)?.field ?? null;
const optionsOf = (s: Summary, field: string) => s.columns.filter((c) => c.field === field).map((c) => c.option);

describe('real files from the wild preview as their README says', () => {
  it('r02 business registrations: no street column is one finding, 地区 (cities) is not the street; --set gives the street; 国有/集体 are out of scope', async () => {
    const s = await preview('r02-registry-heilongjiang-1999.csv');
    expect(s.headerRows).toEqual([1]);
    expect(s.mapping).toMatchObject({ '企业（社会组织）名称': '企业名称', 统一社会信用代码: '统一社会信用代码', '法定代表人（负责人）': '法人代表', 详细地址: '注册地址' });
    expect(s.mapping['所在街道（乡镇）']).toBeUndefined();
    expect(fieldOf(s, 'I')).toBeNull(); // 地区: 哈尔滨, 绥化 … cities
    const missing = s.fileIssues.filter((i) => i.code === 'MISSING_COLUMN');
    expect(missing).toEqual([expect.objectContaining({ field: 'street' })]);
    expect(missing[0].message).toContain('--set 所在街道=');
    expect(s.dataRows).toBe(1951);
    expect(s.waitingRows).toBe(1951);
    expect(s.rejectedRows).toBe(0);
    expect(s.rejected).toEqual([]);

    const set = await preview('r02-registry-heilongjiang-1999.csv', '--set', '所在街道=河东街道');
    expect(codes(set)).not.toContain('MISSING_COLUMN');
    expect(set.waitingRows).toBe(0);
    expect(set.rejectedRows).toBe(0);
    // Out-of-scope rows are their own group, outside the other counts: what the counts say is what a commit writes.
    expect(set.accepted + set.warnedRows + set.outOfScope.length).toBe(1951);
    expect(set.new).toBe(set.accepted + set.warnedRows);
    // The 企业类型 column read on its own: the rows whose type names a state-owned or collective enterprise.
    const wb = XLSX.read(fs.readFileSync(path.join(REAL, 'r02-registry-heilongjiang-1999.csv'), 'utf8'), { type: 'string', raw: true });
    const table = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
    const typeCol = table[0].indexOf('企业类型');
    const stateOrCollective = table
      .map((r, i) => ({ row: i + 1, type: String(r[typeCol] ?? '') }))
      .filter((r) => r.row > 1 && /国有|集体/.test(r.type))
      .map((r) => r.row);
    expect(stateOrCollective.length).toBeGreaterThan(20);
    expect(set.outOfScope.map((o) => o.row)).toEqual(stateOrCollective);
    expect(set.outOfScope[0].reason).toContain('不属于两新组织');
  });

  it('r05 非公 ledger form: header rows 4–6, option columns read as one field each, 单位 not 组织类别, no data, no credit code', async () => {
    const s = await preview('r05-feigong-ledger-template.xlsx');
    expect(s.headerRows).toEqual([4, 5, 6]);
    expect(s.mapping['企业（社会组织）名称']).toMatch(/企业\s*名称$/);
    expect(optionsOf(s, '组织类别')).toEqual(['私营企业', '港澳台商投资企业', '外商投资企业']);
    expect(optionsOf(s, '组建方式')).toEqual(['单独建立', '联合建立', '网格建立']);
    expect(optionsOf(s, '党组织类型')).toEqual(['党支部', '党总支', '党委']);
    expect(optionsOf(s, '未建党组织原因')).toEqual(['没有党员', '企业出资人不支持', '上级党组织未及时指导', '其他原因']);
    expect(fieldOf(s, 'A')).toBeNull(); // 单位
    expect(codes(s)).toContain('NO_DATA_ROWS');
    expect(s.fileIssues).toContainEqual(expect.objectContaining({ code: 'MISSING_COLUMN', field: 'uscc' }));
  });

  it('r06 民办学校 ledger: header rows 4–6 (row 7 is a note), counts not taken from 党务副书记/人数, 法定代表人 not from 书记/…兼任', async () => {
    const s = await preview('r06-minban-school-ledger-template.xlsx');
    // All 96 columns of the five side-by-side tables are read, the last (CR) too.
    expect(s.columns.at(-1)).toMatchObject({ letter: 'CR', header: '党建工作经费是否列入学校年度经费预算' });
    expect(s.headerRows).toEqual([4, 5, 6]);
    expect(s.mapping['企业（社会组织）名称']).toMatch(/社会组织名称$/);
    expect(s.mapping['党组织名称']).toMatch(/党组织名称$/);
    const byField = (f: string) => s.columns.filter((c) => c.field === f).map((c) => c.header);
    for (const h of byField('从业人员数')) expect(h).not.toMatch(/党务副书记/);
    for (const h of byField('正式党员数')) expect(h).not.toMatch(/其他党务/);
    for (const h of byField('法定代表人（负责人）')) expect(h).not.toMatch(/书记/);
    expect(codes(s)).toContain('NO_DATA_ROWS');
    expect(s.fileIssues).toContainEqual(expect.objectContaining({ code: 'MISSING_COLUMN', field: 'uscc' }));
  });

  it('r09 party-member roster: NOT_AN_ORG_LIST in plain words, nothing mapped (姓名 is not 党组织书记)', async () => {
    const s = await preview('r09-partymember-roster-template.xls');
    expect(codes(s)).toEqual(['NOT_AN_ORG_LIST']);
    expect(s.fileIssues[0].message).toContain('人员名单');
    expect(s.mapping).toEqual({});
  });

  it('r10 truncated .xlsx: the damaged-file message; with --json an error object on stdout and a non-zero exit', async () => {
    const r = await cli('census', 'preview', path.join(REAL, 'r10-truncated.xlsx'), '--year', '2026', '--db', db, '--json');
    expect(r.code).not.toBe(0);
    const j = r.json();
    expect(j).toEqual({ ok: false, error: { code: 'UNSUPPORTED_FILE', message: expect.stringContaining('另存为 .xlsx') } });
    const plain = await cli('census', 'preview', path.join(REAL, 'r10-truncated.xlsx'), '--year', '2026', '--db', db);
    expect(plain.out).toBe('');
    expect(plain.err).toContain('损坏');
  });
});

/** A copy of a real form with rows written under its header (0-based column numbers as letters show them). */
function formWithRows(file: string, rows: Record<string, string | number>[], firstRow: number): { name: string; base64: string } {
  const wb = XLSX.read(fs.readFileSync(path.join(REAL, file)));
  const ws = wb.Sheets[wb.SheetNames[0]];
  rows.forEach((cells, i) => {
    for (const [letter, v] of Object.entries(cells)) ws[`${letter}${firstRow + i}`] = typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
  });
  // The form declares 65,000 formatted rows: the copy ends at the last written row.
  const range = XLSX.utils.decode_range(ws['!ref']!);
  range.e.r = firstRow + rows.length - 2;
  ws['!ref'] = XLSX.utils.encode_range(range);
  return { name: file, base64: (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64') };
}

/** Preview with the automatic mapping plus the given columns, as the UI (and --map) does. */
async function previewWith(file: { name: string; base64: string }, extra: CensusMapping, fixed: Record<string, string>): Promise<CensusPreview> {
  const first = await must(core, 'census.preview', { file, year: 2026, fixed });
  const mapping: CensusMapping = {};
  for (const c of first.columns) if (c.field && mapping[c.field] === undefined) mapping[c.field] = c.index;
  return must(core, 'census.preview', { file, year: 2026, fixed, mapping: { ...mapping, ...extra } });
}

describe('rows written under the real 台账 headers import with the right values', () => {
  it('非公 ledger (r05): √ marks become 企业类型, 组建方式, 党组织类型, 未建原因; two marks name both columns', async () => {
    const file = formWithRows(
      'r05-feigong-ledger-template.xlsx',
      [
        { A: '91131102YK306XJR0K', I: '衡水甲科技有限公司', M: '√', Q: 30, T: '是', W: '是', X: 42481, Z: '√', AB: '✓', AJ: '张三' },
        { A: '91131102MMD8GA3B54', I: '衡水乙商贸有限公司', N: '√', Q: 5, T: '否', W: '否', AE: '√', AH: '出资人常驻外地' },
        { A: '91131102HLPPM40L1G', I: '衡水丙物流有限公司', O: 'X', Q: 60, W: '是', Y: '√', Z: '√', AD: '√' },
      ],
      7,
    );
    const p = await previewWith(file, { uscc: 0 }, { street: '河东街道' });
    expect(p.fileIssues.map((i) => i.code)).not.toContain('NO_DATA_ROWS');
    expect(p.counts.dataRows).toBe(3);
    const [a, b, c] = p.rows;
    expect(a.values).toMatchObject({
      name: '衡水甲科技有限公司',
      uscc: '91131102YK306XJR0K',
      street: '河东街道',
      category: 'enterprise',
      employees: 30,
      investorIsMember: true,
      partyOrgBuilt: true,
      foundedOn: '2016-04-21',
      formation: '联合组建',
      partyOrgType: '党支部',
      secretaryName: '张三',
    });
    expect(a.outcome).toBe('accept');
    expect(b.values).toMatchObject({ partyOrgBuilt: false, investorIsMember: false, unbuiltReason: '没有党员、其他原因:出资人常驻外地', partyOrgType: null });
    expect(c.outcome).toBe('reject');
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0].reason).toMatch(/“党组织设置情况\/党组织 组建形式\/单独建立”和“党组织设置情况\/党组织 组建形式\/联合建立”都有标记/);
    expect(c.errors[0].row).toBe(9);
  });

  it('民办学校 ledger (r06): the data starts under the note row; options, 党组织名称 and dates come through', async () => {
    const file = formWithRows(
      'r06-minban-school-ledger-template.xlsx',
      [
        { B: '衡水市育才培训学校', C: '民办非企业单位', D: '52131102MJ0000001X', L: 12, P: '否', S: '否', T: '√' },
        { B: '衡水市启明幼儿园', C: '民办非企业单位', D: '52131102MJ0000002X', L: 25, P: '是', S: '是', X: '2016.4.21', Z: '衡水市启明幼儿园党支部', AG: '√', AM: '李四' },
      ],
      8,
    );
    const p = await previewWith(file, { uscc: 3 }, { street: '河东街道' });
    expect(p.headerRows).toEqual([4, 5, 6]);
    expect(p.rows.map((r) => r.row)).toEqual([8, 9]);
    expect(p.rows[0].values).toMatchObject({ name: '衡水市育才培训学校', category: 'social', employees: 12, partyOrgBuilt: false, unbuiltReason: '没有党员', investorIsMember: false });
    expect(p.rows[1].values).toMatchObject({
      category: 'social',
      employees: 25,
      partyOrgBuilt: true,
      foundedOn: '2016-04-21',
      partyOrgName: '衡水市启明幼儿园党支部',
      partyOrgType: '党支部',
      secretaryName: '李四',
    });
  });
});

describe('fields the real forms carry are stored on the case file', () => {
  const file = (rows: (string | number)[][]) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([['社会组织名称', '统一社会信用代码', '登记证号', '是否建立党组织', '党组织名称', '上级党组织', '未建党组织原因', '负责人是否党员'], ...rows]),
      '摸排表',
    );
    return { name: '民政登记2026.xlsx', base64: (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64') };
  };
  const stored = (uscc: string) =>
    core.ctx.db
      .prepare(
        `SELECT o.registration_no, o.investor_is_member, p.built, p.name, p.superior_org, p.not_built_reason, r.party_org_name, r.registration_no AS snap_reg
         FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id LEFT JOIN census_records r ON r.organization_id = o.id AND r.year = 2026
         WHERE o.uscc = ?`,
      )
      .get(uscc);

  it('登记证号, 出资人（负责人）是否党员, 党组织名称, 上级党组织 and 未建原因 are written, shown as changes on a re-import, and undone', async () => {
    const a = '51131102MJ0000001X';
    const b = '51131102AFG2TGAG5P';
    const first = file([
      ['衡水市书法家协会', a, '衡民社证字第0012号', '是', '衡水市书法家协会党支部', '中共桃城区社会组织综合委员会', '', '是'],
      ['衡水市棋类协会', b, '衡民社证字第0013号', '否', '', '', '没有党员', '否'],
    ]);
    const p = await must(core, 'census.preview', { file: first, year: 2026, fixed: { street: '河东街道' } });
    expect(p.fileIssues).toEqual([]);
    const r = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    expect(r.batch?.created).toBe(2);
    expect(stored(a)).toMatchObject({ registration_no: '衡民社证字第0012号', investor_is_member: 1, built: 1, name: '衡水市书法家协会党支部', superior_org: '中共桃城区社会组织综合委员会', party_org_name: '衡水市书法家协会党支部', snap_reg: '衡民社证字第0012号' });
    expect(stored(b)).toMatchObject({ registration_no: '衡民社证字第0013号', investor_is_member: 0, built: 0, not_built_reason: '没有党员' });

    const again = await must(core, 'census.preview', {
      file: file([
        ['衡水市书法家协会', a, '衡民社证字第0099号', '是', '衡水市书法家协会联合党支部', '中共桃城区社会组织综合委员会', '', '是'],
        ['衡水市棋类协会', b, '衡民社证字第0013号', '否', '', '', '出资人不支持', '否'],
      ]),
      year: 2026,
      fixed: { street: '河东街道' },
    });
    expect(again.rows[0].changes.map((c) => [c.label, c.oldValue, c.newValue])).toEqual([
      ['党组织名称', '衡水市书法家协会党支部', '衡水市书法家协会联合党支部'],
      ['登记证号', '衡民社证字第0012号', '衡民社证字第0099号'],
    ]);
    expect(again.rows[1].changes.map((c) => c.label)).toEqual(['未建党组织原因']);
    const second = await must(core, 'census.commit', { previewId: again.previewId, acceptWarnings: true, exclude: [] });
    expect(stored(a)).toMatchObject({ registration_no: '衡民社证字第0099号', name: '衡水市书法家协会联合党支部' });
    expect(stored(b)).toMatchObject({ not_built_reason: '出资人不支持' });
    await must(core, 'census.undo', { batchId: second.batch!.id });
    expect(stored(a)).toMatchObject({ registration_no: '衡民社证字第0012号', name: '衡水市书法家协会党支部' });
    expect(stored(b)).toMatchObject({ not_built_reason: '没有党员' });

    // A file-wide street is a value the file gives: a different one is shown as a change before it is written.
    const moved = await must(core, 'census.preview', { file: first, year: 2026, fixed: { street: '河西街道' } });
    expect(moved.rows[0].changes.map((c) => [c.label, c.oldValue, c.newValue])).toEqual([['所在街道', '河东街道', '河西街道']]);
  });
});
