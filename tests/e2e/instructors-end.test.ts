/**
 * 结束选派 from an instructor's page: the end date and reason are kept in the history, the end date
 * itself still counts, and the day after the organisation is 未覆盖 again. One shell, set up here.
 */
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { moveClock, must } from '../helpers/core';

let s: ShellSession | null = null;

describe('结束选派', () => {
  it('填写原因后结束：当天仍算覆盖，次日该组织回到“未覆盖”，选派历史里有结束日期和原因', async () => {
    s = await shellForThisTest();
    const { page, core } = s;
    const org = await must(core, 'orgs.save', {
      org: { category: 'enterprise', name: '衡水华信电子有限公司', uscc: '91131102YK306XJR0K', street: '河东街道', operatingStatus: '在营', employees: 12 },
      partyOrg: { built: false },
      acceptWarnings: true,
    });
    const instructor = await must(core, 'instructors.save', { fields: { name: '王立新', role: '指导员', employment: '兼职', status: '在岗' } });
    await must(core, 'instructors.assign', { instructorId: instructor.id, organizationIds: [org.id], startDate: '2026-03-01', reason: '应派尽派', lead: true });
    const uncovered = async () => (await must(core, 'orgs.list', { flag: '未覆盖' })).rows.map((r) => r.id);
    expect(await uncovered()).toEqual([]);

    await page.locator('[data-test=stat-total]').waitFor(); // the app has started (and routed) before the address changes
    await page.evaluate(`location.hash = "#/instructors/${instructor.id}"`);
    const active = page.locator('[data-test=active-assignments]');
    await expect.poll(() => active.innerText()).toContain('衡水华信电子有限公司');
    await active.getByRole('button', { name: '结束选派' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '结束选派' });
    await dialog.waitFor();
    await page.locator('[data-test=end-reason] input, input[data-test=end-reason]').first().fill('');
    await page.click('[data-test=end-submit]');
    await expect.poll(() => dialog.innerText()).toContain('请填写结束原因');
    await page.locator('[data-test=end-reason] input, input[data-test=end-reason]').first().fill('工作调整');
    await s.shot('instructors-end-dialog');
    await page.click('[data-test=end-submit]');
    await page.locator('.el-message--success', { hasText: '已结束选派' }).waitFor();
    const [row] = await must(core, 'instructors.assignments', { organizationId: org.id });
    expect(row).toMatchObject({ endDate: '2026-11-22', endReason: '工作调整', active: true }); // the end date still counts
    expect(await uncovered()).toEqual([]);

    // The next day: out of the active list, into the history; the organisation is uncovered.
    moveClock(core, '2026-11-23T09:00:00+08:00');
    await page.reload();
    await expect.poll(() => page.locator('.card', { hasText: '选派历史' }).last().innerText()).toContain('2026-03-01 至 2026-11-22');
    expect(await page.locator('.card', { hasText: '选派历史' }).last().innerText()).toContain('工作调整');
    expect(await active.innerText()).not.toContain('衡水华信电子有限公司');
    expect(await uncovered()).toEqual([org.id]);
    await s.shot('instructors-ended');
    expect(s.consoleErrors).toEqual([]);
  });
});
