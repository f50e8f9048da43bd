import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../shared/domain/codes';
import { makeUscc } from '../../electron/core/demo/uscc';
import { seededRandom } from '../../electron/core/demo/random';
import type { ShellSession } from '../helpers/browser';
import { shellForEachTest } from '../helpers/lifecycle';
import { FIXTURES, must } from '../helpers/core';

let s: ShellSession;
let page: Page;
const ID_CARD = '13110219800101123' + idCardCheckChar('13110219800101123');
/** The ids of each test's world. */
let world: { instructor: number; orgs: Record<string, number> };

// Each test has its own small district (four organisations, one instructor, one overdue assignment): the
// coverage figures are counts over the whole database.
shellForEachTest({}, async (session) => {
  s = session;
  page = s.page;
  const rnd = seededRandom(11);
  const orgs: Record<string, number> = {};
  const org = async (name: string, built = false) =>
    (
      await must(s.core, 'orgs.save', {
        org: { category: 'enterprise', name, uscc: makeUscc(rnd, '9', '1'), street: name.startsWith('河西') ? '河西街道' : '河东街道', employees: 12, operatingStatus: '在营' },
        partyOrg: built ? { built: true, type: '党支部', formation: '单独组建' } : { built: false },
      })
    ).id;
  for (const name of ['河东甲机械有限公司', '河西丙商贸有限公司', '河东乙电子有限公司']) orgs[name] = await org(name);
  orgs['河东丁软件有限公司'] = await org('河东丁软件有限公司', true);
  const { id } = await must(s.core, 'instructors.save', {
    fields: { name: '王建华', role: '指导员', employment: '专职', status: '在岗', workUnit: '区委组织部', phone: '13803180001', idCard: ID_CARD },
  });
  await must(s.core, 'instructors.assign', { instructorId: id, organizationIds: [orgs['河东乙电子有限公司']], startDate: '2026-05-01', reason: '应派尽派', lead: true });
  world = { instructor: id, orgs };
});
const open = async (route: string) => (page = await s.open(route));
/** 河东甲 assigned too, and a visit to 河东乙 with its sign-in sheet, as the screens leave them. */
async function assignedAndVisited() {
  await must(s.core, 'instructors.assign', { instructorId: world.instructor, organizationIds: [world.orgs['河东甲机械有限公司']], startDate: '2026-11-22', reason: '应派尽派', lead: true });
  await must(s.core, 'visits.save', {
    fields: { instructorId: world.instructor, organizationId: world.orgs['河东乙电子有限公司'], date: '2026-11-22', way: '上门走访', content: '宣讲发展党员工作流程，了解职工中的党员情况' },
    attachments: [{ name: '走访签到表.txt', base64: Buffer.from('签到：王建华、张经理').toString('base64') }],
  });
}
// A failed step leaves a picture of the screen behind (before the test's shell closes: registered after it).
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await s.shot(`instructors-failed-${ctx.task.name.slice(0, 12)}`);
});

// A string, so the Node-side type check needs no DOM types: waits for dialog transitions before screenshots.
const settled = () => page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))');
const rateText = (test: string) => page.locator(`[data-test=${test}] .rate-fraction`).textContent();
const docText = async (d: Download) => {
  const file = await d.path();
  const bytes = fs.readFileSync(file!);
  return strFromU8(unzipSync(bytes)['word/document.xml']).replace(/<[^>]+>/g, '');
};
/** Picks an option of an Element Plus select by its visible text. */
async function pick(selectTest: string, text: string) {
  await page.click(`[data-test=${selectTest}]`);
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
}

