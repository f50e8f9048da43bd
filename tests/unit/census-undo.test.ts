import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Core } from '../../electron/core';
import { cli } from '../helpers/cli';
import { moveClock, must } from '../helpers/core';
import { coresClosedAfterEach } from '../helpers/lifecycle';

const open = coresClosedAfterEach();

const CODE = '91131102YK306XJR0K';
/** A census sheet of one organisation: name, street, employees, full members. */
function sheet(rows: (string | number)[][]): { name: string; base64: string } {
  const aoa = [['摸排表'], ['企业名称', '统一社会信用代码', '所在街道', '从业人员数', '正式党员数', '是否建立党组织'], ...rows];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '摸排表');
  return { name: 'one.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
}

async function importSheet(core: Core, rows: (string | number)[][], year = 2027) {
  const p = await must(core, 'census.preview', { file: sheet(rows), year });
  return (await must(core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] })).batch!;
}

/** 甲公司 on file (10 employees, 河东街道), then a census batch that changes its employees and street. */
async function onFileThenImported() {
  const core = open();
  const { id } = await must(core, 'orgs.save', {
    org: { category: 'enterprise', name: '甲公司', uscc: CODE, street: '河东街道', employees: 10, operatingStatus: '在营' },
    partyOrg: { built: false },
  });
  const batch = await importSheet(core, [['甲公司', CODE, '河西街道', 12, 0, '否']]);
  return { core, id, batch };
}

/** Saves the organisation by hand with some fields changed, as the edit form does, a day after the import. */
async function editByHand(core: Core, id: number, change: { employees?: number; street?: string }) {
  moveClock(core, '2026-11-23T10:00:00+08:00');
  const d = await must(core, 'orgs.get', { id });
  await must(core, 'orgs.save', { id, org: { ...d.org, ...change }, partyOrg: d.partyOrg, acceptWarnings: true });
}

const org = (core: Core, id: number) => must(core, 'orgs.get', { id });

describe('census undo, field by field', () => {
  it('a field edited after the import and then edited back by hand is no conflict: the batch undoes in full', async () => {
    const { core, id, batch } = await onFileThenImported();
    await editByHand(core, id, { employees: 15 });
    await editByHand(core, id, { employees: 12 });
    const plan = await must(core, 'census.undoPlan', { batchId: batch.id });
    expect(plan.conflicts).toEqual([]);
    await must(core, 'census.undo', { batchId: batch.id });
    const d = await org(core, id);
    expect(d.org).toMatchObject({ employees: 10, street: '河东街道' });
    expect(d.members).toEqual([]);
  });

  it('a field set back to its old value by hand needs nothing; the other fields go back', async () => {
    const { core, id, batch } = await onFileThenImported();
    await editByHand(core, id, { employees: 10 });
    const plan = await must(core, 'census.undoPlan', { batchId: batch.id });
    expect(plan).toMatchObject({ conflicts: [], alreadyBack: 1, deleteOrganizations: 0 });
    expect(plan.restoreFields).toBeGreaterThanOrEqual(2); // the street, the year's member counts
    await must(core, 'census.undo', { batchId: batch.id });
    expect((await org(core, id)).org).toMatchObject({ employees: 10, street: '河东街道' });
  });

  it('a field changed since is a conflict: the plan lists it, the undo waits for a choice, keep leaves the later value', async () => {
    const { core, id, batch } = await onFileThenImported();
    await editByHand(core, id, { employees: 15 });
    const plan = await must(core, 'census.undoPlan', { batchId: batch.id });
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ organizationId: id, organizationName: '甲公司', label: '从业人员数', oldValue: '10', batchValue: '12', currentValue: '15' }),
    ]);
    expect(plan.message).toContain('1 处在导入后又被修改过');
    const refused = await core.invoke('census.undo', { batchId: batch.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('甲公司');
    expect((await org(core, id)).org).toMatchObject({ employees: 15, street: '河西街道' });

    const done = await must(core, 'census.undo', { batchId: batch.id, resolve: { [plan.conflicts[0].key]: 'keep' } });
    expect(done.message).toContain('1 处保留了修改后的值');
    expect((await org(core, id)).org).toMatchObject({ employees: 15, street: '河东街道' });
  });

  it('taking the old value of a conflict puts it back', async () => {
    const { core, id, batch } = await onFileThenImported();
    await editByHand(core, id, { employees: 15 });
    await must(core, 'census.undo', { batchId: batch.id, resolveAll: 'old' });
    expect((await org(core, id)).org).toMatchObject({ employees: 10, street: '河东街道' });
  });

  it('an organisation the batch created and that was edited since stays on keep, with all it has; goes on old', async () => {
    for (const choice of ['keep', 'old'] as const) {
      const core = open();
      const batch = await importSheet(core, [['乙公司', CODE, '河西街道', 20, 4, '否']]);
      const { id } = (await must(core, 'orgs.list', {})).rows[0];
      await editByHand(core, id, { employees: 21 });
      const plan = await must(core, 'census.undoPlan', { batchId: batch.id });
      expect(plan.conflicts).toEqual([expect.objectContaining({ organizationName: '乙公司', label: '本批新增的组织（导入后又修改过）', oldValue: null })]);
      await must(core, 'census.undo', { batchId: batch.id, resolveAll: choice });
      const left = await must(core, 'orgs.list', {});
      if (choice === 'keep') {
        expect(left.rows).toHaveLength(1);
        expect((await org(core, id)).members).toEqual([{ year: 2027, full: 4, probationary: 0 }]);
      } else expect(left.rows).toHaveLength(0);
    }
  });

  it('the CLI shows the plan without changing anything, refuses with conflicts until told, and --keep-later undoes', async () => {
    const { core, id, batch } = await onFileThenImported();
    await editByHand(core, id, { employees: 15 });
    const db = core.dbPath;
    core.close();
    const plan = await cli('census', 'undo', String(batch.id), '--plan', '--db', db);
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('甲公司　从业人员数：导入前 10，本批写入 12，现在 15');
    const planJson = (await cli('census', 'undo', String(batch.id), '--plan', '--db', db, '--json')).json();
    expect(planJson.conflicts).toHaveLength(1);
    const refused = await cli('census', 'undo', String(batch.id), '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--keep-later');
    const done = await cli('census', 'undo', String(batch.id), '--keep-later', '--db', db, '--json');
    expect(done.code).toBe(0);
    expect(done.json()).toEqual({ ok: true, message: expect.stringContaining('保留了修改后的值') });
    const shown = (await cli('orgs', 'show', CODE, '--db', db, '--json')).json();
    expect(shown.org).toMatchObject({ employees: 15, street: '河东街道' });
  });
});
