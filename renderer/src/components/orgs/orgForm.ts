import type { FieldIssue } from '@shared/contract';
import { OrgFields, PartyOrgFields } from '@shared/contract/orgs';
import { validateOrg } from '@shared/domain/orgChecks';

/** The first issue per field path ('org.uscc', 'partyOrg.type' …), for el-form-item :error. */
export type IssueMap = Record<string, FieldIssue>;
export function issueMap(issues: readonly FieldIssue[]): IssueMap {
  const map: IssueMap = {};
  for (const i of issues) map[i.field] ??= i;
  return map;
}

/** The error message of a field for el-form-item :error; '' for none or for a mere warning (FieldNote shows those). */
export const errorOf = (issues: IssueMap, field: string) => (issues[field] && !issues[field].warning ? issues[field].message : '');

export const emptyOrg = (): OrgFields => ({
  category: 'enterprise',
  name: '',
  uscc: '',
  industry: null,
  street: '',
  park: null,
  address: null,
  legalRep: null,
  phone: null,
  employees: null,
  operatingStatus: '在营',
  notes: null,
  registrationNo: null,
  investorIsMember: null,
});

export const emptyPartyOrg = (): PartyOrgFields => ({
  built: false,
  notBuiltReason: null,
  type: null,
  formation: null,
  name: null,
  foundedOn: null,
  secretaryName: null,
  secretarySource: null,
  termStart: null,
  termEnd: null,
  superiorOrg: null,
});

/**
 * Blank optional inputs are sent as null (not ''), so "cleared" and "never filled" mean the same;
 * required text stays '' so the core answers "名称不能为空" rather than a type error.
 */
export function blanksToNull<T extends object>(o: T, required: readonly (keyof T)[] = []): T {
  const out = { ...o } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === '' && !required.includes(k as keyof T)) out[k] = null;
  return out as T;
}

/** The core's warning text ends with a hint on how to accept it; the form offers its own button instead. */

/** The fields the core requires as text ('' rather than null, so its message is "不能为空"). */
export const REQUIRED_ORG_TEXT = ['name', 'uscc', 'street'] as const satisfies readonly (keyof OrgFields)[];

/**
 * What the core would say about the form as it stands, computed here so messages follow the typing:
 * the contract's limits first, then the case-file checks (validateOrg), one issue per field.
 */
export function formIssues(org: OrgFields, po: PartyOrgFields): FieldIssue[] {
  const out: FieldIssue[] = [];
  const o = OrgFields.safeParse(blanksToNull(org, REQUIRED_ORG_TEXT));
  if (!o.success) for (const i of o.error.issues) out.push({ field: `org.${i.path.join('.')}`, message: i.message });
  const p = PartyOrgFields.safeParse(blanksToNull(po));
  if (!p.success) for (const i of p.error.issues) out.push({ field: `partyOrg.${i.path.join('.')}`, message: i.message });
  const seen = new Set(out.map((i) => i.field));
  return [...out, ...validateOrg(org, po).filter((i) => !seen.has(i.field))];
}
