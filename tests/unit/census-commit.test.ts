import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Core } from '../../electron/core';
import { FIXTURES, must, testCore } from '../helpers/core';

const fixture = (f: string) => ({ name: f, base64: fs.readFileSync(path.join(FIXTURES, 'census', f)).toString('base64') });
const cores: ReturnType<typeof testCore>[] = [];
const open = () => {
  const c = testCore();
  cores.push(c);
  return c;
};
afterEach(() => {
  for (const c of cores.splice(0)) {
    c.close();
    fs.rmSync(c.dir, { recursive: true, force: true });
  }
});

/** Everything the import may touch, in a comparable form. */
const dump = (core: Core) =>
  ['organizations', 'party_orgs', 'member_counts', 'census_records', 'audit_log'].map((t) => core.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());

/** A small census sheet: title, header, rows. */
function sheet(rows: (string | number | null)[][]): { name: string; base64: string } {
  const aoa = [['2027年度摸排表'], ['企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织', '党组织类型'], ...rows];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
  return { name: 'small.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
}

describe('census commit and undo', () => {
  it('commits accepted rows as one batch and undo returns the database exactly to before', async () => {
    const core = open();
    await must(core, 'orgs.save', {
      org: { category: 'enterprise', name: '衡水中科物流有限公司', uscc: '91131102YK306XJR0K', street: '邓庄镇', employees: 2, operatingStatus: '在营' },
      partyOrg: { built: false },
    });
    const before = dump(core);
    const p = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    expect(p.counts).toMatchObject({ dataRows: 60, accept: 56, warn: 2, reject: 2, new: 57, changed: 1 });
    const changed = p.rows.find((r) => r.diff === 'changed')!;
    expect(changed.row).toBe(12);
    // A name change under the same code is shown as a change to confirm, field by field.
    expect(changed.changes).toContainEqual({ field: 'name', label: '名称', oldValue: '衡水中科物流有限公司', newValue: '衡水中科物流股份有限公司' });
    expect(changed.changes).toContainEqual({ field: 'employees', label: '从业人员数', oldValue: '2', newValue: '3' });

    const r = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: false, exclude: [5] });
    expect(r.noop).toBe(false);
    expect(r.batch).toMatchObject({ imported: 55, created: 54, updated: 1, year: 2026, fileName: 'taocheng-2026-moupai.xlsx', status: 'committed' });
    const org = await must(core, 'orgs.get', { uscc: '91131102YK306XJR0K' });
    expect(org.org.name).toBe('衡水中科物流股份有限公司');
    expect(org.partyOrg).toMatchObject({ built: true, type: '党支部', formation: '单独组建', secretaryName: '段志强' });
    expect(org.members).toEqual([{ year: 2026, full: 3, probationary: 2 }]);
    // Excluded row 5 and the unaccepted warning rows 18 and 54 are not in the database.
    const db = core.ctx.db;
    for (const code of ['91131102GEGJQQCE8U', '911311027MW5LF3E30', '91131102HLPPM40L1G']) {
      expect(db.prepare('SELECT 1 FROM organizations WHERE uscc = ?').get(code)).toBeUndefined();
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM census_records WHERE year = 2026').get()).toEqual({ n: 55 });
    expect((db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'").get() as { n: number }).n).toBeGreaterThan(55);

    const u = await must(core, 'census.undo', { batchId: r.batch!.id });
    expect(u.message).toContain('恢复到导入前');
    expect(dump(core)).toEqual(before);
    const [b] = await must(core, 'census.batches', {});
    expect(b.status).toBe('undone');
    const again = await core.invoke('census.undo', { batchId: r.batch!.id });
    expect(again.ok).toBe(false);
  });

  it('importing the identical file again changes nothing and says so', async () => {
    const core = open();
    const p1 = await must(core, 'census.preview', { file: fixture('hexi-2026-utf8bom.csv'), year: 2026 });
    await must(core, 'census.commit', { previewId: p1.previewId, acceptWarnings: false, exclude: [] });
    const before = dump(core);
    const p2 = await must(core, 'census.preview', { file: fixture('hexi-2026-utf8bom.csv'), year: 2026 });
    expect(p2.alreadyImported?.batchId).toBe(1);
    expect(p2.counts).toMatchObject({ new: 0, changed: 0, unchanged: 30 });
    const r = await must(core, 'census.commit', { previewId: p2.previewId, acceptWarnings: false, exclude: [] });
    expect(r).toMatchObject({ noop: true, batch: null });
    expect(r.message).toContain('没有任何改动');
    expect(dump(core)).toEqual(before);
    expect(await must(core, 'census.batches', {})).toHaveLength(1);
  });

  it('warning rows are imported only when warnings are accepted', async () => {
    const core = open();
    const p = await must(core, 'census.preview', { file: fixture('lubei-2026-gbk.csv'), year: 2026 });
    const r = await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    expect(r.batch).toMatchObject({ imported: 43, created: 43 });
    const o = await must(core, 'orgs.get', { uscc: '911311029KP9JRQH40' });
    expect(o.org.name).toBe('衡水绿源医药有限责任公司');
  });

  it('refuses to undo a batch whose rows were edited afterwards, and undoes batches newest first', async () => {
    const core = open();
    const a = await must(core, 'census.preview', { file: sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '是', '党支部']]), year: 2026 });
    const b1 = (await must(core, 'census.commit', { previewId: a.previewId, acceptWarnings: false, exclude: [] })).batch!;
    const b = await must(core, 'census.preview', { file: sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 12, 5, '是', '党支部']]), year: 2027 });
    expect(b.rows[0].changes.map((c) => c.field)).toEqual(['employees', 'fullMembers']);
    const b2 = (await must(core, 'census.commit', { previewId: b.previewId, acceptWarnings: false, exclude: [] })).batch!;
    const refused = await core.invoke('census.undo', { batchId: b1.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('甲公司');
    await must(core, 'census.undo', { batchId: b2.id });
    // Same facts in a later year: only a new snapshot, yet undoing the first batch would delete it too.
    const c = await must(core, 'census.preview', { file: sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '是', '党支部']]), year: 2028 });
    const b3 = (await must(core, 'census.commit', { previewId: c.previewId, acceptWarnings: false, exclude: [] })).batch!;
    expect((await core.invoke('census.undo', { batchId: b1.id })).ok).toBe(false);
    await must(core, 'census.undo', { batchId: b3.id });
    await must(core, 'census.undo', { batchId: b1.id });
    expect(core.ctx.db.prepare('SELECT COUNT(*) AS n FROM organizations').get()).toEqual({ n: 0 });
  });

  it('keeps one snapshot per year, shows the history and a year-over-year comparison', async () => {
    const core = open();
    const y1 = sheet([
      ['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '否', null],
      ['乙公司', '91131102MMD8GA3B54', '河西街道', 20, 8, '是', '党支部'],
      ['丙协会', '51131102AFG2TGAG5P', '河西街道', 20, 2, '否', null],
    ]);
    const y2 = sheet([
      ['甲公司', '91131102YK306XJR0K', '河东街道', 10, 4, '是', '党支部'],
      ['乙公司', '91131102MMD8GA3B54', '河西街道', 20, 6, '否', null],
      ['丁公司', '91131102HLPPM40L1G', '河西街道', 5, 0, '否', null],
    ]);
    for (const [file, year] of [[y1, 2025], [y2, 2026]] as const) {
      const p = await must(core, 'census.preview', { file, year });
      await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    }
    expect(await must(core, 'census.years', {})).toEqual([2026, 2025]);
    const jia = await must(core, 'orgs.get', { uscc: '91131102YK306XJR0K' });
    const h = await must(core, 'census.orgHistory', { organizationId: jia.id });
    expect(h.map((r) => [r.year, r.fullMembers, r.partyOrgBuilt])).toEqual([
      [2026, 4, true],
      [2025, 3, false],
    ]);
    const { changes } = await must(core, 'census.compare', { fromYear: 2025, toYear: 2026 });
    const kinds = changes.map((c) => `${c.kind}:${c.name}`).sort();
    expect(kinds).toEqual(['built:甲公司', 'dissolved:乙公司', 'gone:丙协会', 'membersDown:乙公司', 'membersUp:甲公司', 'new:丁公司']);
    // 丙协会 is missing from the 2026 file: flagged, never deleted.
    expect((await must(core, 'orgs.get', { uscc: '51131102AFG2TGAG5P' })).org.name).toBe('丙协会');
  });

  it('remembers a confirmed mapping for the same header layout', async () => {
    const core = open();
    const file = sheet([['甲公司', '91131102YK306XJR0K', '河东街道', 10, 3, '否', null]]);
    const p = await must(core, 'census.preview', { file, year: 2026 });
    expect(p.mappingSource).toBe('auto');
    // The user says column 4 (正式党员数) is not members but employees… and drops the members column.
    const mapping = Object.fromEntries(p.columns.filter((c) => c.field).map((c) => [c.field!, c.index]));
    delete mapping.fullMembers;
    const p2 = await must(core, 'census.preview', { file, year: 2026, mapping });
    expect(p2.mappingSource).toBe('user');
    expect(p2.rows[0].values.fullMembers).toBe(0);
    await must(core, 'census.commit', { previewId: p2.previewId, acceptWarnings: false, exclude: [] });
    const p3 = await must(core, 'census.preview', { file, year: 2027 });
    expect(p3.mappingSource).toBe('saved');
    expect(p3.columns.find((c) => c.index === 4)!.field).toBeNull();
  });

  it('exports problem rows and a template that reads back with the same data', async () => {
    const core = open();
    const p = await must(core, 'census.preview', { file: fixture('taocheng-2026-moupai.xlsx'), year: 2026 });
    const problems = await must(core, 'census.problems', { previewId: p.previewId });
    const wb = XLSX.read(Buffer.from(problems.base64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]]);
    expect(rows.map((r) => r['原表行号'])).toEqual([18, 44, 54, 64]);
    await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });

    const blank = await must(core, 'census.template', { withData: false, year: 2027 });
    const bp = await must(core, 'census.preview', { file: { name: blank.fileName, base64: blank.base64 }, year: 2027 });
    expect(bp.counts.dataRows).toBe(0);
    expect(bp.missingRequired).toEqual([]);
    const full = await must(core, 'census.template', { withData: true, year: 2027 });
    const back = await must(core, 'census.preview', { file: { name: full.fileName, base64: full.base64 }, year: 2026 });
    expect(back.counts).toMatchObject({ dataRows: 58, new: 0, changed: 0, unchanged: 58, reject: 0 });
  });
});
