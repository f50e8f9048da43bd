import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../shared/contract/safety';
import { must, NO_PARTY_ORG, testOrgFields, type testCore } from '../helpers/core';
import { coreForEachTest } from '../helpers/lifecycle';

let core: ReturnType<typeof testCore>;
coreForEachTest((c) => (core = c));

const org = testOrgFields();
const noOrg = NO_PARTY_ORG;

describe('the operator (操作人)', () => {
  it('is unset on a fresh database, so the first-start form shows, and the account acts meanwhile', async () => {
    expect(await must(core, 'settings.operator', {})).toEqual({ name: null, account: '测试员' });
    await must(core, 'orgs.save', { org, partyOrg: noOrg });
    expect((await must(core, 'audit.list', {})).rows.map((r) => r.actor)).toEqual(['测试员']);
  });

  it('once saved, is the audit trail’s 操作人 instead of the system account', async () => {
    await must(core, 'settings.saveOperator', { name: ' 李文华 ' });
    expect((await must(core, 'settings.operator', {})).name).toBe('李文华');
    await must(core, 'orgs.save', { org, partyOrg: noOrg });
    const rows = (await must(core, 'audit.list', {})).rows;
    expect(rows.map((r) => [r.actor, r.entity, r.action])).toEqual([
      ['李文华', 'organization', 'create'],
      ['李文华', 'operator', 'create'],
    ]);
  });

  it('refuses an empty name with a message that says what to fill in', async () => {
    const r = await core.invoke('settings.saveOperator', { name: '   ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('请填写操作人姓名');
  });
});

describe('audit rows', () => {
  it('are not written for a save that changed nothing', async () => {
    const { id } = await must(core, 'orgs.save', { org, partyOrg: noOrg });
    const before = (await must(core, 'audit.list', {})).total;
    await must(core, 'orgs.save', { id, org, partyOrg: noOrg });
    expect((await must(core, 'audit.list', {})).total).toBe(before);
  });

  it('name every object type and operation in Chinese', () => {
    for (const label of [...Object.values(AUDIT_ENTITY_LABELS), ...Object.values(AUDIT_ACTION_LABELS)]) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/);
  });
});
