import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { loadDemo } from '../../electron/core/demo/demo';
import { openShell, type ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { docxParts, paragraphs, tableRows } from '../helpers/docxXml';
import { must } from '../helpers/core';

let s: ShellSession;
let page: Page;

// One shell with 80 sample organisations; each test opens 导出中心 on a page of its own. The test that changes
// the office's settings has a shell of its own.
beforeAll(async () => {
  s = await openShell();
  loadDemo(s.core.ctx, 80, 7);
});
afterAll(async () => {
  await s?.close();
});

const input = (testId: string) => page.locator(`input[data-test="${testId}"], textarea[data-test="${testId}"], [data-test="${testId}"] input, [data-test="${testId}"] textarea`).first();
// Strings, not functions: the test project is type-checked without the DOM library.
const settled = () => page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))');
const ROUTES = { 导出中心: '/export', 设置: '/settings' };
/** Opens a screen on a fresh page (of the file's shell, or of `shell`). */
const go = async (title: keyof typeof ROUTES, shell = s) => {
  page = await shell.open(ROUTES[title]);
  await page.locator('.page-header h2', { hasText: title }).waitFor();
};

/** Clicks an export button, saves the download and returns the file name and the text of its paragraphs. */
async function download(selector: string): Promise<{ name: string; text: string[]; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(s.core.dir, d.suggestedFilename());
  await d.saveAs(file);
  const bytes = fs.readFileSync(file);
  return { name: d.suggestedFilename(), text: paragraphs(docxParts(bytes).document).map((p) => p.text), bytes };
}

