import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as XLSX from '@e965/xlsx';
import { chromium } from 'playwright-core';
import { openShell, SCREENSHOTS, type ShellSession } from '../helpers/browser';
import { shellForThisTest } from '../helpers/lifecycle';
import { must, testCore } from '../helpers/core';
import { createCore } from '../../electron/core';
import { fixedClock, silentLogger } from '../../electron/core/context';
import { startWebShell } from '../../electron/web/server';
import { Database } from '../../electron/core/db/driver';

let s: ShellSession;
let page: Page;

// One shell with the sample data; each test opens its own page. The tests that set a passphrase or lock the
// database have a shell of their own.
beforeAll(async () => {
  s = await openShell({ samples: true });
});
const open = async (route: string, shell = s) => (page = await shell.open(route));
/** A shell of the test's own with the sample data, at 数据安全. */
async function ownSafetyPage() {
  const own = await shellForThisTest({ browser: s.browser, samples: true });
  await open('/safety', own);
  await page.locator('[data-test=safety-status]').waitFor();
  return own;
}
afterAll(async () => {
  await s?.close();
});

const input = (testId: string) => page.locator(`input[data-test="${testId}"], [data-test="${testId}"] input`).first();
const backupRows = () => page.locator('[data-test=backup-table] .el-table__body tr').count();

describe('浏览器版的令牌', () => {
  it('只在启动时打印的地址里：页面取走后从地址栏删去，刷新仍可用；不带令牌打开的页面调不动任何接口', async () => {
    await open('/overview');
    await page.locator('[data-test=stat-total]').waitFor(); // the app has started and taken the token
    expect(page.url()).toMatch(new RegExp(`^${s.shell.url}#/`));
    await page.reload();
    await page.locator('[data-test=stat-total]').waitFor();
    expect(await page.locator('[data-test=stat-total]').textContent()).toContain('300');
    const stranger = await s.browser.newPage();
    try {
      const answer = stranger.waitForResponse((r) => r.url().includes('/rpc/'));
      await stranger.goto(s.shell.url);
      expect((await answer).status()).toBe(403);
      expect(await stranger.content()).not.toContain(s.shell.token);
      await stranger.waitForTimeout(800);
      await stranger.screenshot({ path: path.join(SCREENSHOTS, 'web-no-token.png') });
    } finally {
      await stranger.close();
    }
  });
});

