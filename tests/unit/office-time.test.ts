import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_TIME_ZONE, isTimeZone, officeDate, officeDateTime, officeDayStart, officeInstant } from '../../shared/domain/officeTime';
import { createCore } from '../../electron/core';
import { clockFromEnvironment, fixedClock, silentLogger, systemClock } from '../../electron/core/context';
import { setOfficeTimeZone } from '../../electron/core/settings/officeZone';
import { moveClock, must, tempDir, testCore } from '../helpers/core';

// Expectations here are the office's wall clock written out by hand; they hold whatever TZ the runner has.
describe('the office calendar (shared/domain/officeTime)', () => {
  it('gives the office date of an instant, not the machine’s or UTC’s', () => {
    // 2026-12-31 17:30 UTC is already New Year's Day in Beijing and still New Year's Eve in Los Angeles.
    const at = new Date('2026-12-31T17:30:00Z');
    expect(officeDate(at, 'Asia/Shanghai')).toBe('2027-01-01');
    expect(officeDate(at, 'America/Los_Angeles')).toBe('2026-12-31');
    expect(officeDate(at, 'UTC')).toBe('2026-12-31');
    expect(officeDateTime(at, 'Asia/Shanghai')).toBe('2027-01-01 01:30:00');
    expect(officeDateTime(new Date('2026-11-22T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-11-22 23:59:59');
    expect(officeDateTime(new Date('2026-11-22T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-23 00:00:00');
  });

  it('finds the instant an office day begins, across a daylight-saving change', () => {
    expect(officeDayStart('2026-11-22', 'Asia/Shanghai').toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(officeDayStart('2026-11-30', 'Asia/Shanghai', 1).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // Los Angeles leaves summer time on 2026-11-01: that day begins at UTC-7, the next at UTC-8.
    expect(officeDayStart('2026-11-01', 'America/Los_Angeles').toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(officeDayStart('2026-11-02', 'America/Los_Angeles').toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(officeInstant('Asia/Shanghai', 2026, 2, 29, 9, 30, 15, 250).toISOString()).toBe('2026-03-01T01:30:15.250Z');
  });

  it('knows a time zone name from a mistyped one', () => {
    expect(isTimeZone(DEFAULT_OFFICE_TIME_ZONE)).toBe(true);
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('Asia/Beijing')).toBe(false);
  });
});

describe('the core’s clock', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('dates the office’s day in the office’s zone, in the core and inside SQL (lx_today)', async () => {
    // 23:30 UTC on the 21st: the 22nd in Beijing, the 21st on a UTC or Los Angeles machine.
    const dir = tempDir();
    dirs.push(dir);
    const core = createCore({ dbPath: `${dir}/a.db`, shell: 'cli', clock: fixedClock('2026-11-21T23:30:00Z'), logger: silentLogger });
    try {
      expect((await must(core, 'app.info', {})).today).toBe('2026-11-22');
      expect((core.ctx.db.prepare('SELECT lx_today() AS d').get() as { d: string }).d).toBe('2026-11-22');
      // The backup taken at start is named on the office's wall clock and read back to the same instant.
      const [daily] = (await must(core, 'safety.backups', {})).backups;
      expect([daily.fileName, daily.at]).toEqual(['20261122-073000-000_每日.db', '2026-11-21T23:30:00.000Z']);
      setOfficeTimeZone(core.ctx.db, 'America/Los_Angeles');
      expect((await must(core, 'app.info', {})).today).toBe('2026-11-21');
      expect((core.ctx.db.prepare('SELECT lx_today() AS d').get() as { d: string }).d).toBe('2026-11-21');
    } finally {
      core.close();
    }
  });

  it('keeps the office’s zone with the database: reopened, it is read again', async () => {
    const first = testCore();
    dirs.push(first.dir);
    setOfficeTimeZone(first.ctx.db, 'Pacific/Kiritimati'); // UTC+14: 09:00 in Beijing is 15:00 the same day there
    first.close();
    const again = createCore({ dbPath: first.dbPath, shell: 'cli', clock: fixedClock('2026-11-22T20:00:00+08:00'), logger: silentLogger });
    try {
      expect((await must(again, 'app.info', {})).today).toBe('2026-11-23');
    } finally {
      again.close();
    }
  });

  it('设置 saves the office’s zone from the short list, audited once, and the office’s day moves with it', async () => {
    // 00:30 in Beijing on the 23rd is 22:30 on the 22nd in Urumqi (UTC+6).
    const core = testCore();
    dirs.push(core.dir);
    try {
      moveClock(core, '2026-11-23T00:30:00+08:00');
      expect(await must(core, 'settings.saveTimeZone', { timeZone: 'Asia/Urumqi' })).toEqual({ timeZone: 'Asia/Urumqi', today: '2026-11-22' });
      expect(await must(core, 'app.info', {})).toMatchObject({ timeZone: 'Asia/Urumqi', today: '2026-11-22' });
      expect((core.ctx.db.prepare('SELECT lx_today() AS d').get() as { d: string }).d).toBe('2026-11-22');
      // Saving the same zone again changes nothing and is not audited twice.
      await must(core, 'settings.saveTimeZone', { timeZone: 'Asia/Urumqi' });
      const { rows } = await must(core, 'audit.list', { entity: 'settings' });
      expect(rows.map((r) => [r.entityLabel, r.oldValue, r.newValue])).toEqual([['办公地时区', 'Asia/Shanghai', 'Asia/Urumqi']]);
      // Only zones from the list: a real zone outside it and a mistyped one are refused with the list's message.
      for (const timeZone of ['America/Los_Angeles', 'Asia/Beijing']) {
        const r = await core.invoke('settings.saveTimeZone', { timeZone });
        expect(r.ok ? null : [r.error.code, r.error.message]).toEqual(['INVALID_INPUT', expect.stringContaining('请从列表中选择办公地时区')]);
      }
      expect((await must(core, 'app.info', {})).timeZone).toBe('Asia/Urumqi');
    } finally {
      core.close();
    }
  });

  it('the CLI stands at LX_NOW: a ledger exported “in 2028” is dated on that day', async () => {
    const office = testCore(); // a database with the office's document settings filled in
    dirs.push(office.dir);
    office.close();
    let out = '';
    let err = '';
    const io = { json: false, out: (t: string) => (out += t), err: (t: string) => (err += t) };
    const before = process.env.LX_NOW;
    process.env.LX_NOW = '2028-02-29T09:00:00+08:00';
    try {
      expect(await runCli(['export', 'ledger', '--out', path.join(office.dir, 'l.docx'), '--db', office.dbPath, '--json'], io)).toBe(0);
    } finally {
      if (before === undefined) delete process.env.LX_NOW;
      else process.env.LX_NOW = before;
    }
    expect(err).toBe('');
    expect(JSON.parse(out).fileName).toBe('两新组织党建工作台账_2028-02-29.docx');
  });

  it('stands at LX_NOW when set, the one way every shell (desktop, browser, CLI) reads a clock from outside', () => {
    expect(clockFromEnvironment({ LX_NOW: '2028-02-29T08:00:00+08:00' }).now().toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(() => clockFromEnvironment({ LX_NOW: '明天' })).toThrow(/2026-11-22T09:00:00\+08:00/);
    expect(clockFromEnvironment({})).toBe(systemClock);
  });
});
