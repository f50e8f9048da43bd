import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openShell, type ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { must } from '../helpers/core';
import { nameInitials } from '../../electron/core/orgs/initials';
import { usccCheckChar } from '../../shared/domain/codes';

let s: ShellSession;
let page: Page;

// One shell with the sample data for the file; each test opens its own page and picks its own organisation.
// The tests that count the whole database (empty state, clearing the samples) have a database of their own.
beforeAll(async () => {
  s = await openShell();
  await must(s.core, 'demo.load', {});
});
afterAll(async () => {
  await s?.close();
});

/** A shell of the test's own on an empty database at a route; `page` is its page. */
async function ownShell(route?: string): Promise<ShellSession> {
  const own = await shellForThisTest({ browser: s.browser });
  page = await own.open(route);
  return own;
}
const open = async (route: string) => (page = await s.open(route));
/** The n-th sample organisation by name that fits: each test edits one no other test touches. */
async function sampleOrg(n: number, fits: (o: Awaited<ReturnType<typeof getOrg>>) => boolean = () => true) {
  const { rows } = await must(s.core, 'orgs.list', { sort: 'name', order: 'asc', offset: n * 10, limit: 10 });
  for (const r of rows) {
    const o = await getOrg(r.id);
    if (fits(o)) return o;
  }
  throw new Error(`第 ${n * 10 + 1}–${n * 10 + 10} 个示例组织中没有合适的`);
}
const getOrg = (id: number) => must(s.core, 'orgs.get', { id });

/** Element Plus puts data-test on the <input> of el-input but on the wrapper of other controls. */
const input = (testId: string) => page.locator(`input[data-test="${testId}"], [data-test="${testId}"] input`).first();
const listCount = async () => Number((await page.locator('[data-test=org-count] b').textContent())?.replace(/[,\s]/g, ''));
/** Waits for running CSS transitions (dialog fade-in) so screenshots show the finished state. */
const settled = () => page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))));
const tableRow = (text: string) => page.locator('.el-table-v2__row', { hasText: text }).first();

