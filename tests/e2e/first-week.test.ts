import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openShell, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';

/** What a clerk hits in the first week, on a typical office laptop screen (1366×768) with the sample data. */
let s: ShellSession;
let page: Page;

beforeAll(async () => {
  s = await openShell({ today: '2026-11-22' });
  page = s.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await must(s.core, 'demo.load', {});
  await page.reload();
  await page.locator('.el-menu-item').first().waitFor();
});
afterAll(async () => {
  await s?.close();
});

const input = (testId: string) => page.locator(`input[data-test="${testId}"], [data-test="${testId}"] input`).first();
const go = async (hash: string) => {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForURL((u) => u.hash.startsWith(hash));
};
/** Left edge of an element, and of the box that clips it. */
const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
const errorsShown = () => page.locator('.el-form-item__error').allTextContents();

describe('组织档案列表', () => {
  it('搜索无结果时表头仍在，清除搜索后名称从头显示（横向滚动回到最左）', async () => {
    await go('#/orgs');
    await page.locator('.el-table-v2__row').first().waitFor();
    const table = await box('.org-table');
    // Scroll sideways to the last columns, as a clerk does to read 提示标记.
    await page.mouse.move(table.x + table.width / 2, table.y + table.height / 2);
    await page.mouse.wheel(2000, 0);
    await expect.poll(async () => (await box('.el-table-v2__header-cell[data-key="name"]')).x).toBeLessThan(table.x - 20);

    await input('org-search').fill('没有这个组织zzzz');
    await page.keyboard.press('Enter');
    await page.locator('.org-table .el-empty').waitFor();
    const name = await box('.el-table-v2__header-cell[data-key="name"]');
    expect(name.x).toBeGreaterThanOrEqual(table.x - 1);
    expect(name.x + name.width).toBeLessThanOrEqual(table.x + table.width);
    await s.shot('first-week-orgs-empty');

    await input('org-search').fill('');
    await page.keyboard.press('Enter');
    await page.locator('.el-table-v2__row').first().waitFor();
    const cell = await box('.el-table-v2__row .cell-name');
    expect(cell.x).toBeGreaterThanOrEqual(table.x);
    await s.shot('first-week-orgs-cleared');
  });
});

describe('提示随输入更新', () => {
  it('新建档案：名称填上后“名称不能为空”即消失，信用代码填了 5 位时说位数不对而不是“不能为空”', async () => {
    await go('#/orgs/new');
    await page.locator('[data-test=org-save]').click();
    await expect.poll(errorsShown).toContain('名称不能为空');
    expect(await errorsShown()).toContain('统一社会信用代码不能为空');
    await input('field-name').fill('衡水新起点科技有限公司');
    await input('field-uscc').fill('91131');
    // No blur, no second save: the messages follow the typing.
    await expect.poll(errorsShown).not.toContain('名称不能为空');
    const uscc = (await errorsShown()).find((t) => t.includes('18'));
    expect(uscc, (await errorsShown()).join('|')).toBeTruthy();
    expect(await errorsShown()).not.toContain('统一社会信用代码不能为空');
    await s.shot('first-week-org-form-live');
    await page.locator('.page-actions button', { hasText: '取消' }).click();
    await page.waitForURL(/#\/orgs(\?|$)/);
  });

  it('记录走访：选了指导员，“请选择指导员”即消失', async () => {
    await go('#/visits');
    await page.locator('[data-test=visits-new]').click();
    await page.locator('[data-test=visit-form]').waitFor();
    await page.click('[data-test=visit-save]');
    await expect.poll(errorsShown).toContain('请选择指导员');
    await page.locator('[data-test=visit-instructor]').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await expect.poll(errorsShown).not.toContain('请选择指导员');
    expect(await errorsShown()).toContain('请选择走访的组织');
    await page.keyboard.press('Escape');
    await page.locator('.el-dialog__headerbtn:visible').click();
  });
});

describe('走访记录', () => {
  it('分页显示，日期范围不被指导员框遮住，可以修改一条记录', async () => {
    await go('#/visits');
    const total = (await must(s.core, 'visits.list', {})).total;
    expect(total).toBeGreaterThan(200);
    await expect.poll(() => page.locator('[data-test=visits-count]').textContent()).toBe(`共 ${total} 条`);
    // One page in the table, the rest a click away.
    await expect.poll(() => page.locator('[data-test=visit-table] .el-table__body-wrapper tr.el-table__row').count()).toBe(50);
    expect(await page.locator('[data-test=visits-pager]').textContent()).toContain(`共 ${total} 条`);

    const range = await box('.filters .el-range-editor');
    const instructor = await box('.filters .el-select');
    expect(range.x + range.width).toBeLessThanOrEqual(instructor.x);
    await s.shot('first-week-visits');

    const first = (await must(s.core, 'visits.list', { limit: 1 })).rows[0];
    await page.locator('[data-test=visit-edit]').first().click();
    await page.locator('[data-test=visit-form]').waitFor();
    expect(await page.locator('.el-dialog__title:visible').textContent()).toBe('修改走访记录');
    expect(await page.locator('textarea[data-test=visit-content]').inputValue()).toBe(first.content);
    await page.fill('textarea[data-test=visit-content]', `${first.content}（已补充：约定下月再访）`);
    await s.shot('first-week-visit-edit');
    await page.click('[data-test=visit-save]');
    await expect.poll(async () => (await must(s.core, 'visits.list', { limit: 1 })).rows[0].content).toBe(`${first.content}（已补充：约定下月再访）`);
    expect((await must(s.core, 'visits.list', {})).total).toBe(total);
  });

  it('筛选没有结果时可一键清除筛选', async () => {
    await go('#/visits');
    await input('visits-query').fill('没有这样的走访zzzz');
    await page.locator('[data-test=visits-empty-clear]').waitFor();
    await s.shot('first-week-visits-empty');
    await page.click('[data-test=visits-empty-clear]');
    expect(await input('visits-query').inputValue()).toBe('');
    await expect.poll(() => page.locator('[data-test=visit-table] .el-table__body-wrapper tr.el-table__row').count()).toBe(50);
  });
});
