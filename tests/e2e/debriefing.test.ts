import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';
import { shellForEachTest } from '../helpers/lifecycle';
import { advanceDebriefer, builtPartyOrgs, debriefing2026 } from '../helpers/seed';

let s: ShellSession;
let page: Page;
let orgIds: number[];

// Each test on a database of its own with two built party organisations; the stages before the one a test is
// about (the 2026 cycle, a report, the ballots) are made through the core.
shellForEachTest({ today: '2026-11-22' }, async (session) => {
  s = session;
  page = s.page;
  const ids = await builtPartyOrgs(s.core, [
    ['衡水恒泰机械有限公司', '河东街道'],
    ['衡水华信电子有限公司', '河西街道'],
  ], 11);
  orgIds = [...ids.values()];
});
const open = async (route: string) => (page = await s.open(route));
/** The 2026 cycle with both secretaries; 恒泰's taken to `to`; its page opened. Returns the debriefer ids by name. */
async function debrieferPage(to?: '已述职' | '已评定') {
  const { debriefers } = await debriefing2026(s.core, orgIds);
  const id = debriefers.get('衡水恒泰机械有限公司党支部')!;
  if (to) await advanceDebriefer(s.core, id, to);
  await open(`/debriefing/debriefers/${id}`);
  await page.locator('[data-test=debriefer-status]').waitFor();
  return { id, debriefers };
}

const field = (testId: string, tag = 'input') => page.locator(`${tag}[data-test="${testId}"], [data-test="${testId}"] ${tag}`).first();

