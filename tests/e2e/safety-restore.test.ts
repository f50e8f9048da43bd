/**
 * 数据安全, the paths a clerk takes after the first setup: going back to a good backup, and changing
 * then removing the passphrase. Each test opens its own browser shell on its own database.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { must } from '../helpers/core';

let s: ShellSession | null = null;

async function safetyPage(): Promise<ShellSession> {
  s = await shellForThisTest();
  await s.page.locator('.el-menu-item:has-text("数据安全")').click();
  await s.page.locator('[data-test=safety-status]').waitFor();
  return s;
}
const input = (session: ShellSession, testId: string) => session.page.locator(`input[data-test="${testId}"], [data-test="${testId}"] input`).first();
const confirmDialog = (session: ShellSession) => session.page.locator('.el-message-box__btns .el-button--primary').click();

describe('从备份恢复', () => {
  it('在备份列表中点“恢复”：确认后数据回到备份时的样子，恢复前的数据另存为备份', async () => {
    const { page, core } = await safetyPage();
    await must(core, 'demo.load', {});
    const backup = await must(core, 'safety.backupNow', {});
    await must(core, 'demo.clear', {});
    expect((await must(core, 'orgs.list', { limit: 1 })).total).toBe(0);
    await page.click('.el-button:has-text("刷新")');
    const row = page.locator('[data-test=backup-table] .el-table__body tr', { hasText: backup.fileName });
    await row.getByRole('button', { name: '恢复' }).click();
    expect(await page.locator('.el-message-box').innerText()).toContain('恢复前会先自动备份当前数据库');
    await confirmDialog(s!);
    await expect.poll(() => page.locator('.el-message--success').first().innerText()).toContain('已恢复：300 个组织');
    expect((await must(core, 'orgs.list', { limit: 1 })).total).toBe(300);
    // The emptied database was kept before it was replaced.
    expect((await must(core, 'safety.backups', {})).backups.map((b) => b.reason)).toContain('恢复前');
    await s!.shot('safety-restored-backup');
    expect(s!.consoleErrors).toEqual([]);
  });
});

describe('修改和取消口令', () => {
  it('改口令后旧口令打不开、新口令能解锁；取消口令要当前口令和确认，之后数据库是明文', async () => {
    const { page, core } = await safetyPage();
    await must(core, 'demo.load', {});
    await input(s!, 'pass-next').fill('区工委口令2026');
    await input(s!, 'pass-confirm').fill('区工委口令2026');
    await page.click('[data-test=pass-save]');
    await expect.poll(() => page.locator('[data-test=safety-encrypted]').innerText()).toContain('已加密');

    // Change: the current passphrase, then the new one twice.
    await input(s!, 'pass-current').fill('区工委口令2026');
    await input(s!, 'pass-next').fill('新口令2027春');
    await input(s!, 'pass-confirm').fill('新口令2027春');
    await page.click('[data-test=pass-save]');
    await expect.poll(() => page.locator('.el-message--success').last().innerText()).toContain('口令已修改');
    await page.click('[data-test=lock-now]');
    await page.locator('[data-test=lock-screen]').waitFor();
    await input(s!, 'lock-passphrase').fill('区工委口令2026');
    await page.click('[data-test=lock-unlock]');
    await expect.poll(() => page.locator('[data-test=lock-error]').innerText()).toContain('口令不正确');
    await input(s!, 'lock-passphrase').fill('新口令2027春');
    await page.click('[data-test=lock-unlock]');
    await page.locator('[data-test=lock-screen]').waitFor({ state: 'detached' });

    // Remove: without the current passphrase the form asks for it; with it, a confirmation first.
    await page.locator('.el-menu-item:has-text("数据安全")').click();
    await page.locator('[data-test=pass-remove]').click();
    await expect.poll(() => page.locator('.el-form-item__error').first().innerText()).toContain('请输入当前口令');
    await input(s!, 'pass-current').fill('新口令2027春');
    await page.locator('[data-test=pass-remove]').click();
    expect(await page.locator('.el-message-box').innerText()).toContain('以明文保存');
    await confirmDialog(s!);
    await expect.poll(() => page.locator('[data-test=safety-encrypted]').innerText()).toContain('未加密');
    expect((await must(core, 'safety.status', {})).encrypted).toBe(false);
    const header = Buffer.alloc(16);
    const fd = fs.openSync(core.dbPath, 'r');
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
    expect(header.toString('latin1')).toBe('SQLite format 3\0');
    expect((await must(core, 'orgs.list', { limit: 1 })).total).toBe(300);
    await s!.shot('safety-passphrase-removed');
    expect(s!.consoleErrors).toEqual([]);
  });
});
