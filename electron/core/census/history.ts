import type { CensusHistoryRow, CensusValues, YearChange } from '../../../shared/contract/census';
import type { Db } from '../db/database';

/** census_records columns that hold a census row's values, with the field each holds (in the order snapshots are written). */
export const SNAPSHOT_FIELDS = [
  ['uscc', 'uscc'], ['name', 'name'], ['category', 'category'], ['industry', 'industry'], ['street', 'street'], ['park', 'park'],
  ['address', 'address'], ['legal_rep', 'legalRep'], ['phone', 'phone'], ['employees', 'employees'], ['full_members', 'fullMembers'],
  ['probationary_members', 'probationaryMembers'], ['party_org_built', 'partyOrgBuilt'], ['party_org_type', 'partyOrgType'],
  ['formation', 'formation'], ['secretary_name', 'secretaryName'], ['instructor', 'instructor'], ['founded_on', 'foundedOn'],
  ['operating_status', 'operatingStatus'], ['notes', 'notes'], ['party_org_name', 'partyOrgName'], ['registration_no', 'registrationNo'],
  ['superior_org', 'superiorOrg'], ['unbuilt_reason', 'unbuiltReason'], ['investor_is_member', 'investorIsMember'],
] as const satisfies readonly (readonly [string, keyof CensusValues])[];

const SNAPSHOT_SELECT = `
  SELECT r.organization_id, r.year, r.batch_id, b.file_name, ${SNAPSHOT_FIELDS.map(([c]) => `r.${c}`).join(', ')}
  FROM census_records r LEFT JOIN census_batches b ON b.id = r.batch_id`;

type SnapshotRow = Record<string, unknown> & { organization_id: number; year: number; full_members: number; party_org_built: number; name: string; uscc: string; street: string };

/** Census values from a row with census_records' column names (a snapshot, or current facts selected under those names). */
export function censusValuesOf(r: Record<string, unknown>): CensusValues {
  const v: Record<string, unknown> = {};
  for (const [column, field] of SNAPSHOT_FIELDS) v[field] = r[column];
  v.partyOrgBuilt = r.party_org_built === 1;
  v.investorIsMember = r.investor_is_member === null || r.investor_is_member === undefined ? null : r.investor_is_member === 1;
  return v as CensusValues;
}

const toHistory = (r: SnapshotRow): CensusHistoryRow => ({
  year: r.year,
  batchId: r.batch_id as number | null,
  fileName: r.file_name as string | null,
  ...censusValuesOf(r),
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