describe('组织档案界面', () => {
  it('空库显示空状态，点“载入示例数据”后概览显示统计和覆盖率公式', async () => {
    const own = await ownShell();
    await page.locator('[data-test=overview-empty]').waitFor();
    await own.shot('orgs-overview-empty');
    await page.click('[data-test=demo-load]');
    await page.locator('[data-test=stat-total]').waitFor();
    const overview = await must(own.core, 'stats.overview', {});
    expect(overview.total).toBeGreaterThan(100);
    expect(await page.locator('[data-test=stat-total] .stat-value').textContent()).toContain(overview.total.toLocaleString('zh-CN'));
    const rates = await page.locator('[data-test=rates]').textContent();
    expect(rates).toContain('计算公式');
    const { numerator, denominator } = overview.coverage.orgCoverage;
    expect(rates).toContain(`${numerator.toLocaleString('zh-CN')} ÷ ${denominator.toLocaleString('zh-CN')}`);
    await page.locator('[data-test=demo-clear]').waitFor();
    await own.shot('orgs-overview');
  });

  it('点击概览的“应建未建”打开筛选后的列表，数量与核心一致', async () => {
    const expected = (await must(s.core, 'orgs.list', { flag: '应建未建', limit: 1 })).total;
    expect(expected).toBeGreaterThan(0);
    await open('/overview');
    await page.click('[data-test=flag-counts] [data-flag="应建未建"]');
    await page.waitForURL(/#\/orgs\?flag=/);
    await expect.poll(listCount).toBe(expected);
    expect(await page.locator('[data-test=filter-flag]').textContent()).toContain('应建未建');
    await tableRow('应建未建').waitFor();
    await s.shot('orgs-list-filtered');
  });

  it('点击列标题排序，顺序与核心一致并写入地址', async () => {
    await open('/orgs');
    const header = page.locator('.el-table-v2__header-cell', { hasText: '从业人员' });
    await header.click();
    await expect.poll(() => page.url()).toMatch(/sort=employees&order=asc/);
    await header.click();
    await expect.poll(() => page.url()).toMatch(/sort=employees&order=desc/);
    const top = (await must(s.core, 'orgs.list', { sort: 'employees', order: 'desc', limit: 1 })).rows[0];
    await expect.poll(async () => page.locator('.el-table-v2__row').first().textContent()).toContain(top.name);
  });

  it('从档案返回列表时停在原来滚动到的位置', async () => {
    await open('/orgs');
    const body = page.locator('.org-table .el-table-v2__body > div').first();
    await body.evaluate((el) => el.scrollTo({ top: 44 * 120 }));
    // The first fully visible row once its page has arrived.
    const firstVisible = () =>
      body.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const rows = [...el.querySelectorAll('.el-table-v2__row')].filter((r) => r.getBoundingClientRect().top >= top);
        rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        return rows[0]?.querySelector('.cell-name')?.textContent ?? '';
      });
    await expect.poll(firstVisible).not.toBe('');
    const before = await body.evaluate((el) => el.scrollTop);
    expect(before).toBeGreaterThan(44 * 100);
    const name = await firstVisible();
    const row = page.locator('.el-table-v2__row', { hasText: name }).first();
    await row.click();
    await page.locator('.el-tabs__item:has-text("基本情况")').waitFor();
    await page.click('button:has-text("返回列表")');
    await expect.poll(() => page.locator('.org-table .el-table-v2__body > div').first().evaluate((el) => el.scrollTop)).toBe(before);
    await expect.poll(firstVisible).toBe(name);
  });

  it('按拼音首字母搜索找到示例组织，点开它的档案', async () => {
    await open('/orgs');
    const all = (await must(s.core, 'orgs.list', { limit: 1 })).total;
    await expect.poll(listCount).toBe(all);
    await s.shot('orgs-list');

    // A real sample name whose initials (4 letters from the distinctive part) match only a few files.
    const rows = (await must(s.core, 'orgs.list', { limit: 40 })).rows;
    let best = { query: '', name: '', id: 0, total: Infinity };
    for (const r of rows) {
      const query = nameInitials(r.name).slice(0, 4);
      if (query.length < 4 || !/^[a-z]+$/.test(query)) continue;
      const total = (await must(s.core, 'orgs.list', { query, limit: 1 })).total;
      if (total < best.total) best = { query, name: r.name, id: r.id, total };
    }
    expect(best.total).toBeGreaterThan(0);
    await input('org-search').fill(best.query);
    await expect.poll(listCount).toBe(best.total);
    await tableRow(best.name).click();
    await page.waitForURL(new RegExp(`#/orgs/${best.id}$`));
    await page.locator('.page-header h2', { hasText: best.name }).waitFor();
  });

  it('打开档案，修改联系电话并保存，变更记录显示原值 → 新值', async () => {
    const before = await sampleOrg(0);
    const orgId = before.id;
    await open(`/orgs/${orgId}`);
    await page.locator('.page-header h2', { hasText: before.org.name }).waitFor();
    await settled();
    await s.shot('orgs-detail');

    const newPhone = before.org.phone === '0318-2345678' ? '0318-8765432' : '0318-2345678';
    await page.click('[data-test=org-edit]');
    await input('field-phone').fill(newPhone);
    await page.click('[data-test=org-save]');
    await expect.poll(async () => (await must(s.core, 'orgs.get', { id: orgId })).org.phone).toBe(newPhone);
    await page.locator('[data-test=org-edit]').waitFor();

    await page.click('.el-tabs__item:has-text("变更记录")');
    const row = page.locator('[data-test=history-table] .el-table__row', { hasText: '联系电话' }).first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(newPhone);
    expect(text).toContain(before.org.phone ?? '（空）');
    expect(text).toContain('→');
    await settled();
    await s.shot('orgs-history');
  });

  it('党组织和按年度党员人数：修改一个年度的正式党员数', async () => {
    const { id: orgId } = await sampleOrg(1, (o) => o.members.length > 0);
    await open(`/orgs/${orgId}`);
    await page.click('.el-tabs__item:has-text("党组织")');
    await page.locator('[data-test=build-requirement]').waitFor();
    await settled();
    await s.shot('orgs-detail-party');
    await page.click('.el-tabs__item:has-text("党员人数")');
    const before = await must(s.core, 'orgs.get', { id: orgId });
    const latest = before.members[0];
    await page.locator('[data-test=members-table] .el-table__row').first().waitFor();
    expect(await page.locator('[data-test=members-table] .el-table__row').count()).toBe(before.members.length);
    await page.locator('[data-test=members-table] .el-table__row').first().locator('button:has-text("修改")').click();
    await input('members-full').fill(String(latest.full + 2));
    await settled();
    await s.shot('orgs-members-dialog');
    await page.click('[data-test=members-save]');
    await expect
      .poll(async () => (await must(s.core, 'orgs.get', { id: orgId })).members.find((m) => m.year === latest.year)?.full)
      .toBe(latest.full + 2);
    await page.locator('[data-test=members-table] .el-table__row', { hasText: String(latest.full + 2) }).first().waitFor();
    await page.locator('.el-dialog', { hasText: '党员人数' }).waitFor({ state: 'hidden' });
    await settled();
    await s.shot('orgs-members');
  });

  it('信用代码格式错误时在字段旁显示错误，不保存', async () => {
    const before = await sampleOrg(2);
    const orgId = before.id;
    await open(`/orgs/${orgId}`);
    await page.locator('.el-tabs__item:has-text("基本情况")').waitFor();
    await page.click('[data-test=org-edit]');
    await input('field-uscc').fill('91131102ABC');
    await page.click('[data-test=org-save]');
    const error = page.locator('[data-test=item-uscc] .el-form-item__error');
    await error.waitFor();
    expect(await error.textContent()).toContain('18 位');
    await s.shot('orgs-edit-error');
    expect((await must(s.core, 'orgs.get', { id: orgId })).org.uscc).toBe(before.org.uscc);
  });

  it('校验位不符是警告：确认后仍可保存', async () => {
    const before = await sampleOrg(3);
    const orgId = before.id;
    await open(`/orgs/${orgId}`);
    await page.click('[data-test=org-edit]');
    const right = usccCheckChar(before.org.uscc.slice(0, 17));
    const wrong = before.org.uscc.slice(0, 17) + (right === '0' ? '1' : '0');
    await input('field-uscc').fill(wrong);
    await page.click('[data-test=org-save]');
    await page.locator('[data-test=save-warnings]').waitFor();
    expect(await page.locator('[data-test=field-warning]').textContent()).toContain('校验位');
    expect((await must(s.core, 'orgs.get', { id: orgId })).org.uscc).toBe(before.org.uscc);
    await s.shot('orgs-edit-warning');
    await page.click('[data-test=accept-warnings]');
    await expect.poll(async () => (await must(s.core, 'orgs.get', { id: orgId })).org.uscc).toBe(wrong);
    await page.locator('[data-test=org-edit]').waitFor();
  });

  it('撤销档案（填写原因）后再恢复，每一步状态正确', async () => {
    const { id: orgId } = await sampleOrg(4, (o) => !o.dissolvedAt);
    await open(`/orgs/${orgId}`);
    await page.click('[data-test=org-dissolve]');
    const dialog = page.locator('.el-dialog', { hasText: '撤销/注销档案' });
    await dialog.waitFor();
    await page.click('[data-test=dissolve-confirm]');
    await dialog.locator('.el-form-item__error', { hasText: '原因' }).waitFor();
    await page.fill('[data-test=dissolve-reason] textarea, textarea[data-test=dissolve-reason]', '经街道核实已停止经营，党组织撤销');
    await settled();
    await s.shot('orgs-dissolve-dialog');
    await page.click('[data-test=dissolve-confirm]');
    await page.locator('[data-test=dissolved-tag]').waitFor();
    const dissolved = await must(s.core, 'orgs.get', { id: orgId });
    expect(dissolved.dissolvedAt).toBe('2026-11-22');
    expect(dissolved.dissolveKind).toBe('撤销');
    expect(dissolved.dissolveReason).toBe('经街道核实已停止经营，党组织撤销');
    expect(await page.locator('[data-test=dissolved-note]').textContent()).toContain('经街道核实已停止经营');

    await page.click('[data-test=org-restore]');
    await page.click('.el-message-box__btns button:has-text("确定恢复")');
    await page.locator('[data-test=org-dissolve]').waitFor();
    expect(await page.locator('[data-test=dissolved-tag]').count()).toBe(0);
    expect((await must(s.core, 'orgs.get', { id: orgId })).dissolvedAt).toBeNull();

    await page.click('.el-tabs__item:has-text("变更记录")');
    const history = await page.locator('[data-test=history-table]').textContent();
    expect(history).toContain('已撤销');
    expect(history).toContain('恢复');
  });

  it('新建档案：必填项为空时提示，填好后保存并打开新档案', async () => {
    await open('/orgs');
    await page.click('[data-test=org-new]');
    await page.waitForURL(/#\/orgs\/new$/);
    await page.click('[data-test=org-save]');
    await page.locator('.el-form-item__error', { hasText: '名称不能为空' }).waitFor();
    await s.shot('orgs-new-error');
    const first17 = '91131102MA0CAFE0X';
    const uscc = first17 + usccCheckChar(first17);
    await input('field-name').fill('衡水测试新建科技有限公司');
    await input('field-uscc').fill(uscc);
    await page.locator('.el-form-item', { hasText: '所在街道' }).locator('.el-select').click();
    await page.keyboard.type('新华街道');
    await page.keyboard.press('Enter');
    await page.click('[data-test=org-save]');
    await page.waitForURL(/#\/orgs\/\d+$/);
    const created = await must(s.core, 'orgs.get', { uscc });
    expect(created.org.name).toBe('衡水测试新建科技有限公司');
    expect(created.org.street).toBe('新华街道');
    expect(page.url()).toMatch(new RegExp(`#/orgs/${created.id}$`));
    await page.locator('.page-header h2', { hasText: '衡水测试新建科技有限公司' }).waitFor();
  });

  it('核心数据变化（data.changed 事件）后列表和概览自动刷新', async () => {
    await open('/orgs');
    const before = (await must(s.core, 'orgs.list', { limit: 1 })).total;
    await expect.poll(listCount).toBe(before);
    const first17 = '91131102MA0CBEEF0';
    await must(s.core, 'orgs.save', {
      org: { category: 'enterprise', name: '衡水事件刷新测试有限公司', uscc: first17 + usccCheckChar(first17), street: '中华街道', operatingStatus: '在营', employees: 12 },
      partyOrg: { built: false },
    });
    await expect.poll(listCount).toBe(before + 1);
    await page.click('.el-menu-item:has-text("工作概览")');
    const total = (await must(s.core, 'stats.overview', {})).total;
    await expect.poll(async () => page.locator('[data-test=stat-total] .stat-value').textContent()).toContain(total.toLocaleString('zh-CN'));
  });

  it('清除示例数据需确认，只删示例，自建档案保留', async () => {
    const own = await ownShell();
    await must(own.core, 'demo.load', {});
    const first17 = '91131102MA0CDEAD0';
    await must(own.core, 'orgs.save', {
      org: { category: 'enterprise', name: '衡水自建档案测试有限公司', uscc: first17 + usccCheckChar(first17), street: '中华街道', operatingStatus: '在营', employees: 5 },
      partyOrg: { built: false },
    });
    page = await own.open('/overview');
    await page.click('[data-test=demo-clear]');
    await page.click('.el-message-box__btns button:has-text("确定清除")');
    await expect.poll(async () => (await must(own.core, 'app.info', {})).sampleCount).toBe(0);
    const left = (await must(own.core, 'stats.overview', {})).total;
    expect(left).toBe(1); // the file made by hand
    await expect.poll(async () => page.locator('[data-test=stat-total] .stat-value').textContent()).toContain(String(left));
    await expect.poll(() => page.locator('[data-test=demo-clear]').count()).toBe(0);
  });
});
