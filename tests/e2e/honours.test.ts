import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HONOURS_EXPORT_KINDS } from '../../shared/contract/honours';
import { MODEL_ITEMS } from '../../shared/domain/honours/modelOrgs';
import { SCREENSHOTS, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';
import { shellForEachTest } from '../helpers/lifecycle';
import { builtPartyOrgs, ratingScores } from '../helpers/seed';

let s: ShellSession;
let page: Page;
const ORGS: [string, string, number][] = [
  ['衡水恒泰机械有限公司', '河东街道', 95],
  ['衡水华信电子有限公司', '河东街道', 87],
  ['衡水盛世物流有限公司', '河西街道', 75],
  ['衡水宏远商贸有限公司', '河西街道', 65],
  ['衡水绿源软件有限公司', '河西街道', 50],
];
let ids = new Map<string, number>();
/** Item scores in the grid's column order. */
const scores = (total: number) => Object.values(ratingScores(total));

// Each test on a database of its own with the five organisations; a test after the scoring has it done through the core.
shellForEachTest({ today: '2026-11-22' }, async (session) => {
  s = session;
  page = s.page;
  ids = await builtPartyOrgs(s.core, ORGS.map(([name, street]) => [name, street] as const), 23);
});
const open = async (route: string) => (page = await s.open(route));
/** The 2026 round with the five organisations scored (five stars down to one). */
async function rated2026() {
  const { id } = await must(s.core, 'rating.saveRound', { year: 2026, name: '2026年度评星定级' });
  await must(s.core, 'rating.saveScores', { roundId: id, entries: ORGS.map(([name, , total]) => ({ organizationId: ids.get(name)!, scores: ratingScores(total), vetoes: [] })) });
}

const field = (testId: string, tag = 'input') => page.locator(`${tag}[data-test="${testId}"], [data-test="${testId}"] ${tag}`).first();
const okBox = () => page.click('.el-message-box__btns .el-button--primary');

describe('年度评星界面', () => {
  it('新建年度评星，用键盘录入五个组织的得分（方向键、Enter、从 Excel 粘贴一列），即时看到星级和说明，保存', async () => {
    await open('/honours');
    await page.click('[data-test=round-new]');
    await page.locator('[data-test=rating-grid]').waitFor();
    const names = await page.locator('[data-test=rating-grid] tbody td.org .name').allTextContents();
    const row = (name: string) => names.indexOf(name);
    // Rows are typed left to right: each value then ArrowRight (the caret is at the end, so the cell moves).
    for (const [name, , total] of ORGS) {
      const r = row(name);
      await page.locator(`[data-test="score-${r}-1"]`).click();
      for (const v of scores(total).slice(1)) {
        await page.keyboard.type(String(v));
        await page.keyboard.press('ArrowRight');
      }
    }
    // The first item's column comes from Excel: pasted into the top cell, it fills down.
    const column = names.map((n) => scores(ORGS.find((o) => o[0] === n)![2])[0]).join('\r\n') + '\r\n';
    await page.locator('[data-test="score-0-0"]').evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, column);
    await expect.poll(() => page.locator('[data-test=paste-message]').textContent()).toBe('已粘贴 5 个单元格');
    // Enter moves down: correct one cell of the second row through the keyboard.
    await page.locator('[data-test="score-0-1"]').click();
    await page.keyboard.press('Enter');
    await page.keyboard.type(String(scores(ORGS.find((o) => o[0] === names[1])![2])[1]));
    await page.keyboard.press('Enter');

    const why = (name: string) => page.locator(`[data-test="why-${ids.get(name)}"]`).textContent();
    await expect.poll(() => why('衡水华信电子有限公司')).toBe('87分，四星：未达90分');
    await expect.poll(() => why('衡水绿源软件有限公司')).toBe('50分，一星：未达60分');
    expect(await page.locator(`[data-test="stars-${ids.get('衡水恒泰机械有限公司')}"]`).textContent()).toBe('★★★★★');
    await s.shot('honours-rating-grid');
    await page.click('[data-test=rating-save]');
    const round = (await must(s.core, 'rating.rounds', {}))[0];
    await expect.poll(async () => (await must(s.core, 'rating.round', { id: round.id })).rows.filter((r) => r.stars !== null).length).toBe(5);
    const stored = (await must(s.core, 'rating.round', { id: round.id })).rows;
    expect(ORGS.map(([name]) => stored.find((r) => r.name === name)!.stars)).toEqual([5, 4, 3, 2, 1]);
  });

  it('组织档案显示各年度星级，组织列表可按星级筛选', async () => {
    await rated2026();
    await open(`/orgs/${ids.get('衡水华信电子有限公司')}`);
    await page.click('.el-tabs__item:has-text("星级与荣誉")');
    const table = page.locator('[data-test=org-stars]');
    await table.locator('.el-table__row', { hasText: '87分，四星：未达90分' }).waitFor();
    expect(await table.locator('.el-table__row').first().textContent()).toContain('★★★★');
    await s.shot('honours-org-stars');
    await page.evaluate(() => (location.hash = '/orgs?stars=1')); // in-app, as a link would do
    await expect.poll(() => page.locator('.org-table .cell-name').allTextContents()).toEqual(['衡水绿源软件有限公司']);
  });

  it('一星组织列为候选：确认（写明理由），填写整顿方案，销号为已转化，转化率带分子分母', async () => {
    await rated2026();
    await open('/honours?tab=weak&year=2026');
    await page.locator(`[data-test="weak-confirm-${ids.get('衡水绿源软件有限公司')}"]`).click();
    await field('weak-reason', 'textarea').fill('50分一星，一年多未正常开展组织生活，经街道党工委核实');
    await page.click('[data-test=weak-confirm-ok]');
    const table = page.locator('[data-test=weak-table]');
    await table.locator('.el-table__row', { hasText: '衡水绿源软件有限公司' }).waitFor();
    const id = (await must(s.core, 'weak.list', { year: 2026 })).items[0].id;
    await page.click(`[data-test="weak-edit-${id}"]`);
    await field('weak-problems', 'textarea').fill('组织生活不正常');
    await field('weak-plan', 'textarea').fill('街道选派指导员驻点，每月开展主题党日');
    await field('weak-leader').fill('王建华（街道党工委副书记）');
    await field('weak-deadline').fill('2027-03-31');
    await field('weak-deadline').press('Enter');
    await page.click('[data-test=weak-save]');
    await expect.poll(async () => (await must(s.core, 'weak.list', { year: 2026 })).items[0].plan).toBe('街道选派指导员驻点，每月开展主题党日');
    await page.click(`[data-test="weak-convert-${id}"]`);
    await okBox();
    await expect.poll(() => page.locator('[data-test=weak-rate]').textContent()).toBe('整顿转化率100.0%（确定整顿1个，已转化1个）');
    const w = (await must(s.core, 'weak.list', { year: 2026 })).items[0];
    expect([w.status, w.leader, w.deadline, w.closedOn]).toEqual(['已转化', '王建华（街道党工委副书记）', '2027-03-31', '2026-11-22']);
    await s.shot('honours-weak');
  });

  it('书记项目从立项到验收', async () => {
    await open('/honours');
    await page.click('.el-tabs__item:has-text("书记项目")');
    await page.click('[data-test=project-new]');
    await page.click('.el-radio-button:has-text("街道（乡镇）党（工）委")');
    await field('project-street').fill('河西街道');
    await field('project-unit').fill('河西街道党工委');
    await field('project-secretary').fill('郭立新');
    await field('project-title').fill('楼宇党建联盟共建');
    await field('project-problem', 'textarea').fill('楼宇内企业党员分散');
    await field('project-goal', 'textarea').fill('联合12家企业建立党建联盟');
    await field('project-measures', 'textarea').fill('设立党群服务站，轮值开展主题党日');
    await page.click('[data-test=milestone-add]');
    await field('milestone-title-0').fill('建立联盟章程');
    await field('milestone-due-0').fill('2026-12-20');
    await field('milestone-due-0').press('Enter');
    await page.click('[data-test=project-save]');
    const table = page.locator('[data-test=project-table]');
    await table.locator('.el-table__row', { hasText: '楼宇党建联盟共建' }).waitFor();
    const id = (await must(s.core, 'projects.list', { year: 2026 }))[0].id;
    const status = async () => (await must(s.core, 'projects.get', { id })).status;

    await page.click(`[data-test="project-${id}-to-推进中"]`);
    await expect.poll(status).toBe('推进中');
    await page.click(`[data-test="project-${id}-to-中期评估"]`);
    await expect.poll(status).toBe('中期评估');
    await table.locator('.el-link', { hasText: '楼宇党建联盟共建' }).click();
    await field('project-midterm', 'textarea').fill('联盟已建立，活动正常开展');
    await page.click('[data-test=project-save]');
    await expect.poll(async () => (await must(s.core, 'projects.get', { id })).midtermNote).toBe('联盟已建立，活动正常开展');
    await page.click(`[data-test="project-${id}-to-结题验收"]`);
    await expect.poll(status).toBe('结题验收');

    await page.click(`[data-test="project-acceptance-${id}"]`);
    for (const [k, v] of [['acc-self', '95'], ['acc-superior', '85'], ['acc-masses', '90']]) {
      await field(k).fill(v);
      await field(k).press('Tab');
    }
    await expect.poll(() => page.locator('[data-test=acc-live]').textContent()).toBe('88.5分，良好：未达90分（自查95分占20%、上考85分占50%、下评90分占30%）');
    await page.click('[data-test=acc-save]');
    await page.click(`[data-test="project-${id}-to-已完成"]`);
    await expect.poll(status).toBe('已完成');
    expect((await must(s.core, 'projects.get', { id })).grade).toBe('良好');
    await s.shot('honours-projects');
  });

  it('导出每一种文书', async () => {
    // A scored round, a weak organisation, a project, and one organisation the committee has named (through the
    // core: those screens are not what this test is about).
    await rated2026();
    const weak = await must(s.core, 'weak.confirm', { year: 2026, organizationId: ids.get('衡水绿源软件有限公司')!, source: '其他', reason: '50分一星' });
    await must(s.core, 'weak.save', { id: weak.id, problems: '组织生活不正常', plan: '街道选派指导员驻点，每月开展主题党日', leader: '王建华（街道党工委副书记）', deadline: '2027-03-31' });
    await must(s.core, 'weak.close', { id: weak.id, status: '已转化' });
    const project = await must(s.core, 'projects.save', {
      year: 2026,
      street: '河西街道',
      secretary: '郭立新',
      unitName: '河西街道党工委',
      title: '楼宇党建联盟共建',
      problem: '楼宇内企业党员分散',
      goal: '联合12家企业建立党建联盟',
      measures: '设立党群服务站，轮值开展主题党日',
      milestones: [{ title: '建立联盟章程', dueDate: '2026-12-20', doneOn: null }],
      midtermNote: '联盟已建立，活动正常开展',
    });
    for (const status of ['推进中', '中期评估', '结题验收'] as const) await must(s.core, 'projects.setStatus', { id: project.id, status });
    await must(s.core, 'projects.saveAcceptance', { id: project.id, self: 95, superior: 85, masses: 90 });
    await must(s.core, 'projects.setStatus', { id: project.id, status: '已完成' });
    await must(s.core, 'models.recommend', { year: 2026, organizationIds: [ids.get('衡水恒泰机械有限公司')!], recommendedBy: '河东街道两新组织党委' });
    const model = (await must(s.core, 'models.list', { year: 2026 }))[0];
    await must(s.core, 'models.saveChecks', { id: model.id, checks: MODEL_ITEMS.map((item) => ({ item, met: true })) });
    await must(s.core, 'models.decide', { id: model.id, decision: '命名' });

    await open('/honours');
    await page.click('.el-tabs__item:has-text("文书导出")');
    const dir = path.join(SCREENSHOTS, 'honours-exports');
    fs.mkdirSync(dir, { recursive: true });
    for (const kind of HONOURS_EXPORT_KINDS) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test="honours-export-${kind}"]`)]);
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const xml = strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml']).replace(/<[^>]+>/g, '');
      expect(xml.length, kind).toBeGreaterThan(200);
    }
    const files = fs.readdirSync(dir);
    for (const name of ['2026年度星级评定结果汇总表.docx', '2026年度软弱涣散党组织整顿台账.docx', '2026年度“双强六好”命名决定.docx', '2026年度书记项目验收结果汇总表.docx']) expect(files).toContain(name);
    expect(files.some((f) => f.startsWith('2026年度书记项目立项书'))).toBe(true);
  });

  it('概览显示逾期的整顿和书记项目节点', async () => {
    const e = ids.get('衡水宏远商贸有限公司')!;
    const weak = await must(s.core, 'weak.confirm', { year: 2026, organizationId: e, source: '其他', reason: '班子长期不健全' });
    await must(s.core, 'weak.save', { id: weak.id, plan: '补选班子', leader: '李红梅', deadline: '2026-11-01' });
    await open('/overview');
    const card = page.locator('[data-test=honours-reminders]');
    await card.locator('text=衡水宏远商贸有限公司').waitFor();
    expect(await card.textContent()).toContain('逾期 21 天');
    await s.shot('honours-overview');
  });
});
