/**
 * What a census file would change, field by field: only the columns the file has, every counted field,
 * and no party-organisation details from a row that says none is built. Each case seeds one organisation,
 * imports a small sheet through the contract (preview, then commit) and reads the case file back.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { must, testCore } from '../helpers/core';
import { coresClosedAfterEach } from '../helpers/lifecycle';
import { startComparison } from '../../electron/core/census/compare';
import { parseCensus } from '../../electron/core/census/parse';
import type { CheckedRow } from '../../electron/core/census/validate';

const USCC = '91131102YK306XJR0K';
const open = coresClosedAfterEach();

/** A database holding one organisation with every field filled, 2026 members 5 + 1. */
async function officeWithOneOrg(partyOrg: 'built' | 'none') {
  const core = open();
  const { id } = await must(core, 'orgs.save', {
    org: {
      category: 'enterprise', name: '衡水中科物流有限公司', uscc: USCC, industry: '交通运输', street: '邓庄镇', park: '物流园',
      address: '邓庄镇工业街8号', legalRep: '刘建华', phone: '0318-2101234', employees: 40, operatingStatus: '在营',
    },
    partyOrg: partyOrg === 'built' ? { built: true, type: '党支部', formation: '单独组建', name: '衡水中科物流有限公司党支部', secretaryName: '段志强', foundedOn: '2019-07-01' } : { built: false },
  });
  await must(core, 'orgs.saveMembers', { organizationId: id, counts: { year: 2026, full: 5, probationary: 1 } });
  return core;
}