describe('数据安全界面', () => {
  it('列出自动备份，“立即备份”新增一份，显示时间和大小', async () => {
    await open('/safety');
    await page.locator('[data-test=safety-status]').waitFor();
    const before = (await must(s.core, 'safety.backups', {})).backups.length;
    await expect.poll(backupRows).toBe(before);
    await page.click('[data-test=backup-now]');
    await expect.poll(backupRows).toBe(before + 1);
    expect(await page.locator('[data-test=backup-table]').textContent()).toMatch(/手动.*KB/);
    await s.shot('safety-page');
  });

  it('从文件恢复：选了不是本程序备份的文件时说明原因，数据不变', async () => {
    await open('/safety');
    await page.locator('[data-test=safety-status]').waitFor();
    const dir = fs.mkdtempSync(path.join(s.core.dir, 'foreign-'));
    const foreign = path.join(dir, '通讯录.db');
    const db = new Database(foreign);
    db.exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('${'张三'.repeat(400)}');`);
    db.close();
    const orgsBefore = (await must(s.core, 'orgs.list', { limit: 1 })).total;
    await page.locator('[data-test=restore-file-input]').setInputFiles(foreign);
    await page.locator('.el-message-box__btns .el-button--primary').click();
    const msg = page.locator('.el-message--error');
    await msg.waitFor();
    expect(await msg.textContent()).toContain('不是两新档案的备份文件');
    expect((await must(s.core, 'orgs.list', { limit: 1 })).total).toBe(orgsBefore);
    await s.shot('safety-restore-refused');
  });

  it('设置口令后加密，立即锁定显示锁屏；错误口令有提示，正确口令解锁', async () => {
    const own = await ownSafetyPage();
    await input('pass-next').fill('区工委口令2026');
    await input('pass-confirm').fill('区工委口令2026');
    await page.click('[data-test=pass-save]');
    await expect.poll(() => page.locator('[data-test=safety-encrypted]').textContent()).toContain('已加密');
    expect((await must(own.core, 'safety.status', {})).encrypted).toBe(true);
    await own.shot('safety-encrypted');
    await page.click('[data-test=lock-now]');
    await page.locator('[data-test=lock-screen]').waitFor();
    expect((await own.core.invoke('orgs.list', {})).ok).toBe(false);
    await input('lock-passphrase').fill('猜一个口令');
    await page.click('[data-test=lock-unlock]');
    await expect.poll(() => page.locator('[data-test=lock-error]').textContent()).toContain('口令不正确');
    await own.shot('safety-lock-wrong');
    // Navigating elsewhere while locked stays on the lock screen.
    await page.evaluate('location.hash = "#/orgs"');
    await page.locator('[data-test=lock-screen]').waitFor();
    await input('lock-passphrase').fill('区工委口令2026');
    await page.click('[data-test=lock-unlock]');
    await page.waitForURL(/#\/orgs/);
    await page.locator('[data-test=lock-screen]').waitFor({ state: 'detached' });
    expect((await must(own.core, 'orgs.list', { limit: 1 })).total).toBeGreaterThan(100);
  });
});

describe('空闲自动锁定', () => {
  it('设置了口令时，空闲超过设定时间自动显示锁屏', async () => {
    const own = await shellForThisTest({ browser: s.browser, samples: true });
    await must(own.core, 'safety.setPassphrase', { current: null, next: '区工委口令2026' });
    await must(own.core, 'safety.setIdleLock', { minutes: 5 });
    await open('/overview', own);
    await page.clock.install();
    await page.reload();
    await page.locator('.el-menu').waitFor();
    await page.clock.fastForward('04:00');
    expect(await page.locator('[data-test=lock-screen]').count()).toBe(0);
    await page.clock.fastForward('01:30');
    await page.locator('[data-test=lock-screen]').waitFor();
    expect((await must(own.core, 'safety.status', {})).state).toBe('locked');
    await input('lock-passphrase').fill('区工委口令2026');
    await page.click('[data-test=lock-unlock]');
    await page.locator('[data-test=lock-screen]').waitFor({ state: 'detached' });
  });
});

describe('审计日志界面', () => {
  it('显示全库变更记录，可按对象筛选并导出 Excel', async () => {
    const org = (await must(s.core, 'orgs.list', { limit: 1 })).rows[0];
    const detail = await must(s.core, 'orgs.get', { id: org.id });
    await must(s.core, 'orgs.save', { id: org.id, org: { ...detail.org, phone: '0318-1234567' }, partyOrg: detail.partyOrg, acceptWarnings: true });
    await open('/audit');
    await page.locator('[data-test=audit-table] .el-table__body tr').first().waitFor();
    const all = (await must(s.core, 'audit.list', {})).total;
    expect(await page.locator('.page-header').textContent()).toContain(`共 ${all} 条`);
    expect(await page.locator('[data-test=audit-table] .el-table__body tr').first().textContent()).toContain('0318-1234567');

    await page.locator('[data-test=audit-entity]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^组织档案（/ }).click();
    const members = (await must(s.core, 'audit.list', { entity: 'organization' })).total;
    expect(members).toBeLessThan(all);
    await expect.poll(() => page.locator('.page-header').textContent()).toContain(`共 ${members} 条`);
    await s.shot('audit-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=audit-export]')]);
    const file = await download.path();
    const wb = XLSX.read(fs.readFileSync(file!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets['审计日志']);
    expect(rows).toHaveLength(members);
    expect(rows[0]['对象类别']).toBe('组织档案');
    expect(rows[0]['新值']).toBe('0318-1234567');
  });
});

describe('启动检查失败时的恢复界面', () => {
  it('数据库损坏时显示恢复界面，一键恢复最新备份后回到概览', async () => {
    const first = testCore();
    await must(first, 'settings.saveOperator', { name: '测试员' });
    await must(first, 'demo.load', {});
    await must(first, 'safety.backupNow', {});
    const total = (await must(first, 'orgs.list', { limit: 1 })).total;
    first.close();
    const bytes = fs.readFileSync(first.dbPath);
    const pageSize = bytes.readUInt16BE(16);
    for (let i = 3 * pageSize; i < bytes.length - pageSize; i += 97) bytes[i] ^= 0x5a;
    fs.writeFileSync(first.dbPath, bytes);
    fs.rmSync(first.dbPath + '-wal', { force: true });

    const core = createCore({ dbPath: first.dbPath, shell: 'web', clock: fixedClock('2026-11-22T09:00:00+08:00'), logger: silentLogger });
    const shell = await startWebShell({ core, rendererDir: process.env.LX_RENDERER_DIR ?? path.resolve('out/renderer') });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const p = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      await p.goto(shell.openUrl);
      await p.locator('[data-test=recovery-screen]').waitFor();
      expect(await p.locator('[data-test=recovery-screen]').textContent()).toContain('数据库文件已损坏');
      await p.screenshot({ path: path.join(SCREENSHOTS, 'safety-recovery.png') });
      await p.locator('[data-test=recovery-backups] .el-button--primary').click();
      await p.locator('.el-message-box__btns .el-button--primary').click();
      await p.waitForURL(/#\/overview/);
      await p.locator('[data-test=stat-total]').waitFor();
      expect((await must(core, 'orgs.list', { limit: 1 })).total).toBe(total);
    } finally {
      await browser.close();
      await shell.close();
      core.close();
      fs.rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
