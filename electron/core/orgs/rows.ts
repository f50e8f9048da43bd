import type { OrgFields, PartyOrgFields } from '../../../shared/contract/orgs';
import type { OrgFacts } from '../../../shared/domain/rules';
import type { Category } from '../../../shared/domain/vocab';

/** One row of the org_overview query: an organisation with its party org and latest member counts. */
export interface OrgOverviewRow {
  id: number;
  uscc: string;
  name: string;
  category: Category;
  industry: string | null;
  street: string;
  park: string | null;
  address: string | null;
  legal_rep: string | null;
  phone: string | null;
  employees: number | null;
  operating_status: string;
  notes: string | null;
  registration_no: string | null;
  investor_is_member: number | null;
  dissolved_at: string | null;
  dissolve_kind: string | null;
  dissolve_reason: string | null;
  is_sample: number;
  created_at: string;
  updated_at: string;
  po_built: number | null;
  po_not_built_reason: string | null;
  po_type: string | null;
  po_formation: string | null;
  po_name: string | null;
  po_founded_on: string | null;
  po_secretary_name: string | null;
  po_secretary_source: string | null;
  po_term_start: string | null;
  po_term_end: string | null;
  po_superior_org: string | null;
  full_members: number | null;
  probationary_members: number | null;
  has_active_assignment: number | null;
}

/**
 * The one definition of an active instructor/liaison assignment on a date (an SQL date expression), over
 * `instructor_assignments ia JOIN instructors ii`: started on or before it, not ended (end date null or ≥ it),
 * and the instructor 在岗.
 */
export const activeAssignmentCondition = (onDateSql: string) =>
  `ia.start_date <= ${onDateSql} AND (ia.end_date IS NULL OR ia.end_date >= ${onDateSql}) AND ii.status = '在岗'`;

// CROSS JOIN keeps the organisation's own assignments as the outer loop (SQLite would otherwise start from
// the small instructors table and scan every assignment of each instructor, per organisation).
export const activeAssignmentExists = (orgIdSql: string, onDateSql: string) => `EXISTS (
    SELECT 1 FROM instructor_assignments ia CROSS JOIN instructors ii ON ii.id = ia.instructor_id
    WHERE ia.organization_id = ${orgIdSql} AND ${activeAssignmentCondition(onDateSql)})`;

/** Whether the organisation has an active assignment today (lx_today() is the app clock, see openDatabase). */
export const HAS_ACTIVE_ASSIGNMENT_SQL = activeAssignmentExists('o.id', 'lx_today()');

/** The joins every organisation query shares: party org and the latest year's member counts. */
export const PARTY_ORG_JOIN = 'LEFT JOIN party_orgs p ON p.organization_id = o.id';
export const LATEST_MEMBERS_JOIN = `LEFT JOIN member_counts m ON m.organization_id = o.id
       AND m.year = (SELECT MAX(year) FROM member_counts mc WHERE mc.organization_id = o.id)`;
export const ORG_FROM = `
  FROM organizations o
  ${PARTY_ORG_JOIN}
  ${LATEST_MEMBERS_JOIN}`;

/** Every column of an organisation with its party org and latest member counts (detail, exports). */
export const ORG_OVERVIEW_SELECT = `
  SELECT o.id, o.uscc, o.name, o.category, o.industry, o.street, o.park, o.address, o.legal_rep, o.phone,
         o.employees, o.operating_status, o.notes, o.registration_no, o.investor_is_member, o.dissolved_at, o.dissolve_kind, o.dissolve_reason,
         o.is_sample, o.created_at, o.updated_at,
         p.built AS po_built, p.not_built_reason AS po_not_built_reason, p.type AS po_type,
         p.formation AS po_formation, p.name AS po_name, p.founded_on AS po_founded_on,
         p.secretary_name AS po_secretary_name, p.secretary_source AS po_secretary_source,
         p.term_start AS po_term_start, p.term_end AS po_term_end, p.superior_org AS po_superior_org,
         m.full_members, m.probationary_members,
         ${HAS_ACTIVE_ASSIGNMENT_SQL} AS has_active_assignment
  ${ORG_FROM}`;

