/**
 * 委员会调整等次 on a debriefer's page: the computed grade, the committee's grade with its reason,
 * the explanation and audit that follow, and undoing it. One shell, set up by the test itself.
 */
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { must } from '../helpers/core';
import { advanceDebriefer, builtPartyOrgs, debriefing2026 } from '../helpers/seed';

let s: ShellSession | null = null;

/** A graded (已评定) secretary: 40 好, 3 较好, 7 一般 of 50 → 91.5 points, 86% → 好. */
async function gradedDebriefer(session: ShellSession): Promise<number> {
  const ids = await builtPartyOrgs(session.core, [['衡水恒泰机械有限公司', '河东街道']], 11);
  const { debriefers } = await debriefing2026(session.core, [...ids.values()]);
  const id = debriefers.get('衡水恒泰机械有限公司党支部')!;
  await advanceDebriefer(session.core, id, '已评定');
  return id;
}

describe('委员会调整等次', () => {
  it('选等次、写理由后显示委员会评定和计算结果，记入审计；可取消调整恢复计算结果', async () => {
    s = await shellForThisTest();
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
