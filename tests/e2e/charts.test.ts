import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LAPTOP_SCREEN, openShell, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';

let s: ShellSession;
let page: Page;

beforeAll(async () => {
  s = await openShell({ today: '2026-11-22', viewport: LAPTOP_SCREEN, samples: true });
});
/** Each test on a page of its own: the charts only read the sample data. */
const open = async (route: string) => {
  page = await s.open(route);
  await page.locator('.el-menu-item').first().waitFor();
};
afterAll(async () => {
  await s?.close();
});

const card = (name: string) => page.locator(`[data-test="chart-${name}"]`);
const pct1 = (rate: number | null) => `${((rate ?? 0) * 100).toFixed(1)}%`;

describe('统计图表', () => {
  it('五张图都画出来，每张的数字可切换为表格查看，与核心一致', async () => {
    await open('/charts');
    for (const name of ['各街道党组织覆盖率', '覆盖率年度变化', '组织类别与党组织类型', '指导员走访完成率', '述职评议等次']) {
      await card(name).locator('canvas').first().waitFor();
    }
    await s.shot('charts');

    const overview = await must(s.core, 'stats.overview', {});
    const charts = await must(s.core, 'stats.charts', {});
    // Streets, highest coverage first, and the district line's figure in the last row.
    await card('各街道党组织覆盖率').locator('label:has-text("表")').click();
    const rows = await card('各街道党组织覆盖率').locator('.el-table__body tr').allTextContents();
    const streets = [...overview.byStreet].sort((a, b) => (b.coverage.orgCoverage.rate ?? 0) - (a.coverage.orgCoverage.rate ?? 0));
    expect(rows).toHaveLength(streets.length + 1);
    expect(rows[0]).toContain(streets[0].street);
    expect(rows[0]).toContain(pct1(streets[0].coverage.orgCoverage.rate));
    expect(rows.at(-1)).toContain('全区');
    expect(rows.at(-1)).toContain(pct1(overview.coverage.orgCoverage.rate));
    await s.shot('charts-table');

    // Two census years in the sample data, each with its rates.
    expect(charts.coverageByYear.map((y) => y.year)).toEqual([2025, 2026]);
    await card('覆盖率年度变化').locator('label:has-text("表")').click();
    const years = await card('覆盖率年度变化').locator('.el-table__body tr').allTextContents();
    expect(years).toHaveLength(2);
    expect(years[1]).toContain(pct1(charts.coverageByYear[1].orgCoverage.rate));
    expect(years[1]).toContain(pct1(charts.coverageByYear[1].workCoverage.rate));

    // Grades against last year: both cycles of the sample data.
    await card('述职评议等次').locator('label:has-text("表")').click();
    const grades = await card('述职评议等次').locator('.el-table__body tr').allTextContents();
    expect(grades.some((r) => r.includes('2025年'))).toBe(true);
    expect(grades.some((r) => r.includes('2026年'))).toBe(true);
    await page.evaluate(() => document.querySelector('.charts-page')!.scrollTo(0, 10_000));
    await s.shot('charts-bottom');
  });

  it('保存图片得到 PNG 文件', async () => {
    await open('/charts');
    await card('指导员走访完成率').locator('label:has-text("图")').click();
    const [download] = await Promise.all([page.waitForEvent('download'), card('指导员走访完成率').locator('[data-test=chart-png]').click()]);
    expect(download.suggestedFilename()).toBe('指导员走访完成率.png');
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5000);
  });

  it('概览页显示各街道覆盖率和年度变化两张图', async () => {
    await open('/overview');
    await card('各街道党组织覆盖率').locator('canvas').first().waitFor();
    await card('覆盖率年度变化').locator('canvas').first().waitFor();
    await card('覆盖率年度变化').scrollIntoViewIfNeeded();
    await s.shot('charts-overview');
  });
});
