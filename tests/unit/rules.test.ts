import { describe, expect, it } from 'vitest';
import { coverageFigures } from '../../shared/domain/coverage';
import {
  addYears,
  buildRequirement,
  hasNoMembers,
  isUnbuilt,
  needsJointOrg,
  orgTypeMismatch,
  ruleFlags,
  termEndFrom,
  termReminder,
  type OrgFacts,
} from '../../shared/domain/rules';

const facts = (over: Partial<OrgFacts> = {}): OrgFacts => ({
  operatingStatus: '在营',
  dissolved: false,
  fullMembers: 0,
  probationaryMembers: 0,
  partyOrgBuilt: false,
  partyOrgType: null,
  formation: null,
  termEnd: null,
  ...over,
});

describe('应建 (3-member rule)', () => {
  it.each([
    [0, 'instructor'],
    [1, 'joint'],
    [2, 'joint'],
    [3, '党支部'],
    [49, '党支部'],
    [50, '党总支'],
    [99, '党总支'],
    [100, '党委'],
  ])('%i full members → %s', (n, expected) => {
    const r = buildRequirement(n);
    expect(r.kind === 'own' ? r.type : r.kind).toBe(expected);
  });
});

describe('应建未建 / 应联建 / 无党员', () => {
  it('flags an operating org with 3 full members and no party org', () => {
    expect(isUnbuilt(facts({ fullMembers: 3 }))).toBe(true);
    expect(isUnbuilt(facts({ fullMembers: 2 }))).toBe(false);
    expect(isUnbuilt(facts({ fullMembers: 3, partyOrgBuilt: true }))).toBe(false);
    expect(isUnbuilt(facts({ fullMembers: 3, operatingStatus: '停业' }))).toBe(false);
    expect(isUnbuilt(facts({ fullMembers: 3, dissolved: true }))).toBe(false);
  });
  it('probationary members do not count toward the 3-member rule', () => {
    expect(isUnbuilt(facts({ fullMembers: 2, probationaryMembers: 5 }))).toBe(false);
    expect(needsJointOrg(facts({ fullMembers: 2, probationaryMembers: 5 }))).toBe(true);
  });
  it('asks for a joint org with 1–2 members and an instructor with none', () => {
    expect(needsJointOrg(facts({ fullMembers: 1 }))).toBe(true);
    expect(needsJointOrg(facts({ fullMembers: 1, partyOrgBuilt: true, formation: '联合组建' }))).toBe(false);
    expect(hasNoMembers(facts())).toBe(true);
    expect(hasNoMembers(facts({ probationaryMembers: 1 }))).toBe(false);
    expect(hasNoMembers(facts({ operatingStatus: '注销' }))).toBe(false);
  });
  it('无党员 is not flagged for an organisation with a party organisation, even before its members are counted', () => {
    // A 联合组建 host or a branch whose member counts are not entered yet: it has an org, it needs no instructor.
    const built = facts({ partyOrgBuilt: true, partyOrgType: '党支部', formation: '联合组建' });
    expect(hasNoMembers(built)).toBe(false);
    expect(ruleFlags(built, '2026-11-22')).not.toContain('无党员');
  });
});

describe('党组织类型不符', () => {
  it('flags a 党支部 with 120 members and accepts one with 30', () => {
    expect(orgTypeMismatch(facts({ fullMembers: 120, partyOrgBuilt: true, partyOrgType: '党支部', formation: '单独组建' }))).toEqual({ expected: '党委' });
    expect(orgTypeMismatch(facts({ fullMembers: 30, partyOrgBuilt: true, partyOrgType: '党支部', formation: '单独组建' }))).toBeNull();
  });
  it('flags an undersized 党总支 but tolerates an approved 党委 of 50–99', () => {
    expect(orgTypeMismatch(facts({ fullMembers: 20, partyOrgBuilt: true, partyOrgType: '党总支', formation: '单独组建' }))).toEqual({ expected: '党支部' });
    expect(orgTypeMismatch(facts({ fullMembers: 80, partyOrgBuilt: true, partyOrgType: '党委', formation: '单独组建' }))).toBeNull();
  });
  it('ignores joint orgs, whose members live in several organisations', () => {
    expect(orgTypeMismatch(facts({ fullMembers: 1, partyOrgBuilt: true, partyOrgType: '联合党支部', formation: '联合组建' }))).toBeNull();
  });
});

describe('换届提醒', () => {
  const built = { partyOrgBuilt: true };
  it('reminds 90 days ahead and after the end, not before', () => {
    expect(termReminder({ ...built, termEnd: '2027-02-20' }, '2026-11-22')).toBe('ending'); // 90 days
    expect(termReminder({ ...built, termEnd: '2027-02-21' }, '2026-11-22')).toBeNull(); // 91 days
    expect(termReminder({ ...built, termEnd: '2026-11-22' }, '2026-11-22')).toBe('ending');
    expect(termReminder({ ...built, termEnd: '2026-11-21' }, '2026-11-22')).toBe('ended');
    expect(termReminder({ partyOrgBuilt: false, termEnd: '2026-11-21' }, '2026-11-22')).toBeNull();
  });
  it('derives the term end from its start: 3 years for a branch, 5 for a committee', () => {
    expect(termEndFrom('2024-03-01', '党支部')).toBe('2027-03-01');
    expect(termEndFrom('2024-03-01', '党委')).toBe('2029-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
  it('puts every applicable flag on one organisation', () => {
    const f = facts({ fullMembers: 120, partyOrgBuilt: true, partyOrgType: '党支部', formation: '单独组建', termEnd: '2026-01-01' });
    expect(ruleFlags(f, '2026-11-22')).toEqual(['类型不符', '换届到期']);
  });
});

describe('coverage rates', () => {
  it('computes the four rates of domain.md with numerators and denominators', () => {
    const c = coverageFigures([
      facts({ fullMembers: 5, partyOrgBuilt: true, formation: '单独组建' }),
      facts({ fullMembers: 1, partyOrgBuilt: true, formation: '联合组建' }),
      facts({ fullMembers: 4 }), // 应建未建
      facts({ fullMembers: 0, hasActiveAssignment: true }), // covered by an instructor
      facts({ fullMembers: 9, partyOrgBuilt: true, formation: '单独组建', operatingStatus: '注销' }), // not in operation
    ]);
    expect(c.total).toBe(5);
    expect(c.inOperation).toBe(4);
    expect(c.orgCoverage).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(c.ownOrgRate).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(c.buildRate).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(c.workCoverage).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });
  it('组建率 counts every built organisation that should build, whatever its formation', () => {
    // 组建率 = built ÷ should build (domain.md): a 5-member org in a joint or grid org is built; one without is not.
    const c = coverageFigures([
      facts({ fullMembers: 5, partyOrgBuilt: true, formation: '联合组建' }),
      facts({ fullMembers: 8, partyOrgBuilt: true, formation: '网格组建' }),
      facts({ fullMembers: 3, partyOrgBuilt: true, formation: '单独组建' }),
      facts({ fullMembers: 6 }),
    ]);
    expect(c.buildRate).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(c.ownOrgRate).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
  });
  it('gives null rates, not NaN, for an empty cut', () => {
    expect(coverageFigures([]).orgCoverage.rate).toBeNull();
  });
});
