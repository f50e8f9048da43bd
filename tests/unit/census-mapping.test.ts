import * as XLSX from '@e965/xlsx';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { autoMapping, headerKey } from '../../electron/core/census/fields';
import { safeCell } from '../../electron/core/export/sheetCell';
import { must, testCore } from '../helpers/core';

const h = (...names: string[]) => names.map((n) => ({ leaf: n, full: n }));

describe('census header mapping', () => {
  it('normalises header text: full-width, line breaks, *, colons and unit suffixes', () => {
    expect(headerKey('＊从业\n人员数（人）：')).toBe('从业人员数');
    expect(headerKey(' 注册资本(万元) ')).toBe('注册资本');
  });

  it('maps exact aliases, then containment, then similarity', () => {
    const m = autoMapping(h('单位全称', '信用代码（18位）', '从业人数', '所在街道（乡镇）', '党员人数', '是否建立党组织', '其他'));
    expect(m).toMatchObject({ name: 0, uscc: 1, employees: 2, street: 3, fullMembers: 4, partyOrgBuilt: 5 });
    expect(Object.values(m)).not.toContain(6);
  });

  it('uses the sub-header under a group header (父/子) and keeps 正式/预备 apart', () => {
    const m = autoMapping([
      { leaf: '单位名称', full: '单位名称' },
      { leaf: '社会信用代码', full: '社会信用代码' },
      { leaf: '正式党员', full: '党员数/正式党员' },
      { leaf: '预备党员', full: '党员数/预备党员' },
      { leaf: '组织类型', full: '党组织建立情况/组织类型' },
      { leaf: '类别', full: '类别' },
    ]);
    expect(m).toMatchObject({ name: 0, uscc: 1, fullMembers: 2, probationaryMembers: 3, partyOrgType: 4, category: 5 });
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
