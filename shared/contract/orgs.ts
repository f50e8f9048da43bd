import { z } from 'zod';
import { channel, id, isoDate, nonEmpty, optionalText, year } from './common';
import { COUNT_MAX, ORG_TEXT_LIMITS as L, PARTY_ORG_TEXT_LIMITS as P } from './limits';
import { CATEGORIES, DISSOLVE_KINDS, FORMATIONS, OPERATING_STATUSES, PARTY_ORG_TYPES, SECRETARY_SOURCES } from '../domain/vocab';
import { RULE_FLAGS } from '../domain/rules';

const count = (label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(COUNT_MAX, `${label}过大`);

export const OrgFields = z.object({
  category: z.enum(CATEGORIES, { error: '请选择组织类别' }),
  name: nonEmpty('名称', L.name),
  uscc: z.string().trim().min(1, '统一社会信用代码不能为空').max(L.uscc, `统一社会信用代码不能超过 ${L.uscc} 个字符`),
  industry: optionalText(L.industry),
  street: nonEmpty('所在街道（乡镇）', L.street),
  park: optionalText(L.park),
  address: optionalText(L.address),
  legalRep: optionalText(L.legalRep),
  phone: optionalText(L.phone),
  employees: count('从业人员数').nullable(),
  operatingStatus: z.enum(OPERATING_STATUSES, { error: '请选择经营状态' }),
  notes: optionalText(L.notes),
  /** 社会组织登记证号 (older files carry it besides or instead of the credit code). */
  registrationNo: optionalText(L.registrationNo),
  /** Whether the 出资人（负责人） is a party member; null = not known. */
  investorIsMember: z.boolean().nullable().optional(),
});
export type OrgFields = z.infer<typeof OrgFields>;

export const PartyOrgFields = z.object({
  built: z.boolean(),
  notBuiltReason: optionalText(P.notBuiltReason),
  type: z.enum(PARTY_ORG_TYPES).nullable().optional(),
  formation: z.enum(FORMATIONS).nullable().optional(),
  name: optionalText(P.name),
  foundedOn: isoDate.nullable().optional(),
  secretaryName: optionalText(P.secretaryName),
  secretarySource: z.enum(SECRETARY_SOURCES).nullable().optional(),
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
  superiorOrg: optionalText(P.superiorOrg),
});
export type PartyOrgFields = z.infer<typeof PartyOrgFields>;

export const MemberCount = z.object({
  year,
  full: count('正式党员数'),
  probationary: count('预备党员数'),
});
export type MemberCount = z.infer<typeof MemberCount>;

export const OrgRow = z.object({
  id,
  uscc: z.string(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  street: z.string(),
  park: z.string().nullable(),
  industry: z.string().nullable(),
  operatingStatus: z.string(),
  employees: z.number().nullable(),
  fullMembers: z.number().nullable(),
  probationaryMembers: z.number().nullable(),
  partyOrgBuilt: z.boolean(),
  partyOrgType: z.string().nullable(),
  formation: z.string().nullable(),
  secretaryName: z.string().nullable(),
  termEnd: z.string().nullable(),
  dissolvedAt: z.string().nullable(),
  isSample: z.boolean(),
  flags: z.array(z.enum(RULE_FLAGS)),
});
export type OrgRow = z.infer<typeof OrgRow>;

export const SORT_FIELDS = ['name', 'uscc', 'street', 'employees', 'fullMembers', 'operatingStatus', 'termEnd', 'updatedAt'] as const;

export const OrgFilter = z.object({
  query: z.string().trim().max(100).optional(),
  category: z.enum(CATEGORIES).optional(),
  street: z.string().max(100).optional(),
  park: z.string().max(100).optional(),
  industry: z.string().max(100).optional(),
  operatingStatus: z.enum(OPERATING_STATUSES).optional(),
  partyOrg: z.enum(['built', 'unbuilt', 'own', 'joint']).optional(),
  flag: z.enum(RULE_FLAGS).optional(),
  /** Stars in the latest 评星定级 round that has ratings. */
  stars: z.number().int().min(1).max(5).optional(),
  includeDissolved: z.boolean().optional(),
  onlyDissolved: z.boolean().optional(),
});
export type OrgFilter = z.infer<typeof OrgFilter>;

export const OrgListQuery = OrgFilter.extend({
  sort: z.enum(SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200_000).default(200),
});
export type OrgListQuery = z.input<typeof OrgListQuery>;

export const OrgListResult = z.object({ total: z.number(), rows: z.array(OrgRow) });

export const OrgDetail = z.object({
  id,
  org: OrgFields,
  partyOrg: PartyOrgFields,
  members: z.array(MemberCount),
  flags: z.array(z.enum(RULE_FLAGS)),
  /** Warnings worth showing on the card (checksum failure, members > employees …). */
  warnings: z.array(z.string()),
  dissolvedAt: z.string().nullable(),
  dissolveKind: z.string().nullable(),
  dissolveReason: z.string().nullable(),
  isSample: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const AuditEntry = z.object({
  id,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().nullable(),
  entityLabel: z.string().nullable(),
  field: z.string().nullable(),
  fieldLabel: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const OrgRef = z.union([z.object({ id }), z.object({ uscc: z.string().trim().min(1).max(40) })]);

export const orgsChannels = {
  'orgs.list': channel('查询组织列表', OrgListQuery, OrgListResult),
  'orgs.facets': channel(
    '筛选项',
    z.object({}).strict(),
    z.object({ streets: z.array(z.string()), parks: z.array(z.string()), industries: z.array(z.string()) }),
  ),
  'orgs.get': channel('查看组织档案', OrgRef, OrgDetail),
  'orgs.save': channel(
    '保存组织档案',
    z.object({
      id: id.optional(),
      org: OrgFields,
      partyOrg: PartyOrgFields,
      /** The user has seen and accepts the warnings (e.g. credit-code checksum). */
      acceptWarnings: z.boolean().optional(),
    }),
    z.object({ id, warnings: z.array(z.string()) }),
  ),
  'orgs.saveMembers': channel(
    '保存党员人数',
    z.object({ organizationId: id, counts: MemberCount }),
    z.object({ ok: z.literal(true) }),
  ),
  'orgs.history': channel('变更记录', z.object({ id }), z.array(AuditEntry)),
  'orgs.dissolve': channel(
    '撤销/注销档案',
    z.object({ id, kind: z.enum(DISSOLVE_KINDS), reason: nonEmpty('撤销原因', 500), date: isoDate }),
    z.object({ ok: z.literal(true) }),
  ),
  'orgs.restore': channel('恢复档案', z.object({ id }), z.object({ ok: z.literal(true) })),
};
