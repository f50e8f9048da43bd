import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LAPTOP_SCREEN, openShell, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';

/** What a clerk hits in the first week, on a typical office laptop screen (1366×768) with the sample data. */
let s: ShellSession;
let page: Page;

beforeAll(async () => {
  s = await openShell({ today: '2026-11-22', viewport: LAPTOP_SCREEN, samples: true });
});
afterAll(async () => {
  await s?.close();
});

const input = (testId: string) => page.locator(`input[data-test="${testId}"], [data-test="${testId}"] input`).first();
/** A fresh page at the route: nothing a previous test left on its page (unsaved ballots, filters) carries over. */
const go = async (hash: string) => {
  page = await s.open(hash.slice(1));
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

describe('民主测评票数', () => {
  /** The n-th debriefer of the sample cycle whose ballots are still open (each test its own), on its 民主测评 tab. */
  async function openBallots(n: number, before?: (id: number) => Promise<unknown>) {
    const cycles = await must(s.core, 'debriefing.cycles', {});
    const { debriefers } = await must(s.core, 'debriefing.cycle', { id: cycles.find((c) => c.year === 2026)!.id });
    const d = debriefers.filter((x) => !x.gradeFinal)[n];
    await before?.(d.id);
    await go(`#/debriefing/debriefers/${d.id}?tab=ballots`);
    await page.locator('[data-test=ballot-grid]').waitFor();
    return d;
  }
  const saved = async (id: number) => (await must(s.core, 'debriefing.debriefer', { id })).ballots;

  it('输入即计入：第一次点“保存票数”就保存，不必先离开单元格', async () => {
    const d = await openBallots(0);
    await page.locator('[data-test=tally-0-issued]').click();
    for (const v of ['45', '44', '30', '10', '3']) {
      await page.keyboard.type(v);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('1');
    // Still in the last cell: the button must already take the click.
    await page.click('[data-test=ballots-save]');
    await expect.poll(async () => (await saved(d.id))[0]).toMatchObject({ issued: 45, valid: 44, good: 30, fairlyGood: 10, average: 3, poor: 1 });
  });

  it('Ctrl+S 保存；有未保存的票数时离开要确认', async () => {
    // Ballots already entered (the 发出票 and 有效票 the changes below must fit in).
    const tallies = [{ item: '总体评价', issued: 45, valid: 44, good: 30, fairlyGood: 10, average: 3, poor: 1 }];
    const d = await openBallots(1, (id) => must(s.core, 'debriefing.saveBallots', { id, tallies }));
    await page.locator('[data-test=tally-0-good]').click();
    await page.keyboard.type('29');
    await page.locator('[data-test=tally-0-fairlyGood]').click();
    await page.keyboard.type('11');
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await saved(d.id))[0]).toMatchObject({ good: 29, fairlyGood: 11 });

    await page.locator('[data-test=tally-0-poor]').click();
    await page.keyboard.type('0');
    await page.locator('[data-test=tally-0-average]').click();
    await page.keyboard.type('4');
    await page.click('.el-menu-item:has-text("工作概览")');
    await page.locator('.el-message-box').waitFor();
    expect(await page.locator('.el-message-box').textContent()).toContain('未保存');
    await s.shot('first-week-ballots-leave');
    await page.locator('.el-message-box__btns button', { hasText: '留下' }).click();
    expect(page.url()).toContain('/debriefing/debriefers/');
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await saved(d.id))[0]).toMatchObject({ average: 4, poor: 0 });
    // The page knows it is saved too: nothing unsaved is left to ask about when leaving.
    await expect.poll(() => page.locator('[data-test=ballots-save]').isDisabled()).toBe(true);
  });
});

