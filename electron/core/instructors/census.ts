import { maskIdCard } from '../../../shared/domain/codes';
import type { Db } from '../db/database';
import { activeAssignmentCondition } from '../orgs/rows';

export interface InstructorCandidate {
  id: number;
  name: string;
  workUnit: string | null;
  idCardMasked: string;
}

/** Names as written in census files: full-width letters, inner spaces ("王 伟") and trailing notes vary. */
export const normalizePersonName = (raw: string) => raw.normalize('NFKC').replace(/\s+/g, '').trim();

/**
 * Roster entries a census row's instructor name may mean. Zero: offer to add; one or more: the user confirms
 * which (two people may share a name), so a census import never creates a person by itself.
 */
export function matchInstructorByName(db: Db, name: string): InstructorCandidate[] {
  const n = normalizePersonName(name);
  if (!n) return [];
  const rows = db
    .prepare(`SELECT id, name, work_unit, id_card FROM instructors WHERE replace(name, ' ', '') = ? ORDER BY status, id`)
    .all(n) as { id: number; name: string; work_unit: string | null; id_card: string | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name, workUnit: r.work_unit, idCardMasked: maskIdCard(r.id_card) }));
}

/** A census cell may name several people (“王建华、李红梅”) with notes in brackets (“王建华（区委组织部）”). */
export function splitInstructorCell(cell: string): string[] {
  return cell
    .normalize('NFKC')
    .replace(/[(（][^)）]*[)）]/g, '')
    .split(/[、,，;；/]+/) // not on spaces: “王 伟” is one name
    .map(normalizePersonName)
    .filter((n) => n.length >= 2 && n.length <= 20 && !/^(无|暂无|未派|—+|-+)$/.test(n));
}

export interface CensusInstructorNames {
  available: boolean;
  year: number | null;
  message: string;
  names: { name: string; orgs: { id: number; name: string; assigned: boolean }[]; candidates: InstructorCandidate[] }[];
}

/**
 * Instructor names written in the latest census year (all committed batches of that year) that still need the
 * user: not on the roster (offer to add), or on it but not yet assigned to an organisation that names them
 * (offer to match and assign). Nothing is created here.
 */
export function censusInstructorNames(db: Db, today: string): CensusInstructorNames {
  const year = db.prepare(`SELECT MAX(year) FROM census_batches WHERE status = 'committed'`).pluck().get() as number | null;
  if (!year) return { available: false, year: null, message: '尚未导入摸排数据', names: [] };
  const rows = db
    .prepare(
      `SELECT r.organization_id AS id, o.name, r.instructor FROM census_records r JOIN organizations o ON o.id = r.organization_id
       WHERE r.year = ? AND r.instructor IS NOT NULL AND r.instructor <> '' AND o.dissolved_at IS NULL ORDER BY o.name`,
    )
    .all(year) as { id: number; name: string; instructor: string }[];
  const byName = new Map<string, { id: number; name: string }[]>();
  for (const r of rows) for (const n of splitInstructorCell(r.instructor)) byName.set(n, [...(byName.get(n) ?? []), { id: r.id, name: r.name }]);
  const assigned = db.prepare(
    `SELECT 1 FROM instructor_assignments ia JOIN instructors ii ON ii.id = ia.instructor_id
     WHERE ia.organization_id = ? AND ii.id IN (SELECT value FROM json_each(?)) AND ${activeAssignmentCondition('?')}`,
  );
  const names: CensusInstructorNames['names'] = [];
  for (const [name, orgs] of byName) {
    const candidates = matchInstructorByName(db, name);
    const ids = JSON.stringify(candidates.map((c) => c.id));
    const marked = orgs.map((o) => ({ ...o, assigned: candidates.length > 0 && !!assigned.get(o.id, ids, today, today) }));
    if (candidates.length === 1 && marked.every((o) => o.assigned)) continue; // on the roster and covering: nothing to do
    names.push({ name, orgs: marked, candidates });
  }
  names.sort((a, b) => a.candidates.length - b.candidates.length || b.orgs.length - a.orgs.length);
  return {
    available: true,
    year,
    message: rows.length ? `${year} 年摸排表中填写了指导员的组织 ${rows.length} 个` : `${year} 年摸排表中没有填写党建指导员`,
    names,
  };
}
