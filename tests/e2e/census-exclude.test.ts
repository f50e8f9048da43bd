/**
 * Leaving single rows out of a census import: unticked in the preview, not counted on the button and
 * not written. One shell, one fixture file.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { FIXTURES, must } from '../helpers/core';

let s: ShellSession | null = null;

describe('摸排导入时不导入个别行', () => {
  it('取消勾选的行不计入“导入 N 行”，导入后档案里没有它，其余照常导入', async () => {
    s = await shellForThisTest();
    const { page, core } = s;
    await page.click('.el-menu-item:has-text("年度摸排")');
    await page.locator('.census-page').waitFor();
    await page.setInputFiles('[data-test=census-file]', path.join(FIXTURES, 'census', 'taocheng-2026-moupai.xlsx'));
    await page.locator('[data-test=census-counts]').waitFor();
    const commit = page.locator('[data-test=census-commit]');
    await expect.poll(() => commit.innerText()).toBe('导入 56 行'); // the rows without warnings

    await page.click('.el-tabs__item:has-text("新增")');
    const rows = page.locator('[data-test=census-rows-new] .el-table__body tr');
    const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim());
    const [, leftOutRow, , leftOutCode] = await cells(0);
    const [, , , keptCode] = await cells(1);
    for (const code of [leftOutCode, keptCode]) expect(code).toMatch(/^[0-9A-Z]{18}$/);
    await page.locator(`[data-test=include-${leftOutRow}]`).click();
    await expect.poll(() => commit.innerText()).toBe('导入 55 行');
    await s.shot('census-row-excluded');
    // Ticked again and unticked again: the count follows.
    await page.locator(`[data-test=include-${leftOutRow}]`).click();
    await expect.poll(() => commit.innerText()).toBe('导入 56 行');
    await page.locator(`[data-test=include-${leftOutRow}]`).click();
    await expect.poll(() => commit.innerText()).toBe('导入 55 行');

    await commit.click();
    await page.locator('.el-message-box__btns button:has-text("导入")').click();
    await expect.poll(() => page.locator('[data-test=census-result]').innerText(), { timeout: 60_000 }).toContain('已导入');
    const [batch] = await must(core, 'census.batches', {});
    expect(batch.imported).toBe(55);
    expect((await core.invoke('orgs.get', { uscc: leftOutCode })).ok).toBe(false);
    expect((await must(core, 'orgs.get', { uscc: keptCode })).org.uscc).toBe(keptCode);
    expect(s.consoleErrors).toEqual([]);
  });
});
