import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LAPTOP_SCREEN, type ShellSession } from '../helpers/browser';
import { must, TEST_DOCUMENT_SETTINGS } from '../helpers/core';
import { shellForEachTest } from '../helpers/lifecycle';
import { unfilledSettings } from '../../shared/contract/export';

let s: ShellSession;
let page: Page;

// Each test on a database as the office first gets it.
shellForEachTest({ firstStart: true, viewport: LAPTOP_SCREEN }, (session) => {
  s = session;
  page = s.page;
});

const input = (testId: string) => page.locator(`input[data-test="${testId}"]`);

describe('首次使用', () => {
  it('新库先显示首次使用表单，填好姓名和本单位名称后进入概览，之后审计日志的操作人是这个姓名', async () => {
    await page.locator('[data-test=welcome]').waitFor();
    expect(page.url()).toContain('#/welcome');
    // The menu leads nowhere until the form is filled.
    expect(await page.locator('.el-menu').count()).toBe(0);
    await s.shot('first-start');

    await page.click('[data-test=welcome-save]');
    await page.click('[data-test=welcome-save]');
    await expect.poll(() => page.locator('.el-form-item__error').allTextContents()).toContain('请填写操作人姓名');
    // The same message twice is one toast (with a count), not two stacked.
    expect(await page.locator('.el-message:visible').count()).toBe(1);
    expect((await must(s.core, 'settings.operator', {})).name).toBeNull();

    await input('welcome-name').fill('李文华');
    await input('welcome-issuerName').fill('中共××区两新组织工作委员会');
    // The message follows the typing, without leaving the field.
    await expect.poll(() => page.locator('.el-form-item__error').allTextContents()).toEqual([
      '“发文机关名称”还是通用的“××”，请改成本单位的名称',
      '“发文机关署名”还是通用的“××”，请改成本单位的名称',
      '印发机关不能为空',
      '发文机关标志不能为空',
      '机关代字不能为空',
    ]);
    await input('welcome-issuerName').fill('中共河东区两新组织工作委员会');
    // The 署名 follows the 发文机关名称 until it is typed differently.
    expect(await input('welcome-signature').inputValue()).toBe('中共河东区两新组织工作委员会');
    await input('welcome-printer').fill('中共河东区两新组织工作委员会办公室');
    await input('welcome-issuerMark').fill('中共河东区两新工委文件');
    await input('welcome-docNumberPrefix').fill('河两新');
    await expect.poll(() => page.locator('.el-form-item__error').count()).toBe(0);
    await s.shot('first-start-filled');
    await page.click('[data-test=welcome-save]');
    await page.waitForURL(/#\/overview/);

    expect((await must(s.core, 'settings.operator', {})).name).toBe('李文华');
    const docs = await must(s.core, 'export.getSettings', {});
    expect(docs).toMatchObject({ issuerName: '中共河东区两新组织工作委员会', signature: '中共河东区两新组织工作委员会', printer: '中共河东区两新组织工作委员会办公室', issuerMark: '中共河东区两新工委文件', docNumberPrefix: '河两新' });
    // Nothing left for the exports to refuse.
    expect(unfilledSettings(docs)).toEqual([]);
    const audit = await must(s.core, 'audit.list', {});
    expect(new Set(audit.rows.map((r) => r.actor))).toEqual(new Set(['李文华']));
  });

  it('之后不再出现，姓名可在“设置”中修改', async () => {
    // The first-start form filled in (through the core: the form is the test above).
    await must(s.core, 'settings.saveOperator', { name: '李文华' });
    await must(s.core, 'export.saveSettings', TEST_DOCUMENT_SETTINGS);
    page = await s.open();
    await page.locator('[data-test=overview-empty]').waitFor();
    await page.click('.el-menu-item:has-text("设置")');
    await expect.poll(() => input('settings-operator').inputValue()).toBe('李文华');
    await input('settings-operator').fill('王芳');
    await page.click('[data-test=settings-operator-save]');
    await expect.poll(async () => (await must(s.core, 'settings.operator', {})).name).toBe('王芳');
    await s.shot('settings-operator');
    await page.evaluate(() => (location.hash = '#/orgs'));
    await page.locator('[data-test=org-count]').waitFor();
    expect(page.url()).not.toContain('welcome');
  });
});