/** A one-row census sheet with just these columns (title row first, as the offices send them). */
function sheet(columns: Record<string, string | number>): { name: string; base64: string } {
  const aoa = [['2026年度两新组织摸排表'], Object.keys(columns), Object.values(columns)];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
  return { name: '摸排表.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
}

const SAME = { 企业名称: '衡水中科物流有限公司', 统一社会信用代码: USCC, 所在街道: '邓庄镇', 从业人员数: 40, 正式党员数: 5 };

async function previewOne(core: ReturnType<typeof testCore>, file: { name: string; base64: string }) {
  const p = await must(core, 'census.preview', { file, year: 2026 });
  expect(p.rows).toHaveLength(1);
  return { p, row: p.rows[0] };
}

describe('census diff: only the columns the file has', () => {
  it('a file with fewer columns: a row equal on its own columns is unchanged, and the fields it lacks keep their values', async () => {
    const core = await officeWithOneOrg('built');
    const { p, row } = await previewOne(core, sheet(SAME));
    expect([row.diff, row.changes]).toEqual(['unchanged', []]);
    expect(p.counts).toMatchObject({ changed: 0, new: 0 });
    // A change to one carried field writes that field only: what the file does not carry is not blanked.
    const { p: p2, row: row2 } = await previewOne(core, sheet({ ...SAME, 从业人员数: 45 }));
    expect(row2.changes).toEqual([{ field: 'employees', label: '从业人员数', oldValue: '40', newValue: '45' }]);
    await must(core, 'census.commit', { previewId: p2.previewId, acceptWarnings: true, exclude: [] });
    const after = await must(core, 'orgs.get', { uscc: USCC });
    expect(after.org).toMatchObject({ employees: 45, industry: '交通运输', park: '物流园', address: '邓庄镇工业街8号', legalRep: '刘建华', phone: '0318-2101234' });
    expect(after.partyOrg).toMatchObject({ built: true, type: '党支部', formation: '单独组建', secretaryName: '段志强', foundedOn: '2019-07-01' });
    expect(after.members).toEqual([{ year: 2026, full: 5, probationary: 1 }]);
    const audited = core.ctx.db.prepare(`SELECT field FROM audit_log WHERE action = 'import' AND entity_id = ?`).pluck().all(after.id);
    expect(audited).toEqual(['employees']);
  });
});

describe('census diff: every counted field is compared', () => {
  it('a change only to 预备党员数 is a change, shown and written', async () => {
    const core = await officeWithOneOrg('built');
    const { p, row } = await previewOne(core, sheet({ ...SAME, 预备党员数: 2 }));
    expect(row.diff).toBe('changed');
    expect(row.changes).toEqual([{ field: 'probationaryMembers', label: '预备党员数', oldValue: '1', newValue: '2' }]);
    await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    expect((await must(core, 'orgs.get', { uscc: USCC })).members).toEqual([{ year: 2026, full: 5, probationary: 2 }]);
  });
});

describe('census diff: party details only from a row with a party organisation', () => {
  it('a row saying 否 changes 是否建立党组织 only; its empty detail columns do not read as details removed', async () => {
    const core = await officeWithOneOrg('built');
    const { row } = await previewOne(core, sheet({ ...SAME, 是否建立党组织: '否', 党组织类型: '', 组建方式: '', 党组织书记: '' }));
    expect(row.changes).toEqual([{ field: 'partyOrgBuilt', label: '是否建立党组织', oldValue: '是', newValue: '否' }]);
  });
});

describe('census comparison slice by slice (as the worker posts its rows)', () => {
  it('equals the whole-file comparison: a repeat of an earlier slice’s row, a row matching a case file, new, rejected and missing', async () => {
    const core = await officeWithOneOrg('built');
    // A second organisation in the file's street, absent from the file: counted missing.
    await must(core, 'orgs.save', { org: { category: 'enterprise', name: '衡水另一家有限公司', uscc: '91131102MMD8GA3B54', industry: '制造业', street: '邓庄镇', park: '', address: '', legalRep: '', phone: '', employees: 10, operatingStatus: '在营' }, partyOrg: { built: false } });
    const header = ['企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织'];
    const aoa = [
      ['2026年度两新组织摸排表'],
      header,
      ['甲公司', '91131102HLPPM40L1G', '邓庄镇', 9, 1, '否'],
      ['衡水中科物流有限公司', USCC, '邓庄镇', 45, 5, '是'], // the case file, one field changed
      ['无代码公司', '', '邓庄镇', 3, 0, '否'], // rejected
      ['乙公司', '91131102GEGJQQCE8U', '邓庄镇', 7, 0, '否'],
      ['甲公司', '91131102HLPPM40L1G', '邓庄镇', 9, 1, '否'], // repeats row 3, two slices later
      ['丙社会组织', '51131102AFG2TGAG5P', '邓庄镇', 2, 0, '否'],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
    const bytes = () => new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const db = core.ctx.db;

    const slices: CheckedRow[][] = [];
    const sliced = parseCensus({ bytes: bytes(), fileName: '摸排表.xlsx' }, undefined, { onRows: (r) => slices.push(r), rowsPerSlice: 2 });
    const inSlices = startComparison(db, 2026);
    for (const s of slices) inSlices.add(s);
    const a = inSlices.finish(sliced, '摸排表.xlsx', 'sha');

    const whole = parseCensus({ bytes: bytes(), fileName: '摸排表.xlsx' });
    const b = startComparison(db, 2026).finish(whole, '摸排表.xlsx', 'sha');

    expect(slices.map((s) => s.length)).toEqual([2, 2, 2]);
    expect(JSON.stringify({ ...a, previewId: '' })).toBe(JSON.stringify({ ...b, previewId: '' }));
    const at = (row: number) => a.rows.find((r) => r.row === row)!;
    expect(at(4)).toMatchObject({ diff: 'changed', changes: [{ field: 'employees', oldValue: '40', newValue: '45' }] });
    expect(at(4).organizationId).toBeGreaterThan(0);
    expect([at(5).outcome, at(5).diff]).toEqual(['reject', null]);
    expect([at(7).outcome, at(7).errors[0].reason]).toEqual(['reject', '与第 3 行重复（内容相同），只导入一次']);
    expect(a.counts).toMatchObject({ dataRows: 6, new: 3, changed: 1, unchanged: 0, reject: 2, missing: 1 });
  });
});
