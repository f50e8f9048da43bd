import type { CensusHistoryRow, YearChange } from '../../../shared/contract/census';
import type { Db } from '../db/database';

const SNAPSHOT_SELECT = `
  SELECT r.organization_id, r.year, r.batch_id, b.file_name, r.uscc, r.name, r.category, r.industry, r.street, r.park, r.address,
         r.legal_rep, r.phone, r.employees, r.full_members, r.probationary_members, r.party_org_built, r.party_org_type, r.formation,
         r.secretary_name, r.instructor, r.founded_on, r.operating_status, r.notes
  FROM census_records r LEFT JOIN census_batches b ON b.id = r.batch_id`;

type SnapshotRow = Record<string, unknown> & { organization_id: number; year: number; full_members: number; party_org_built: number; name: string; uscc: string; street: string };

const toHistory = (r: SnapshotRow): CensusHistoryRow => ({
  year: r.year,
  batchId: r.batch_id as number | null,
  fileName: r.file_name as string | null,
  uscc: r.uscc,
  name: r.name,
  category: r.category as 'enterprise' | 'social',
  industry: r.industry as string | null,
  street: r.street,
  park: r.park as string | null,
  address: r.address as string | null,
  legalRep: r.legal_rep as string | null,
  phone: r.phone as string | null,
  employees: r.employees as number | null,
  fullMembers: r.full_members,
  probationaryMembers: r.probationary_members as number,
  partyOrgBuilt: r.party_org_built === 1,
  partyOrgType: r.party_org_type as string | null,
  formation: r.formation as string | null,
  secretaryName: r.secretary_name as string | null,
  instructor: r.instructor as string | null,
  foundedOn: r.founded_on as string | null,
  operatingStatus: r.operating_status as string,
  notes: r.notes as string | null,
});

/** An organisation's census rows, newest year first. */
export function orgCensusHistory(db: Db, organizationId: number): CensusHistoryRow[] {
  return (db.prepare(`${SNAPSHOT_SELECT} WHERE r.organization_id = ? ORDER BY r.year DESC`).all(organizationId) as SnapshotRow[]).map(toHistory);
}

export const censusYears = (db: Db): number[] =>
  (db.prepare('SELECT DISTINCT year FROM census_records ORDER BY year DESC').all() as { year: number }[]).map((r) => r.year);

/** What changed between two census years: new, gone, org built, org dissolved, members up/down. */
export function compareYears(db: Db, fromYear: number, toYear: number): YearChange[] {
  const load = (y: number) => new Map((db.prepare(`${SNAPSHOT_SELECT} WHERE r.year = ?`).all(y) as SnapshotRow[]).map((r) => [r.organization_id, r]));
  const a = load(fromYear);
  const b = load(toYear);
  const out: YearChange[] = [];
  const item = (kind: YearChange['kind'], r: SnapshotRow, from: SnapshotRow | undefined, to: SnapshotRow | undefined): YearChange => ({
    kind,
    organizationId: r.organization_id,
    uscc: r.uscc,
    name: r.name,
    street: r.street,
    fromMembers: from?.full_members ?? null,
    toMembers: to?.full_members ?? null,
  });
  for (const [id, to] of b) {
    const from = a.get(id);
    if (!from) {
      out.push(item('new', to, undefined, to));
      continue;
    }
    if (!from.party_org_built && to.party_org_built) out.push(item('built', to, from, to));
    if (from.party_org_built && !to.party_org_built) out.push(item('dissolved', to, from, to));
    if (to.full_members > from.full_members) out.push(item('membersUp', to, from, to));
    if (to.full_members < from.full_members) out.push(item('membersDown', to, from, to));
  }
  for (const [id, from] of a) if (!b.has(id)) out.push(item('gone', from, from, undefined));
  return out.sort((x, y) => x.kind.localeCompare(y.kind) || x.street.localeCompare(y.street, 'zh') || x.name.localeCompare(y.name, 'zh'));
}
