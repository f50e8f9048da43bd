import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import { must, testCore } from '../helpers/core';

let core: ReturnType<typeof testCore>;
beforeAll(async () => {
  core = testCore();
  await must(core, 'demo.load', {});
  // A valid read may fill the derived rule facts (org_facts) for today: filled here, so whichever
  // channel runs first (tests run in any order) finds them filled and a snapshot shows data only.
  await must(core, 'coverage.uncovered', {});
});
afterAll(() => {
  core.close();
  fs.rmSync(core.dir, { recursive: true, force: true });
});

/** Everything in the database, as one comparable string. */
function snapshot(): string {
  const tables = core.ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return tables.map((t) => `${t}:${JSON.stringify(core.ctx.db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())}`).join('\n');
}

const MALFORMED: unknown[] = ['x', 42, true, null, [1, 2], { id: 'abc', year: '二〇二六', offset: -1, limit: 'all', name: 7, organizationId: {} }];

describe('the contract at the boundary', () => {
  it('knows a good number of channels', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(10);
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it.each(CHANNEL_NAMES.map((c) => [c]))('%s rejects malformed input with a clear error and changes nothing', async (channel) => {
    const before = snapshot();
    for (const input of MALFORMED) {
      const r = await core.invoke(channel, input);
      // A channel whose input is all optional may accept the last object (unknown keys are stripped).
      if (r.ok) {
        expect(typeof input === 'object' && input !== null && !Array.isArray(input), `${channel} accepted ${JSON.stringify(input)}`).toBe(true);
        continue;
      }
      expect(r.error.code, `${channel} ${JSON.stringify(input)}`).toBe('INVALID_INPUT');
      expect(r.error.message).toMatch(/输入不正确/);
    }
    expect(snapshot()).toBe(before);
  });

  it('answers an unknown channel without throwing', async () => {
    const r = await core.invoke('orgs.drop', {});
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: '未知的调用：orgs.drop' } });
    const proto = await core.invoke('__proto__', {});
    expect(proto.ok).toBe(false);
  });

  it('names the bad field in Chinese', async () => {
    const r = await core.invoke('orgs.saveMembers', { organizationId: 1, counts: { year: 2026, full: -3, probationary: 0 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([{ field: 'counts.full', message: '正式党员数不能为负数' }]);
  });

  it('a number too large to be one (1e999 in JSON) or NaN is named as such, not "期望 数字，实际接收 数字"', async () => {
    for (const [text, shown] of [['1e999', '∞'], ['-1e999', '-∞']]) {
      const r = await core.invoke('safety.setIdleLock', JSON.parse(`{"minutes": ${text}}`));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.issues).toEqual([{ field: 'minutes', message: `数字超出范围（${shown}），请填写一个正常大小的数字，如 12` }]);
    }
    const nan = await core.invoke('safety.setIdleLock', { minutes: NaN });
    if (!nan.ok) expect(nan.error.issues?.[0].message).toBe('不是有效的数字，请填写数字，如 12');
    expect(nan.ok).toBe(false);
  });
});