describe('述职评议界面', () => {
  it('新建年度考核，从组织档案添加两新党组织书记', async () => {
    await open('/debriefing');
    await page.locator('[data-test=debriefing-empty]').waitFor();
    await page.click('[data-test=cycle-new]');
    await expect.poll(() => field('cycle-name').inputValue()).toBe('2026年度两新组织党组织书记抓党建工作述职评议考核');
    await page.click('[data-test=cycle-save]');
    await page.locator('[data-test=tier-cards]').waitFor();

    await page.click('.el-tabs__item:has-text("述职对象")');
    await page.click('[data-test=add-debriefers]');
    await page.click('[data-test="add-tier-两新党组织书记"]');
    await expect.poll(async () => (await page.locator('[data-test=add-org-total]').textContent())?.trim()).toBe('2');
    await s.shot('debriefing-add-orgs');
    await page.click('[data-test=add-all]');
    const table = page.locator('[data-test=debriefer-table]');
    await table.locator('.el-table__row', { hasText: '衡水恒泰机械有限公司党支部' }).waitFor();
    expect(await table.locator('.el-table__row').count()).toBe(2);
    const cycles = await must(s.core, 'debriefing.cycles', {});
    expect(cycles.map((c) => [c.year, c.debriefers])).toEqual([[2026, 2]]);
    await s.shot('debriefing-list-new');

    await table.locator('.el-link', { hasText: '衡水恒泰机械有限公司党支部' }).click();
    await page.waitForURL(/#\/debriefing\/debriefers\/\d+/);
  });

  it('录入述职报告并推进到“已述职”', async () => {
    const { id } = await debrieferPage();
    await field('report-text', 'textarea').fill('一、履行职责情况。全年召开支部委员会12次。\n二、存在问题。党建与业务融合不够。');
    await page.click('[data-test=report-save]');
    await page.locator('[data-test="status-已提交报告"]').click();
    await expect.poll(() => page.locator('[data-test=debriefer-status]').textContent()).toBe('已提交报告');
    await page.locator('[data-test="status-已述职"]').click();
    await expect.poll(() => page.locator('[data-test=debriefer-status]').textContent()).toBe('已述职');
    const d = await must(s.core, 'debriefing.debriefer', { id });
    expect(d.reportText).toContain('党建与业务融合不够');
    expect(d.reportSubmittedOn).toBe('2026-11-22');
  });

  it('用键盘录入测评票数，看到测算等次和说明，保存后等次一致', async () => {
    const { id } = await debrieferPage('已述职');
    await page.click('.el-tabs__item:has-text("民主测评")');
    // Tab through 发出票, 有效票, 好, 较好, 一般, 差 of 总体评价
    await page.locator('[data-test="tally-0-issued"]').click();
    for (const v of ['52', '50', '40', '3', '7', '0']) {
      await page.keyboard.type(v);
      await page.keyboard.press('Tab');
    }
    // The first row's 发出票/有效票 filled the rows below.
    expect(await page.locator('[data-test="tally-1-valid"]').inputValue()).toBe('50');
    await expect.poll(() => page.locator('[data-test=grade-preview]').textContent()).toContain('好：得分91.5分，不低于90分；好和较好票占86%，不低于80%');
    await s.shot('debriefing-ballot-entry');
    await page.click('[data-test=ballots-save]');
    await expect.poll(() => page.locator('[data-test=grade-explanation]').textContent()).toBe('好：得分91.5分，不低于90分；好和较好票占86%，不低于80%');
    expect(await page.locator('[data-test=grade-value]').textContent()).toBe('好');
    const d = await must(s.core, 'debriefing.debriefer', { id });
    expect(d.ballots).toEqual([{ item: '总体评价', issued: 52, valid: 50, good: 40, fairlyGood: 3, average: 7, poor: 0 }]);
    expect(d.grade).toBe('好');
    await page.locator('[data-test="status-已评定"]').click();
    await expect.poll(() => page.locator('[data-test=debriefer-status]').textContent()).toBe('已评定');
    await s.shot('debriefing-graded');
  });

  it('记录点评问题和整改时限', async () => {
    const { id } = await debrieferPage('已评定');
    await page.click('.el-tabs__item:has-text("问题整改")');
    await page.click('[data-test=rect-add]');
    await field('rect-problem', 'textarea').fill('“三会一课”记录不够规范');
    await field('rect-measures', 'textarea').fill('统一使用会议记录本，支部书记每月审核');
    await field('rect-deadline').fill('2026-12-31');
    await field('rect-deadline').press('Enter');
    await page.click('[data-test=rect-save]');
    await page.locator('[data-test=rect-table] .el-table__row', { hasText: '三会一课' }).waitFor();
    const d = await must(s.core, 'debriefing.debriefer', { id });
    expect(d.rectificationItems.map((r) => [r.problem, r.deadline, r.status, r.owner])).toEqual([['“三会一课”记录不够规范', '2026-12-31', '未开始', '李秀英']]);
    await s.shot('debriefing-rectification');
    // 下一个 opens the tier's next debriefer on the same tab.
    await page.click('[data-test=next-debriefer]');
    await expect.poll(() => page.locator('.page-header h2').textContent()).toBe('衡水华信电子有限公司党支部');
    expect(page.url()).toContain('tab=rectification');
  });

  it('导出述职评议等次结果汇总表，下载的 Word 含等次和说明', async () => {
    const { debriefers } = await debriefing2026(s.core, orgIds);
    await advanceDebriefer(s.core, debriefers.get('衡水恒泰机械有限公司党支部')!, '已评定');
    await open('/debriefing');
    await page.click('.el-tabs__item:has-text("层级总览")');
    await expect.poll(() => page.locator('[data-tier="两新党组织书记"]').textContent()).toContain('好 1');
    await s.shot('debriefing-rollup');
    await page.click('.el-tabs__item:has-text("文书导出")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-debriefing-results]')]);
    expect(download.suggestedFilename()).toBe('2026年度述职评议等次结果汇总表.docx');
    const file = path.join(SCREENSHOTS, 'debriefing-results.docx');
    await download.saveAs(file);
    const zip = unzipSync(fs.readFileSync(file));
    const xml = strFromU8(zip['word/document.xml']);
    // Text without tags: a long cell is broken into lines (paragraphs) at word boundaries.
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const text of ['2026年度述职评议等次结果汇总表', '衡水恒泰机械有限公司党支部', '李秀英', '好：得分91.5分，不低于90分；好和较好票占86%，不低于80%', '衡水华信电子有限公司党支部', '未评定']) {
      expect(plain).toContain(text);
    }
    expect(xml).toContain('w:orient="landscape"');
  });

  it('示例数据：层级总览显示上年完整考核和本年进行中的考核', async () => {
    await must(s.core, 'demo.load', {});
    await open('/debriefing');
    await page.locator('[data-test=cycle-select]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '2025 年度（示例）' }).click();
    await page.click('.el-tabs__item:has-text("层级总览")');
    await expect.poll(() => page.locator('[data-tier="工委成员单位"]').textContent()).toContain('6 个述职对象');
    await s.shot('debriefing-rollup-sample');
    await page.click('.el-tabs__item:has-text("述职对象")');
    await s.shot('debriefing-list-sample');
    await page.click('.el-tabs__item:has-text("评定标准")');
    await page.locator('text=好：综合得分不低于90分，且总体评价“好”和“较好”票不低于80%').waitFor();
    await s.shot('debriefing-settings');
  });

  it('概览页列出逾期的整改事项，点击打开该述职对象的问题整改', async () => {
    // The user's own 2026 cycle: a problem whose deadline has passed.
    const { debriefers } = await debriefing2026(s.core, orgIds);
    await must(s.core, 'debriefing.saveRectification', { debrieferId: debriefers.get('衡水华信电子有限公司党支部')!, problem: '党员活动阵地长期闲置', deadline: '2026-11-01', status: '整改中' });
    const reminders = await must(s.core, 'debriefing.reminders', {});
    expect(reminders.map((r) => [r.debriefer, r.daysOverdue])).toEqual([['衡水华信电子有限公司党支部', 21]]);
    await open('/overview');
    const widget = page.locator('[data-test=rect-reminders]');
    await expect.poll(() => widget.locator('.title').textContent()).toContain(`${reminders.length} 项`);
    await widget.scrollIntoViewIfNeeded();
    await s.shot('debriefing-overview-reminders');
    await widget.locator('.row').first().click();
    await page.waitForURL(new RegExp(`#/debriefing/debriefers/${reminders[0].debrieferId}\\?tab=rectification`));
    await page.locator('[data-test=rect-table] .el-tag', { hasText: '逾期' }).first().waitFor();
  });

  it('评定标准可在界面修改，保存后核心使用新标准', async () => {
    await debriefing2026(s.core, orgIds); // the page shows its tabs once there is a cycle
    await open('/debriefing');
    await page.click('.el-tabs__item:has-text("评定标准")');
    await field('set-good-score').fill('92');
    await field('set-good-score').press('Tab');
    await page.click('[data-test=settings-save]');
    await expect.poll(async () => (await must(s.core, 'debriefing.settings', {})).settings.good.minScore).toBe(92);
    // Untouched thresholds keep their exact value (one third is not rounded to 33.33 by the form).
    expect((await must(s.core, 'debriefing.settings', {})).settings.poorShareAbove).toBe(100 / 3);
    expect(s.consoleErrors).toEqual([]);
  });
});