describe('党建指导员界面', () => {
  it('覆盖页显示工作覆盖率、未覆盖和走访逾期名单', async () => {
    await page.locator('[data-test=stat-total]').waitFor();
    await page.click('.el-menu-item:has-text("覆盖与走访")');
    await page.locator('[data-test=uncovered-table]').waitFor();
    await expect.poll(() => rateText('rate-work')).toContain('2 ÷ 4');
    expect(await rateText('rate-org')).toContain('1 ÷ 4');
    expect(await page.locator('[data-test=coverage-rates]').textContent()).toContain('计算公式');
    await expect.poll(() => page.locator('[data-test=uncovered-table] .el-table__body tr').count()).toBe(2);
    await s.shot('instructors-coverage');
  });

  it('从未覆盖名单一键选派后，覆盖率和名单随之变化', async () => {
    await open('/coverage');
    const row = page.locator('[data-test=uncovered-table] .el-table__body tr', { hasText: '河东甲机械有限公司' });
    await row.locator('[data-test=assign-one]').click();
    await page.locator('[data-test=assign-form]').waitFor();
    await pick('assign-instructor', '王建华');
    await settled();
    await s.shot('instructors-assign-dialog');
    await page.click('[data-test=assign-submit]');
    await page.locator('.el-message--success').first().waitFor();
    await expect.poll(() => rateText('rate-work')).toContain('3 ÷ 4');
    await expect.poll(() => page.locator('[data-test=uncovered-table] .el-table__body tr').count()).toBe(1);
    expect(await page.locator('[data-test=uncovered-table]').textContent()).not.toContain('河东甲机械有限公司');
    const core = await must(s.core, 'coverage.summary', {});
    expect(core.figures.workCoverage).toMatchObject({ numerator: 3, denominator: 4 });
    await s.shot('instructors-after-assign');
  });

  it('从走访逾期名单记录走访（带附件），逾期名单清空', async () => {
    await open('/coverage');
    await page.click('.el-tabs__item:has-text("走访逾期")');
    const row = page.locator('[data-test=overdue-table] .el-table__body tr', { hasText: '河东乙电子有限公司' });
    await row.waitFor();
    expect(await row.textContent()).toContain('2026-08-01');
    await s.shot('instructors-overdue');
    await row.locator('[data-test=overdue-visit]').click();
    await page.locator('[data-test=visit-form]').waitFor();
    await page.fill('textarea[data-test=visit-content]', '宣讲发展党员工作流程，了解职工中的党员情况');
    await page.locator('[data-test=visit-files] input[type=file]').setInputFiles({ name: '走访签到表.txt', mimeType: 'text/plain', buffer: Buffer.from('签到：王建华、张经理') });
    await settled();
    await s.shot('instructors-visit-dialog');
    await page.click('[data-test=visit-save]');
    await page.locator('.el-message--success', { hasText: '走访记录已保存' }).waitFor();
    await expect.poll(() => page.locator('[data-test=overdue-table] .el-table__body tr').count()).toBe(0);
    expect((await must(s.core, 'coverage.overdue', {})).rows).toEqual([]);
  });

  it('走访记录列表可筛选，附件可下载', async () => {
    await assignedAndVisited();
    await open('/visits');
    const row = page.locator('[data-test=visit-table] .el-table__body tr', { hasText: '河东乙电子有限公司' }).first();
    await row.waitFor();
    await s.shot('instructors-visits');
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-test=attachment-link]').click()]);
    expect(download.suggestedFilename()).toBe('走访签到表.txt');
    expect(fs.readFileSync((await download.path())!, 'utf8')).toBe('签到：王建华、张经理');
  });

  it('花名册页导出选派通知和花名册（.docx）', async () => {
    await assignedAndVisited();
    await open('/instructors');
    await page.locator('[data-test=roster-table] .el-table__body tr', { hasText: '王建华' }).waitFor();
    const roster = await page.locator('[data-test=roster-table]').textContent();
    expect(roster).not.toContain(ID_CARD);
    expect(roster).toContain(`1311**********${ID_CARD.slice(-4)}`);
    await s.shot('instructors-roster');

    const [notice] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-notice]')]);
    expect(notice.suggestedFilename()).toMatch(/选派通知.*〔2026〕1号.*\.docx$/);
    const n = await docText(notice);
    for (const t of ['关于选派党建工作指导员的通知', '王建华', '河东甲机械有限公司', '河东乙电子有限公司', '〔2026〕1号']) expect(n).toContain(t);

    const [list] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-roster]')]);
    expect(list.suggestedFilename()).toMatch(/花名册.*\.docx$/);
    const r = await docText(list);
    expect(r).toContain('花名册');
    expect(r).toContain('王建华');
    expect(r).toContain('区委组织部');
  });

  it('指导员详情页显示联系的组织和走访记录', async () => {
    await assignedAndVisited();
    await open('/instructors');
    await page.locator('[data-test=roster-table] .el-table__body tr', { hasText: '王建华' }).click();
    await page.locator('[data-test=active-assignments]').waitFor();
    await expect.poll(() => page.locator('[data-test=active-assignments] .el-table__body tr').count()).toBe(2);
    expect(await page.locator('[data-test=visit-table]').textContent()).toContain('河东乙电子有限公司');
    await expect.poll(() => page.locator('[data-test=detail-visit]').isEnabled()).toBe(true);
    expect(await page.locator('[data-test=detail-assign]').isEnabled()).toBe(true);
    await s.shot('instructors-detail');
    // 走访记录汇总 for the default range (this year) downloads as .docx.
    const [summary] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-visits]')]);
    expect(summary.suggestedFilename()).toMatch(/^王建华走访记录汇总.*\.docx$/);
    expect(await docText(summary)).toContain('宣讲发展党员工作流程');
  });
});

