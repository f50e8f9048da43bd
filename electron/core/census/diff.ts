import type { CensusChange, CensusField, CensusValues } from '../../../shared/contract/census';
import type { Db } from '../db/database';
import { censusValuesOf } from './history';

/** The current facts of an organisation in the shape of a census row, for comparison. */
export interface CurrentFacts {
  id: number;
  values: CensusValues;
}

/** Fields compared between the file and the database, with their Chinese labels (census field names). */
export const COMPARED: { field: keyof CensusValues & CensusField; label: string }[] = [
  { field: 'name', label: '名称' },
  { field: 'category', label: '组织类别' },
  { field: 'industry', label: '所属行业' },
  { field: 'street', label: '所在街道' },
  { field: 'park', label: '园区/楼宇' },
  { field: 'address', label: '地址' },
  { field: 'legalRep', label: '法定代表人' },
  { field: 'phone', label: '联系电话' },
  { field: 'employees', label: '从业人员数' },
  { field: 'operatingStatus', label: '经营状态' },
  { field: 'partyOrgBuilt', label: '是否建立党组织' },
  { field: 'partyOrgType', label: '党组织类型' },
  { field: 'formation', label: '组建方式' },
  { field: 'secretaryName', label: '党组织书记' },
  { field: 'foundedOn', label: '党组织成立时间' },
  { field: 'fullMembers', label: '正式党员数' },
  { field: 'probationaryMembers', label: '预备党员数' },
  { field: 'partyOrgName', label: '党组织名称' },
  { field: 'superiorOrg', label: '上级党组织' },
  { field: 'unbuiltReason', label: '未建党组织原因' },
  { field: 'registrationNo', label: '登记证号' },
  { field: 'investorIsMember', label: '出资人（负责人）是否党员' },
];

/** Party-org details only count when the file says the org is built. */
const PARTY_DETAIL = new Set<CensusField>(['partyOrgType', 'formation', 'secretaryName', 'foundedOn', 'partyOrgName']);

const show = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '是' : '否') : v === 'enterprise' ? '非公企业' : v === 'social' ? '社会组织' : String(v);

/** Loads the current facts of every organisation whose code appears in `codes` (members: that year, else the latest). */
export function loadCurrent(db: Db, codes: string[], year: number): Map<string, CurrentFacts> {
  const out = new Map<string, CurrentFacts>();
  // Selected under census_records' column names, so a snapshot and the current facts read the same way.
  const stmt = db.prepare(
    `SELECT o.id, o.uscc, o.name, o.category, o.industry, o.street, o.park, o.address, o.legal_rep, o.phone, o.employees,
            o.operating_status, COALESCE(p.built, 0) AS party_org_built, p.type AS party_org_type, p.formation, p.secretary_name,
            p.founded_on, COALESCE(m.full_members, 0) AS full_members, COALESCE(m.probationary_members, 0) AS probationary_members,
            NULL AS instructor, NULL AS notes, p.name AS party_org_name, o.registration_no, p.superior_org,
            p.not_built_reason AS unbuilt_reason, o.investor_is_member
     FROM organizations o
     LEFT JOIN party_orgs p ON p.organization_id = o.id
     LEFT JOIN member_counts m ON m.organization_id = o.id AND m.year = (
       SELECT COALESCE(MAX(CASE WHEN year = @year THEN year END), MAX(CASE WHEN year <= @year THEN year END), MAX(year))
       FROM member_counts WHERE organization_id = o.id)
     WHERE o.uscc IN (SELECT value FROM json_each(@codes))`,
  );
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = stmt.all({ year, codes: JSON.stringify(codes.slice(i, i + 5000)) }) as Record<string, unknown>[];
    for (const r of rows) out.set(r.uscc as string, { id: r.id as number, values: censusValuesOf(r) });
  }
  return out;
}

/** Fields a file gives: its mapped columns and its file-wide values (field → column or value). */
export type Carried = Partial<Record<CensusField, number | string>>;

/** Field-by-field changes a file row would make (only fields the file gives). */
export function changesOf(before: CensusValues, after: Partial<CensusValues>, carried: Carried): CensusChange[] {
  const changes: CensusChange[] = [];
  for (const { field, label } of COMPARED) {
    if (carried[field] === undefined) continue;
    if (PARTY_DETAIL.has(field) && !after.partyOrgBuilt) continue;
    if (field === 'unbuiltReason' && after.partyOrgBuilt) continue;
    const o = show(before[field]);
    const n = show(after[field]);
    if (o !== n) changes.push({ field, label, oldValue: o, newValue: n });
  }
  return changes;
}
