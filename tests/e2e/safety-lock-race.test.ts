import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, type ShellSession } from '../helpers/browser';
import { must } from '../helpers/core';

let s: ShellSession;
beforeAll(async () => {
  s = await openShell();
  await must(s.core, 'demo.load', {});
  await must(s.core, 'safety.setPassphrase', { current: null, next: '区工委口令2026' });
});
afterAll(async () => {
  await s?.close(); // throws if the page logged a script error
});

describe('页面加载中途被锁定', () => {
  it('打开组织档案时数据库在页面取数前被锁定（空闲锁定、另一窗口锁定）：显示锁屏，没有脚本错误', async () => {
    const { page } = s;
    await page.waitForURL(/#\/overview/); // the start page's own navigation done, or it would override ours
    // Hold the list page's code until the database is locked, as on a slow machine where the lock lands
    // between the navigation check and the page's first queries.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked = false;
    await page.route(/OrgListView-[^/]*\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.evaluate('location.hash = "#/orgs"');
    await expect.poll(() => asked).toBe(true);
    await must(s.core, 'safety.lock', {});
    release();
    await page.locator('[data-test=lock-screen]').waitFor();
    await page.locator('input[data-test=lock-passphrase], [data-test=lock-passphrase] input').first().fill('区工委口令2026');
    await page.click('[data-test=lock-unlock]');
    await page.waitForURL(/#\/orgs/);
    await page.locator('[data-test=lock-screen]').waitFor({ state: 'detached' });
    expect(s.consoleErrors.filter((e) => e.includes('已锁定'))).toEqual([]);
  });
});
