/**
 * 委员会调整等次 on a debriefer's page: the computed grade, the committee's grade with its reason,
 * the explanation and audit that follow, and undoing it. One shell, set up by the test itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BALLOT_ITEMS } from '../../shared/contract/debriefing';
import { openShell, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';

let s: ShellSession | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

/** A graded (已评定) secretary: 40 好, 3 较好, 7 一般 of 50 → 91.5 points, 86% → 好. */
async function gradedDebriefer(session: ShellSession): Promise<number> {
  const core = session.core;
  const org = await must(core, 'orgs.save', {
    org: { category: 'enterprise', name: '衡水恒泰机械有限公司', uscc: '91131102YK306XJR0K', street: '河东街道', operatingStatus: '在营', employees: 40 },
    partyOrg: { built: true, type: '党支部', formation: '单独组建', name: '衡水恒泰机械有限公司党支部', secretaryName: '李秀英' },
    acceptWarnings: true,
  });
  const cycle = await must(core, 'debriefing.saveCycle', { year: 2026, name: '2026年度述职评议', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: DEFAULT_BALLOT_ITEMS });
  await must(core, 'debriefing.addOrgs', { cycleId: cycle.id, organizationIds: [org.id] });
  const id = (await must(core, 'debriefing.cycle', { id: cycle.id })).debriefers[0].id;
  await must(core, 'debriefing.saveReport', { id, text: '一、履职情况。' });
  for (const status of ['已提交报告', '已述职'] as const) await must(core, 'debriefing.setStatus', { id, status });
  await must(core, 'debriefing.saveBallots', { id, tallies: [{ item: '总体评价', issued: 52, valid: 50, good: 40, fairlyGood: 3, average: 7, poor: 0 }] });
  await must(core, 'debriefing.setStatus', { id, status: '已评定' });
  return id;
}

describe('委员会调整等次', () => {
  it('选等次、写理由后显示委员会评定和计算结果，记入审计；可取消调整恢复计算结果', async () => {
    s = await openShell();
    const { page, core } = s;
    const id = await gradedDebriefer(s);
    await page.locator('[data-test=stat-total]').waitFor(); // the app has started (and routed) before the address changes
    await page.evaluate(`location.hash = "#/debriefing/debriefers/${id}"`);
    await expect.poll(() => page.locator('[data-test=grade-value]').innerText()).toBe('好');

    await page.getByRole('button', { name: '委员会调整等次' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '委员会调整等次' });
    await dialog.waitFor();
    const confirm = dialog.locator('.el-dialog__footer .el-button--primary');
    expect(await confirm.isDisabled()).toBe(true); // no grade chosen yet
    await dialog.locator('.el-radio-button', { hasText: '较好' }).click();
    await dialog.locator('textarea').fill('年内发生一起安全生产事故');
    await s.shot('debriefing-override-dialog');
    await confirm.click();
    await expect.poll(() => page.locator('[data-test=grade-value]').innerText()).toBe('较好');
    expect(await page.locator('[data-test=grade-explanation]').innerText()).toMatch(/^较好.委员会评定（计算结果为“好”），理由：年内发生一起安全生产事故$/);
    expect(await page.locator('[data-test=grade-card]').innerText()).toContain('计算结果：好');
    const audit = core.ctx.db.prepare(`SELECT field, new_value FROM audit_log WHERE entity = 'debriefer' AND entity_id = ? AND action = 'override'`).all(id);
    expect(audit).toEqual([
      { field: 'grade', new_value: '较好' },
      { field: 'reason', new_value: '年内发生一起安全生产事故' },
    ]);
    await s.shot('debriefing-override');

    await page.getByRole('button', { name: '修改委员会评定' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '取消调整，恢复计算结果' }).click();
    await expect.poll(() => page.locator('[data-test=grade-value]').innerText()).toBe('好');
    expect((await must(core, 'debriefing.debriefer', { id })).overridden).toBe(false);
    expect(s.consoleErrors).toEqual([]);
  });
});
