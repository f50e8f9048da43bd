import type { Formation, OperatingStatus, PartyOrgType } from './vocab';
import { IN_OPERATION } from './vocab';

/** The facts about one organisation that the rules look at. */
export interface OrgFacts {
  operatingStatus: OperatingStatus | string | null;
  dissolved: boolean;
  fullMembers: number | null;
  probationaryMembers: number | null;
  partyOrgBuilt: boolean;
  partyOrgType: PartyOrgType | string | null;
  formation: Formation | string | null;
  termEnd: string | null; // YYYY-MM-DD
  /** An active instructor/liaison assignment (issue 5 fills this in). */
  hasActiveAssignment?: boolean;
}

export const RULE_FLAGS = ['应建未建', '应联建', '无党员', '类型不符', '换届到期', '换届临近', '未覆盖'] as const;
export type RuleFlag = (typeof RULE_FLAGS)[number];

export interface TermSettings {
  /** Years a term lasts per party-org type (domain.md: 支部/总支 3, 党委 5; local rules vary). */
  termYears: Record<string, number>;
  reminderDays: number;
}
export const DEFAULT_TERM_SETTINGS: TermSettings = {
  termYears: { 党委: 5, 党总支: 3, 党支部: 3, 联合党支部: 3, 临时党支部: 1 },
  reminderDays: 90,
};

export function isInOperation(f: Pick<OrgFacts, 'operatingStatus' | 'dissolved'>): boolean {
  return !f.dissolved && f.operatingStatus === IN_OPERATION;
}

/** What the 3-member rule asks of an organisation with this many full members. */
export type BuildRequirement =
  | { kind: 'own'; type: '党支部' | '党总支' | '党委' }
  | { kind: 'joint' }
  | { kind: 'instructor' };

export function buildRequirement(fullMembers: number | null): BuildRequirement {
  const n = fullMembers ?? 0;
  if (n >= 100) return { kind: 'own', type: '党委' };
  if (n >= 50) return { kind: 'own', type: '党总支' };
  if (n >= 3) return { kind: 'own', type: '党支部' };
  if (n >= 1) return { kind: 'joint' };
  return { kind: 'instructor' };
}

/** 应建未建: meets the 3-member rule, operating, no party org. */
export function isUnbuilt(f: OrgFacts): boolean {
  return isInOperation(f) && !f.partyOrgBuilt && buildRequirement(f.fullMembers).kind === 'own';
}

/** 应联建: 1–2 full members, operating, no party org. */
export function needsJointOrg(f: OrgFacts): boolean {
  return isInOperation(f) && !f.partyOrgBuilt && buildRequirement(f.fullMembers).kind === 'joint';
}

/** 无党员: operating, no members at all and no party org: needs an instructor or liaison. */
export function hasNoMembers(f: OrgFacts): boolean {
  return isInOperation(f) && !f.partyOrgBuilt && (f.fullMembers ?? 0) + (f.probationaryMembers ?? 0) === 0;
}

/** An own org whose type does not fit its full-member count (e.g. 党支部 with 120 members). */
export function orgTypeMismatch(f: OrgFacts): { expected: string } | null {
  if (!f.partyOrgBuilt || f.formation === '联合组建' || f.formation === '网格组建') return null;
  const type = f.partyOrgType;
  if (type !== '党支部' && type !== '党总支' && type !== '党委') return null;
  const req = buildRequirement(f.fullMembers);
  if (req.kind !== 'own') return type === '党支部' ? null : { expected: '党支部' };
  // A 党委 with fewer than 100 members may be approved by the superior; only flag undersized 党总支 and oversized orgs.
  if (type === req.type || (type === '党委' && req.type === '党总支')) return null;
  return { expected: req.type };
}

export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0); // 29 Feb → 28 Feb
  return end.toISOString().slice(0, 10);
}

/** Term end from its start when only the start is known. */
export function termEndFrom(start: string, type: string | null, s: TermSettings = DEFAULT_TERM_SETTINGS): string | null {
  const years = type ? s.termYears[type] : undefined;
  return years ? addYears(start, years) : null;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso + 'T00:00:00Z') - Date.parse(fromIso + 'T00:00:00Z')) / 86_400_000);
}

/** 换届提醒: a term that has ended, or ends within the reminder window. */
export function termReminder(
  f: Pick<OrgFacts, 'partyOrgBuilt' | 'termEnd'>,
  today: string,
  s: TermSettings = DEFAULT_TERM_SETTINGS,
): 'ended' | 'ending' | null {
  if (!f.partyOrgBuilt || !f.termEnd) return null;
  const left = daysBetween(today, f.termEnd);
  if (left < 0) return 'ended';
  if (left <= s.reminderDays) return 'ending';
  return null;
}

/** 未覆盖: operating, no party org and no active instructor/liaison assignment. */
export function isWorkUncovered(f: OrgFacts): boolean {
  return isInOperation(f) && !f.partyOrgBuilt && !f.hasActiveAssignment;
}

/** All flags for one organisation, in display order. */
export function ruleFlags(f: OrgFacts, today: string, s: TermSettings = DEFAULT_TERM_SETTINGS): RuleFlag[] {
  const flags: RuleFlag[] = [];
  if (isUnbuilt(f)) flags.push('应建未建');
  if (needsJointOrg(f)) flags.push('应联建');
  if (hasNoMembers(f)) flags.push('无党员');
  if (orgTypeMismatch(f)) flags.push('类型不符');
  const term = termReminder(f, today, s);
  if (term === 'ended') flags.push('换届到期');
  if (term === 'ending') flags.push('换届临近');
  if (f.hasActiveAssignment !== undefined && isWorkUncovered(f)) flags.push('未覆盖');
  return flags;
}