describe('审计日志', () => {
  it('对象和操作都是中文，操作人是设置的姓名，没改动的保存不记', async () => {
    // This test's own change (ballots of a debriefer the ballot tests leave alone), then the same save again.
    const cycles = await must(s.core, 'debriefing.cycles', {});
    const { debriefers } = await must(s.core, 'debriefing.cycle', { id: cycles.find((c) => c.year === 2026)!.id });
    const { id } = debriefers.filter((x) => !x.gradeFinal)[2];
    const tallies = [{ item: '总体评价', issued: 40, valid: 40, good: 25, fairlyGood: 10, average: 4, poor: 1 }];
    await must(s.core, 'debriefing.saveBallots', { id, tallies });
    const before = (await must(s.core, 'audit.list', {})).total;
    // A save that changes nothing (the same ballots again) leaves no row.
    await must(s.core, 'debriefing.saveBallots', { id, tallies: (await must(s.core, 'debriefing.debriefer', { id })).ballots });
    expect((await must(s.core, 'audit.list', {})).total).toBe(before);

    await go('#/audit');
    await page.locator('[data-test=audit-table] .el-table__row').first().waitFor();
    const cells = async (n: number) => page.locator(`[data-test=audit-table] .el-table__body tr td:nth-child(${n})`).allTextContents();
    // 操作人, 操作, 对象类别: no English or system words.
    expect(new Set(await cells(2))).toEqual(new Set(['测试员']));
    for (const text of [...(await cells(3)), ...(await cells(4))]) expect(text).not.toMatch(/[a-z_]{3,}/);
    const entities = await page.locator('[data-test=audit-table] .el-table__body .muted').allTextContents();
    expect(entities).toContain('述职对象');
    await s.shot('first-week-audit');
  });
});