/** Only what the rules and the cuts need, for whole-table passes (flag filters, overview, coverage); assignments active on the given SQL date. */
export const orgFactsSelect = (onDateSql: string) => `
  SELECT o.id, o.street, o.category, o.park, o.industry, o.operating_status, o.dissolved_at,
         p.built AS po_built, p.type AS po_type, p.formation AS po_formation, p.term_end AS po_term_end,
         m.full_members, m.probationary_members,
         ${activeAssignmentExists('o.id', onDateSql)} AS has_active_assignment
  ${ORG_FROM}`;

export type OrgFactsRow = Pick<
  OrgOverviewRow,
  | 'id' | 'street' | 'category' | 'park' | 'industry' | 'operating_status' | 'dissolved_at' | 'po_built' | 'po_type'
  | 'po_formation' | 'po_term_end' | 'full_members' | 'probationary_members' | 'has_active_assignment'
>;

export function toFacts(r: OrgFactsRow): OrgFacts {
  return {
    operatingStatus: r.operating_status,
    dissolved: r.dissolved_at !== null,
    fullMembers: r.full_members,
    probationaryMembers: r.probationary_members,
    partyOrgBuilt: r.po_built === 1,
    partyOrgType: r.po_type,
    formation: r.po_formation,
    termEnd: r.po_term_end,
    hasActiveAssignment: r.has_active_assignment === null ? undefined : r.has_active_assignment === 1,
  };
}

export function toOrgFields(r: OrgOverviewRow): OrgFields {
  return {
    category: r.category,
    name: r.name,
    uscc: r.uscc,
    industry: r.industry,
    street: r.street,
    park: r.park,
    address: r.address,
    legalRep: r.legal_rep,
    phone: r.phone,
    employees: r.employees,
    operatingStatus: r.operating_status as OrgFields['operatingStatus'],
    notes: r.notes,
    registrationNo: r.registration_no,
    investorIsMember: r.investor_is_member === null ? null : r.investor_is_member === 1,
  };
}

export function toPartyOrgFields(r: OrgOverviewRow): PartyOrgFields {
  return {
    built: r.po_built === 1,
    notBuiltReason: r.po_not_built_reason,
    type: r.po_type as PartyOrgFields['type'],
    formation: r.po_formation as PartyOrgFields['formation'],
    name: r.po_name,
    foundedOn: r.po_founded_on,
    secretaryName: r.po_secretary_name,
    secretarySource: r.po_secretary_source as PartyOrgFields['secretarySource'],
    termStart: r.po_term_start,
    termEnd: r.po_term_end,
    superiorOrg: r.po_superior_org,
  };
}

export const ORG_FIELD_LABELS: Record<keyof OrgFields, string> = {
  category: '组织类别',
  name: '名称',
  uscc: '统一社会信用代码',
  industry: '所属行业',
  street: '所在街道（乡镇）',
  park: '园区/楼宇/商圈',
  address: '地址',
  legalRep: '法定代表人',
  phone: '联系电话',
  employees: '从业人员数',
  operatingStatus: '经营状态',
  notes: '备注',
  registrationNo: '登记证号',
  investorIsMember: '出资人（负责人）是否党员',
};

export const PARTY_ORG_FIELD_LABELS: Record<keyof PartyOrgFields, string> = {
  built: '是否建立党组织',
  notBuiltReason: '未建原因',
  type: '党组织类型',
  formation: '组建方式',
  name: '党组织名称',
  foundedOn: '成立时间',
  secretaryName: '党组织书记',
  secretarySource: '书记来源',
  termStart: '任期开始',
  termEnd: '任期届满',
  superiorOrg: '上级党组织',
};