describe('导出中心', () => {
  it('导出台账（按筛选）和覆盖情况统计表，下载的 .docx 标题正确', async () => {
    await go('导出中心');
    await page.locator('[data-test=ledger-count]').filter({ hasText: /^\d+$/ }).waitFor();
    expect(Number(await page.locator('[data-test=ledger-count]').textContent())).toBe(80);
    await s.shot('export-center');
    const ledger = await download('[data-test=export-docx]');
    expect(ledger.name).toBe('两新组织党建工作台账_2026-11-22.docx');
    expect(ledger.text).toContain('两新组织党建工作台账');
    // One table row per organisation (two header rows, a group row per street and 类别).
    const orgs = (await must(s.core, 'orgs.list', { limit: 1000 })).rows;
    const groups = new Set(orgs.map((o) => `${o.street}|${o.category}`)).size;
    expect(tableRows(docxParts(ledger.bytes).document).length).toBe(80 + 2 + groups);

    await page.click('[data-test=doc-coverage]');
    const coverage = await download('[data-test=export-docx]');
    expect(coverage.name).toBe('两新组织党建工作覆盖情况统计表_2026-11-22.docx');
    expect(coverage.text).toContain('两新组织党建工作覆盖情况统计表');
  });

  it('预览显示按版心排版的页面，可从预览导出', async () => {
    await go('导出中心');
    await page.click('[data-test=doc-unbuilt]');
    await page.click('[data-test=export-preview]');
    const frame = page.frameLocator('[data-test=preview-frame]');
    await frame.locator('text=应建未建党组织情况清单').first().waitFor();
    const unbuilt = (await must(s.core, 'orgs.list', { flag: '应建未建', limit: 1000 })).total;
    expect(await frame.locator('body').textContent()).toContain(`共${unbuilt}个`);
    // A4 page boxes, as many as the engine's layout has pages, numbered “— N —”.
    const pages = frame.locator('section.sheet');
    const expected = (await must(s.core, 'export.preview', { request: { kind: 'unbuilt' } })).html.match(/<section class="sheet/g)!.length;
    expect(await pages.count()).toBe(expected);
    for (let i = 0; i < expected; i++) {
      const box = (await pages.nth(i).boundingBox())!;
      expect(Math.max(box.width, box.height) / Math.min(box.width, box.height)).toBeCloseTo(297 / 210, 2);
      expect((await pages.nth(i).locator('.page-number').textContent())!.replace(/\s/g, '')).toBe(`—${i + 1}—`);
    }
    // Table pages are the engine's own (one table a page, rows at fixed heights): no note calls them estimates.
    expect(await page.locator('.preview-dialog').textContent()).not.toContain('估算');
    // At 50% whole pages show, with the breaks between them.
    const scale = () =>
      page.locator('[data-test=preview-frame]').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { transform: string } }).getComputedStyle(el).transform);
    expect(await scale()).toBe('matrix(0.75, 0, 0, 0.75, 0, 0)');
    await page.locator('[data-test=preview-zoom]').getByText('50%').click();
    await expect.poll(scale).toBe('matrix(0.5, 0, 0, 0.5, 0, 0)');
    await settled();
    await page.waitForTimeout(300); // let the iframe paint before the screenshot
    await s.shot('export-preview');
    const file = await download('[data-test=preview-export]');
    expect(file.name).toBe('应建未建党组织情况清单_2026-11-22.docx');
  });

  it('档案卡批量导出为一个 .zip，每个组织一个 .docx', async () => {
    await go('导出中心');
    await page.click('[data-test=doc-orgCard]');
    await page.getByRole('button', { name: /选择“台账”筛选出的全部组织/ }).click();
    await page.locator('text=已选 80 个，将导出为 .zip').waitFor();
    await s.shot('export-org-cards');
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-docx]')]);
    expect(d.suggestedFilename()).toBe('企业（社会组织）党建档案卡（80个）_2026-11-22.zip');
    const file = path.join(s.core.dir, 'cards.zip');
    await d.saveAs(file);
    const names = Object.keys(unzipSync(fs.readFileSync(file)));
    expect(names).toHaveLength(80);
    expect(names.every((n) => n.endsWith('党建档案卡.docx'))).toBe(true);
  });

  it('在编辑器里写通知并导出：标题、主送、分级标题、附件', async () => {
    await go('导出中心');
    await page.click('[data-test=doc-notice]');
    await input('notice-title').fill('关于报送年度党建工作总结的通知');
    await input('notice-recipient').fill('各街道两新组织党委');
    await input('notice-body').fill('请各单位认真总结全年工作。\n# 报送内容\n## 工作成效\n全年组建党组织情况。\n# 报送时间\n12月20日前报送。');
    await page.getByRole('button', { name: '添加附件' }).click();
    await page.locator('.attachment input').first().fill('年度党建工作统计表');
    await page.click('[data-test=export-preview]');
    const frame = page.frameLocator('[data-test=preview-frame]');
    await frame.locator('text=一、报送内容').waitFor();
    // Laid out at page size: the title is 22 pt, the body 16 pt on a 579-twip (28.95 pt) pitch.
    const css = (text: string) =>
      frame.locator('p', { hasText: text }).first().evaluate((el) => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string; lineHeight: string } }).getComputedStyle(el);
        return [style.fontSize, style.lineHeight];
      });
    expect(await css('关于报送年度党建工作总结的通知')).toEqual(['29.3333px', '38.6px']);
    expect((await css('请各单位认真总结全年工作'))[0]).toBe('21.3333px');
    await settled();
    await s.shot('export-notice-preview');
    await page.keyboard.press('Escape');
    const notice = await download('[data-test=export-docx]');
    expect(notice.name).toBe('关于报送年度党建工作总结的通知_2026-11-22.docx');
    for (const t of ['关于报送年度党建工作总结的通知', '各街道两新组织党委：', '一、报送内容', '（一）工作成效', '二、报送时间', '附件：年度党建工作统计表', '2026年11月22日']) {
      expect(notice.text).toContain(t);
    }
  });

  it('公文设置还是“××”时导出被拒绝，提示框的按钮直接打开设置', async () => {
    // A database named but never given the office's names (an older one, or settings filled back in as ××).
    const own = await shellForThisTest({ browser: s.browser, firstStart: true });
    await must(own.core, 'settings.saveOperator', { name: '测试员' });
    loadDemo(own.core.ctx, 20, 7);
    await go('导出中心', own);
    await page.locator('[data-test=ledger-count]').filter({ hasText: /^\d+$/ }).waitFor();
    await page.click('[data-test=export-docx]');
    const box = page.locator('.el-message-box', { hasText: '还是通用的“××”' });
    await box.waitFor();
    expect(await box.locator('.el-message-box__title').textContent()).toContain('请先填写公文设置');
    await box.locator('button', { hasText: '打开设置' }).click();
    await page.waitForURL(/#\/settings/);
    await page.locator('[data-test=settings-save]').waitFor();
  });

  it('在设置里改发文机关，下一次导出即使用新名称', async () => {
    const own = await shellForThisTest({ browser: s.browser });
    loadDemo(own.core.ctx, 80, 7);
    await go('设置', own);
    await input('set-issuer-name').fill('中共测试区两新组织工作委员会');
    await input('set-signature').fill('中共测试区两新组织工作委员会');
    await input('set-issuer-mark').fill('');
    await page.locator('text=发文机关标志不能为空').waitFor();
    await input('set-issuer-mark').fill('中共测试区两新工委文件');
    await own.shot('export-settings');
    await page.click('[data-test=settings-save]');
    await page.locator('.el-message--success', { hasText: '公文设置已保存' }).waitFor();
    expect((await must(own.core, 'export.getSettings', {})).issuerName).toBe('中共测试区两新组织工作委员会');

    await go('导出中心', own);
    await page.locator('[data-test=ledger-count]').filter({ hasText: /^\d+$/ }).waitFor();
    const ledger = await download('[data-test=export-docx]');
    expect(ledger.text.some((t) => t.includes('制表单位：中共测试区两新组织工作委员会'))).toBe(true);
    await page.click('[data-test=doc-notice]');
    await page.click('[data-test=notice-sample]');
    const notice = await download('[data-test=export-docx]');
    expect(notice.text).toContain('中共测试区两新工委文件');
    expect(notice.text).toContain('中共测试区两新组织工作委员会');
  });
});
