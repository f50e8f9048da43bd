import { describe, expect, it } from 'vitest';
import { RULE_FLAGS } from '../../shared/domain/rules';
import { nameInitials } from '../../electron/core/orgs/initials';
import { must, NO_PARTY_ORG, testOrgFields, type testCore } from '../helpers/core';
import { coreForEachTest } from '../helpers/lifecycle';

let core: ReturnType<typeof testCore>;
coreForEachTest((c) => (core = c));

const org = testOrgFields;
const noOrg = NO_PARTY_ORG;

describe('organisation case files', () => {
  it('creates, finds by pinyin initials, name fragment and credit code', async () => {
    const { id } = await must(core, 'orgs.save', { org: org(), partyOrg: noOrg });
    for (const query of ['hsht', '恒泰', '91350100M0', 'm000100y']) {
      const r = await must(core, 'orgs.list', { query });
      expect(r.rows.map((x) => x.id), query).toEqual([id]);
    }
    expect((await must(core, 'orgs.list', { query: 'zzzz' })).total).toBe(0);
  });

  it('computes initials per character, keeping latin letters and digits', () => {
    expect(nameInitials('衡水恒泰机械有限公司')).toBe('hshtjxyxgs');
    expect(nameInitials('ＡＢＣ科技 2号')).toBe('abckj2h');
  });

  it('rejects a malformed credit code with a field error and writes nothing', async () => {
    const r = await core.invoke('orgs.save', { org: org({ uscc: '9135010' }), partyOrg: noOrg });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.issues?.[0]).toMatchObject({ field: 'org.uscc' });
      expect(r.error.message).toContain('18 位');
    }
    expect((await must(core, 'orgs.list', {})).total).toBe(0);
  });

  it('asks before saving a checksum failure and saves once the warning is accepted', async () => {
    const bad = org({ uscc: '91350100M000100Y44' });
    const r = await core.invoke('orgs.save', { org: bad, partyOrg: noOrg });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.[0]).toMatchObject({ field: 'org.uscc', warning: true });
    const saved = await must(core, 'orgs.save', { org: bad, partyOrg: noOrg, acceptWarnings: true });
    expect(saved.warnings[0]).toContain('校验位');
  });

  it('refuses a second organisation with the same credit code', async () => {
    await must(core, 'orgs.save', { org: org(), partyOrg: noOrg });
    const r = await core.invoke('orgs.save', { org: org({ name: '另一家公司' }), partyOrg: noOrg });
    expect(r.ok || r.error.code).toBe('CONFLICT');
  });

  it('records every changed field in the history, old → new', async () => {
    const { id } = await must(core, 'orgs.save', { org: org(), partyOrg: noOrg });
    await must(core, 'orgs.save', {
      id,
      org: org({ employees: 55, phone: '0318-2123456' }),
      partyOrg: { built: true, type: '党支部', formation: '单独组建', termStart: '2025-01-10', secretaryName: '李秀英' },
    });
    await must(core, 'orgs.saveMembers', { organizationId: id, counts: { year: 2026, full: 6, probationary: 1 } });
    const history = await must(core, 'orgs.history', { id });
    const byField = Object.fromEntries(history.filter((h) => h.field).map((h) => [h.field, h]));
    expect(byField.employees).toMatchObject({ oldValue: '40', newValue: '55', fieldLabel: '从业人员数', actor: '测试员' });
    expect(byField.phone).toMatchObject({ oldValue: '13800000000', newValue: '0318-2123456' });
    expect(byField.built).toMatchObject({ oldValue: 'false', newValue: 'true' });
    expect(byField.full).toMatchObject({ oldValue: null, newValue: '6' });
    // The term end was derived from the start (3 years for a 党支部).
    expect((await must(core, 'orgs.get', { id })).partyOrg.termEnd).toBe('2028-01-10');
    expect(history.some((h) => h.action === 'create')).toBe(true);
  });

  it('dissolves with a reason, hides the file from the list, and restores it', async () => {
    const { id } = await must(core, 'orgs.save', { org: org(), partyOrg: noOrg });
    await must(core, 'orgs.dissolve', { id, kind: '撤销', reason: '企业已停止经营（僵尸企业）', date: '2026-11-20' });
    expect((await must(core, 'orgs.list', {})).total).toBe(0);
    expect((await must(core, 'orgs.list', { onlyDissolved: true })).total).toBe(1);
    const again = await core.invoke('orgs.dissolve', { id, kind: '撤销', reason: '重复', date: '2026-11-20' });
    expect(again.ok).toBe(false);
    await must(core, 'orgs.restore', { id });
    const detail = await must(core, 'orgs.get', { id });
    expect(detail.dissolvedAt).toBeNull();
    expect((await must(core, 'orgs.history', { id })).map((h) => h.action)).toEqual(expect.arrayContaining(['dissolve', 'restore']));
  });

  it('flags 应建未建 from the latest year’s full members and lists it under the flag filter', async () => {
    const { id } = await must(core, 'orgs.save', { org: org(), partyOrg: noOrg });
    await must(core, 'orgs.saveMembers', { organizationId: id, counts: { year: 2025, full: 1, probationary: 0 } });
    // No party org and no instructor assigned: also 未覆盖 (issue 5).
    expect((await must(core, 'orgs.get', { id })).flags).toEqual(['应联建', '未覆盖']);
    await must(core, 'orgs.saveMembers', { organizationId: id, counts: { year: 2026, full: 4, probationary: 0 } });
    expect((await must(core, 'orgs.get', { id })).flags).toEqual(['应建未建', '未覆盖']);
    expect((await must(core, 'orgs.list', { flag: '应建未建' })).rows.map((r) => r.id)).toEqual([id]);
  });

  it('loads sample data marked as sample and removes it in one action', async () => {
    const { organizations } = await must(core, 'demo.load', {});
    expect(organizations).toBe(300);
    const info = await must(core, 'app.info', {});
    expect(info.sampleCount).toBe(300);
    const overview = await must(core, 'stats.overview', {});
    expect(overview.total).toBeGreaterThan(250);
    expect(overview.flagCounts['应建未建']).toBeGreaterThan(0);
    const { id } = await must(core, 'orgs.save', { org: org(), partyOrg: noOrg });
    expect((await must(core, 'demo.clear', {})).removed).toBe(300);
    const left = await must(core, 'orgs.list', {});
    expect(left.rows.map((r) => r.id)).toEqual([id]);
  });

  it('pages through a sorted list consistently', async () => {
    await must(core, 'demo.load', {});
    const all = await must(core, 'orgs.list', { sort: 'employees', order: 'desc', limit: 1000 });
    const page = await must(core, 'orgs.list', { sort: 'employees', order: 'desc', offset: 10, limit: 5 });
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(10, 15).map((r) => r.id));
    const emp = all.rows.map((r) => r.employees ?? -1);
    expect(emp).toEqual([...emp].sort((a, b) => b - a));
  });

  it('every list filter returns exactly the rows whose facts match it', async () => {
    await must(core, 'demo.load', {});
    const all = (await must(core, 'orgs.list', { limit: 1000 })).rows;
    type Row = (typeof all)[number];
    type Check = [Record<string, unknown>, (r: Row) => boolean];
    const ids = async (filter: Record<string, unknown>) => (await must(core, 'orgs.list', { ...filter, limit: 1000 })).rows.map((r) => r.id).sort((a, b) => a - b);
    const expected = (keep: (r: Row) => boolean) => all.filter(keep).map((r) => r.id).sort((a, b) => a - b);
    const pick = <K extends keyof Row>(key: K) => [...new Set(all.map((r) => r[key]).filter((v) => v !== null))];

    const checks: Check[] = [
      ...pick('park').map((park): Check => [{ park }, (r) => r.park === park]),
      ...pick('industry').map((industry): Check => [{ industry }, (r) => r.industry === industry]),
      ...pick('operatingStatus').map((operatingStatus): Check => [{ operatingStatus }, (r) => r.operatingStatus === operatingStatus]),
      ...pick('street').map((street): Check => [{ street }, (r) => r.street === street]),
      [{ category: 'social' }, (r) => r.category === 'social'],
      [{ partyOrg: 'built' }, (r) => r.partyOrgBuilt],
      [{ partyOrg: 'unbuilt' }, (r) => !r.partyOrgBuilt],
      ...RULE_FLAGS.map((flag): Check => [{ flag }, (r) => r.flags.includes(flag)]),
      [{ street: '河东街道', operatingStatus: '在营', partyOrg: 'unbuilt' }, (r) => r.street === '河东街道' && r.operatingStatus === '在营' && !r.partyOrgBuilt],
    ];
    expect(pick('park').length).toBeGreaterThan(1);
    expect(pick('industry').length).toBeGreaterThan(1);
    expect(pick('operatingStatus').length).toBeGreaterThan(1);
    for (const [filter, keep] of checks) {
      const want = expected(keep);
      expect(await ids(filter), JSON.stringify(filter)).toEqual(want);
    }
    // Own and joint party organisations split the built ones between them.
    const own = await ids({ partyOrg: 'own' });
    const joint = await ids({ partyOrg: 'joint' });
    expect(own.length).toBeGreaterThan(0);
    expect(joint.length).toBeGreaterThan(0);
    expect([...own, ...joint].sort((a, b) => a - b)).toEqual(expected((r) => r.partyOrgBuilt));
  });
});