describe('组织档案和摸排表中的指导员', () => {
  it('在组织档案的“党建指导员”页签选派', async () => {
    const org = { id: world.orgs['河西丙商贸有限公司'] };
    await open(`/orgs/${org.id}`);
    await page.click('.el-tabs__item:has-text("党建指导员")');
    await page.click('[data-test=org-assign]');
    await pick('assign-instructor', '王建华');
    await page.click('[data-test=assign-submit]');
    await expect.poll(() => page.locator('.el-tab-pane:visible .el-table__body tr', { hasText: '王建华' }).count()).toBe(1);
    await settled();
    await s.shot('instructors-org-tab');
    expect((await must(s.core, 'coverage.uncovered', {})).rows.map((r) => r.name)).toEqual(['河东甲机械有限公司']);
  });

  it('摸排表中未在花名册的指导员：由用户登记，不自动新建', async () => {
    const file = { name: 'hexi-2026-utf8bom.csv', base64: fs.readFileSync(path.join(FIXTURES, 'census', 'hexi-2026-utf8bom.csv')).toString('base64') };
    const p = await must(s.core, 'census.preview', { file, year: 2026 });
    await must(s.core, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    const before = (await must(s.core, 'instructors.list', {})).rows.length;
    const names = (await must(s.core, 'instructors.censusNames', {})).names;
    expect(names.length).toBeGreaterThan(0);
    await open('/coverage');
    await page.click(`.el-tabs__item:has-text("摸排中的指导员（${names.length}）")`);
    const row = page.locator('[data-test=census-names] .el-table__body tr', { hasText: names[0].name }).first();
    await row.waitFor();
    await s.shot('instructors-census-names');
    await row.locator('[data-test=census-add]').click();
    await expect.poll(() => page.locator('input[data-test=f-name]').inputValue()).toBe(names[0].name);
    await page.click('[data-test=instructor-save]');
    await row.locator('[data-test=census-assign]').waitFor();
    expect((await must(s.core, 'instructors.list', {})).rows.length).toBe(before + 1);
  });
});

describe('示例数据中的指导员', () => {
  it('载入示例数据后，未覆盖、走访逾期和工作量与核心一致', async () => {
    await must(s.core, 'demo.load', {});
    const uncovered = (await must(s.core, 'coverage.uncovered', {})).rows.length;
    const overdue = (await must(s.core, 'coverage.overdue', {})).rows.length;
    const work = (await must(s.core, 'coverage.summary', {})).figures.workCoverage;
    expect(uncovered).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(0);
    await open('/coverage');
    await expect.poll(() => rateText('rate-work')).toContain(`${work.numerator} ÷ ${work.denominator}`);
    await expect.poll(() => page.locator('.el-tabs__item', { hasText: '未覆盖' }).textContent()).toContain(`（${uncovered}）`);
    expect(await page.locator('.el-tabs__item', { hasText: '走访逾期' }).textContent()).toContain(`（${overdue}）`);
    await s.shot('instructors-coverage-sample');
    await page.click('.el-tabs__item:has-text("工作量")');
    await page.locator('[data-test=workload-table] .el-table__body tr').first().waitFor();
    await settled();
    await s.shot('instructors-workload-sample');
    await page.click('.el-menu-item:has-text("走访记录")');
    await page.locator('[data-test=visit-table] .el-table__body tr').nth(5).waitFor();
    await s.shot('instructors-visits-sample');
    await page.click('.el-menu-item:has-text("党建指导员")');
    await page.locator('[data-test=roster-table] .el-table__body tr').nth(5).waitFor();
    await s.shot('instructors-roster-sample');
  });
});