describe('1366×768 下的表格', () => {
  const open = async (hash: string, ready: string) => {
    await go(hash);
    await page.locator(ready).first().waitFor();
  };
  /** The header cell of a column, by its label. */
  const header = (table: string, label: string) => page.locator(`${table} .el-table__header-wrapper th`, { hasText: label }).first();
  const boxOf = async (l: ReturnType<typeof header>) => (await l.boundingBox())!;
  /** The table's body scrolls sideways only when its columns do not fit. */
  const scrollsSideways = (table: string) =>
    page.locator(`${table} .el-table__body-wrapper .el-scrollbar__wrap`).first().evaluate((e) => e.scrollWidth > e.clientWidth + 1);

  it('述职对象：“整改”整列可见、不在固定的“操作”列下面；“测算”与等次在同一行', async () => {
    await open('#/debriefing', '[data-test=tier-filter], .el-tabs__item');
    await page.locator('.el-tabs__item', { hasText: '述职对象' }).click();
    const table = '[data-test=debriefer-table]';
    await page.locator(`${table} .el-table__row`).first().waitFor();
    expect(await scrollsSideways(table)).toBe(false);
    const rect = await boxOf(header(table, '整改'));
    const action = await boxOf(header(table, '操作'));
    expect(rect.x + rect.width).toBeLessThanOrEqual(action.x + 1);
    // Every 整改 cell ends left of the 操作 cell of its row.
    const rows = page.locator(`${table} .el-table__body tr.el-table__row`);
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = rows.nth(i).locator('td');
      const n = await cells.count();
      const r = (await cells.nth(n - 2).boundingBox())!;
      const a = (await cells.nth(n - 1).boundingBox())!;
      expect(r.x + r.width).toBeLessThanOrEqual(a.x + 1);
    }
    // “测算” beside its grade: the tag is one line high, not one character a line.
    const computed = page.locator(`${table} .grade-tag`, { hasText: '测算' });
    expect(await computed.count()).toBeGreaterThan(0);
    for (const tag of await computed.all()) {
      const word = (await tag.locator('.muted', { hasText: '测算' }).boundingBox())!;
      expect(word.height).toBeLessThan(24);
      expect(word.width).toBeGreaterThan(word.height);
    }
    await s.shot('first-week-1366-debriefers');
  });

  it('党建指导员花名册：“最近走访”和“状态”在表格可见宽度之内；走访记录的“附件”不在“操作”下面', async () => {
    await open('#/instructors', '[data-test=roster-table] .el-table__row');
    const roster = '[data-test=roster-table]';
    const visible = (await page.locator(roster).boundingBox())!;
    for (const label of ['最近走访', '状态']) {
      const h = await boxOf(header(roster, label));
      expect(h.x + h.width).toBeLessThanOrEqual(visible.x + visible.width + 1);
    }
    expect(await scrollsSideways(roster)).toBe(false);
    await s.shot('first-week-1366-instructors');

    await open('#/visits', '[data-test=visit-table] .el-table__row');
    const visits = '[data-test=visit-table]';
    const files = await boxOf(header(visits, '附件'));
    const action = await boxOf(header(visits, '操作'));
    expect(files.x + files.width).toBeLessThanOrEqual(action.x + 1);
    expect(await scrollsSideways(visits)).toBe(false);
  });

  it('软弱涣散整顿台账：最后一列的“未转化”“撤销认定”不被截掉', async () => {
    await open('#/honours', '.el-tabs__item');
    await page.locator('.el-tabs__item', { hasText: '软弱涣散' }).click();
    const table = '[data-test=weak-table]';
    await page.locator(`${table} .el-table__row`).first().waitFor();
    expect(await scrollsSideways(table)).toBe(false);
    const visible = (await page.locator(table).boundingBox())!;
    const last = (await page.locator(`${table} .el-table__row`).first().getByRole('button', { name: '撤销认定' }).boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(visible.x + visible.width);
  });

  it('记录走访、书记项目立项的对话框在 768 高的屏幕上“保存”“立项”仍可见（表单在对话框里滚动），标签不折行', async () => {
    await open('#/visits', '[data-test=visit-table] .el-table__row');
    await page.getByRole('button', { name: '记录走访' }).first().click();
    const save = page.locator('[data-test=visit-save]');
    await save.waitFor();
    const b = (await save.boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(768);

    // 书记项目立项: the same, and “* 所在党组织” on one line (it wrapped over 书记姓名).
    await open('#/honours', '.el-tabs__item');
    await page.locator('.el-tabs__item', { hasText: '书记项目' }).click();
    await page.getByRole('button', { name: '立项', exact: true }).click();
    const create = page.locator('[data-test=project-save]');
    await create.waitFor();
    const c = (await create.boundingBox())!;
    expect(c.y + c.height).toBeLessThanOrEqual(768);
    const label = page.locator('[data-test=project-form] .el-form-item__label', { hasText: '所在党组织' });
    const text = await label.evaluate((e) => {
      const r = document.createRange();
      r.selectNodeContents(e);
      return r.getBoundingClientRect().height;
    });
    expect(text).toBeLessThan(30);
  });

  it('审计日志：搜索框的提示“对象名称、值或操作人”完整显示', async () => {
    await open('#/audit', '[data-test=audit-query]');
    const input = page.locator('input[data-test=audit-query], [data-test=audit-query] input').first();
    // The placeholder's text width against the box it is drawn in.
    const fits = await input.evaluate((e: HTMLInputElement) => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = getComputedStyle(e).font;
      return c.measureText(e.placeholder).width <= e.clientWidth - parseFloat(getComputedStyle(e).paddingLeft) - parseFloat(getComputedStyle(e).paddingRight);
    });
    expect(fits).toBe(true);
  });

  it('档案详情：“出资人是否党员”的标签只占一行，不压住下一行', async () => {
    const { rows } = await must(s.core, 'orgs.list', { category: 'enterprise', limit: 1 });
    await open(`#/orgs/${rows[0].id}`, '.org-form');
    const label = page.locator('.org-form .el-form-item__label', { hasText: '是否党员' });
    const employees = page.locator('.org-form .el-form-item__label', { hasText: '从业人员数' });
    // The label's box is one row high whatever it holds: measure its text, which may spill out of it.
    const text = (l: typeof label) => l.evaluate((e) => {
      const r = document.createRange();
      r.selectNodeContents(e);
      const b = r.getBoundingClientRect();
      return { y: b.y, height: b.height };
    });
    const l = await text(label);
    expect(l.height).toBeLessThan(30);
    expect(l.y + l.height).toBeLessThanOrEqual((await text(employees)).y);
  });
});
