import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, type ShellSession } from '../helpers/browser';
import { moveClock, must } from '../helpers/core';

let s: ShellSession;

beforeAll(async () => {
  s = await openShell();
});
afterAll(async () => {
  await s?.close();
});

describe('设置：办公地时区', () => {
  it('默认北京时间；改为新疆时间后“今日”按乌鲁木齐的日期，改动记入审计日志', async () => {
    // 00:30 in Beijing on the 23rd is still 22:30 on the 22nd in Urumqi.
    moveClock(s.core, '2026-11-23T00:30:00+08:00');
    const page = await s.open('/settings');
    const zone = page.locator('[data-test=settings-timezone]');
    await expect.poll(() => zone.innerText()).toContain('北京时间');
    await expect.poll(() => page.locator('.aside-foot').innerText()).toContain('今日 2026-11-23');
    await zone.click();
    await page.locator('.el-select-dropdown__item:visible:has-text("新疆时间")').click();
    await page.click('[data-test=settings-timezone-save]');
    await expect.poll(() => page.locator('.el-message--success').innerText()).toContain('今天是 2026-11-22');
    await expect.poll(() => page.locator('.aside-foot').innerText()).toContain('今日 2026-11-22');
    await s.shot('settings-timezone');
    expect((await must(s.core, 'app.info', {})).timeZone).toBe('Asia/Urumqi');
    const { rows } = await must(s.core, 'audit.list', { entity: 'settings' });
    expect(rows.map((r) => [r.entityLabel, r.actor, r.oldValue, r.newValue])).toEqual([['办公地时区', '测试员', 'Asia/Shanghai', 'Asia/Urumqi']]);
    // Opened again, the page shows the saved zone.
    const again = await s.open('/settings');
    await expect.poll(() => again.locator('[data-test=settings-timezone]').innerText()).toContain('新疆时间');
  });
});
