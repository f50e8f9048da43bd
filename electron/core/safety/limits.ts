import { COUNT_MAX, ORG_TEXT_LIMITS as L, PARTY_ORG_TEXT_LIMITS as P } from '../../../shared/contract/limits';
import type { Db } from '../db/driver';

/**
 * Values beyond the limits every door applies (shared/contract/limits.ts), as a restored or older
 * database may hold them (the census import once let them in). One statement: the limits are bound.
 */
const OVER_LIMIT = `
  SELECT '名称' AS field, @name AS max, o.id, o.name AS label, length(o.name) AS len FROM organizations o WHERE length(o.name) > @name
  UNION ALL SELECT '统一社会信用代码', @uscc, o.id, o.name, length(o.uscc) FROM organizations o WHERE length(o.uscc) > @uscc
  UNION ALL SELECT '所属行业', @industry, o.id, o.name, length(o.industry) FROM organizations o WHERE length(o.industry) > @industry
  UNION ALL SELECT '所在街道（乡镇）', @street, o.id, o.name, length(o.street) FROM organizations o WHERE length(o.street) > @street
  UNION ALL SELECT '园区/楼宇/商圈', @park, o.id, o.name, length(o.park) FROM organizations o WHERE length(o.park) > @park
  UNION ALL SELECT '详细地址', @address, o.id, o.name, length(o.address) FROM organizations o WHERE length(o.address) > @address
  UNION ALL SELECT '法定代表人（负责人）', @legalRep, o.id, o.name, length(o.legal_rep) FROM organizations o WHERE length(o.legal_rep) > @legalRep
  UNION ALL SELECT '联系电话', @phone, o.id, o.name, length(o.phone) FROM organizations o WHERE length(o.phone) > @phone
  UNION ALL SELECT '登记证号', @registrationNo, o.id, o.name, length(o.registration_no) FROM organizations o WHERE length(o.registration_no) > @registrationNo
  UNION ALL SELECT '备注', @notes, o.id, o.name, length(o.notes) FROM organizations o WHERE length(o.notes) > @notes
  UNION ALL SELECT '未建党组织原因', @notBuiltReason, o.id, o.name, length(p.not_built_reason) FROM party_orgs p JOIN organizations o ON o.id = p.organization_id WHERE length(p.not_built_reason) > @notBuiltReason
  UNION ALL SELECT '党组织名称', @partyName, o.id, o.name, length(p.name) FROM party_orgs p JOIN organizations o ON o.id = p.organization_id WHERE length(p.name) > @partyName
  UNION ALL SELECT '党组织书记', @secretaryName, o.id, o.name, length(p.secretary_name) FROM party_orgs p JOIN organizations o ON o.id = p.organization_id WHERE length(p.secretary_name) > @secretaryName
  UNION ALL SELECT '上级党组织', @superiorOrg, o.id, o.name, length(p.superior_org) FROM party_orgs p JOIN organizations o ON o.id = p.organization_id WHERE length(p.superior_org) > @superiorOrg
  UNION ALL SELECT '从业人员数', @count, o.id, o.name, o.employees FROM organizations o WHERE o.employees > @count
  UNION ALL SELECT '党员数', @count, o.id, o.name, m.full_members + m.probationary_members FROM member_counts m JOIN organizations o ON o.id = m.organization_id
    WHERE m.full_members > @count OR m.probationary_members > @count
  LIMIT 1000`;

const shortLabel = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

/** One line per offending value (at most 1,000), naming the organisation, the field, its size and the limit. */
export function overLimitValues(db: Db): string[] {
  const rows = db.prepare(OVER_LIMIT).all({ ...L, ...P, partyName: P.name, count: COUNT_MAX }) as { field: string; max: number; id: number; label: string; len: number }[];
  return rows.map((r) =>
    r.field.endsWith('数')
      ? `组织档案 #${r.id}“${shortLabel(r.label)}”的${r.field} ${r.len} 超过上限 ${r.max}`
      : `组织档案 #${r.id}“${shortLabel(r.label)}”的${r.field}有 ${r.len} 字，超过上限 ${r.max} 字，请在档案中删减`,
  );
}
