import type { OrgFilter, OrgListQuery, OrgRow } from '../../../shared/contract/orgs';
import { OrgListQuery as OrgListQuerySchema } from '../../../shared/contract/orgs';
import { ruleFlags, type TermSettings } from '../../../shared/domain/rules';
import type { Db } from '../db/database';
import { ORG_OVERVIEW_SELECT, toFacts, type OrgOverviewRow } from './rows';

const SORT_SQL: Record<NonNullable<OrgListQuery['sort']>, string> = {
  name: 'o.name',
  uscc: 'o.uscc',
  street: 'o.street',
  employees: 'o.employees',
  fullMembers: 'm.full_members',
  operatingStatus: 'o.operating_status',
  termEnd: 'p.term_end',
  updatedAt: 'o.updated_at',
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** WHERE clause from fixed fragments; every value goes in as a bound parameter. */
function whereClause(f: OrgFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.onlyDissolved) parts.push('o.dissolved_at IS NOT NULL');
  else if (!f.includeDissolved) parts.push('o.dissolved_at IS NULL');
  const q = f.query?.normalize('NFKC').trim();
  if (q) {
    params.like = `%${escapeLike(q)}%`;
    params.likeCode = `%${escapeLike(q.toUpperCase().replace(/\s/g, ''))}%`;
    params.likeInitials = `%${escapeLike(q.toLowerCase())}%`;
    parts.push(`(o.name LIKE @like ESCAPE '\\' OR o.uscc LIKE @likeCode ESCAPE '\\' OR o.name_initials LIKE @likeInitials ESCAPE '\\')`);
  }
  const eq: [keyof OrgFilter, string][] = [
    ['category', 'o.category'],
    ['street', 'o.street'],
    ['park', 'o.park'],
    ['industry', 'o.industry'],
    ['operatingStatus', 'o.operating_status'],
  ];
  for (const [key, column] of eq) {
    if (f[key] !== undefined) {
      params[key] = f[key];
      parts.push(`${column} = @${key}`);
    }
  }
  if (f.partyOrg === 'built') parts.push('p.built = 1');
  if (f.partyOrg === 'unbuilt') parts.push('COALESCE(p.built, 0) = 0');
  if (f.partyOrg === 'own') parts.push(`p.built = 1 AND p.formation = '单独组建'`);
  if (f.partyOrg === 'joint') parts.push(`p.built = 1 AND p.formation IN ('联合组建', '网格组建')`);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function toOrgRow(r: OrgOverviewRow, today: string, terms: TermSettings): OrgRow {
  return {
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    category: r.category,
    street: r.street,
    park: r.park,
    industry: r.industry,
    operatingStatus: r.operating_status,
    employees: r.employees,
    fullMembers: r.full_members,
    probationaryMembers: r.probationary_members,
    partyOrgBuilt: r.po_built === 1,
    partyOrgType: r.po_type,
    formation: r.po_formation,
    secretaryName: r.po_secretary_name,
    termEnd: r.po_term_end,
    dissolvedAt: r.dissolved_at,
    isSample: r.is_sample === 1,
    flags: ruleFlags(toFacts(r), today, terms),
  };
}

/** Every organisation row matching a filter (flags applied), in the requested order. */
export function queryOrgs(db: Db, input: OrgListQuery, today: string, terms: TermSettings): OrgRow[] {
  const q = OrgListQuerySchema.parse(input);
  const { sql, params } = whereClause(q);
  const sort = SORT_SQL[q.sort ?? 'name'];
  const order = q.order === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(`${ORG_OVERVIEW_SELECT} ${sql} ORDER BY ${sort} IS NULL, ${sort} ${order}, o.id`)
    .all(params) as OrgOverviewRow[];
  const out = rows.map((r) => toOrgRow(r, today, terms));
  return q.flag ? out.filter((r) => r.flags.includes(q.flag!)) : out;
}

/**
 * Paged listing for the virtual table. The full filtered list is cached until the data changes,
 * so scrolling through 100k rows asks SQLite once.
 */
export class OrgListCache {
  private key = '';
  private rows: OrgRow[] = [];

  list(db: Db, input: OrgListQuery, today: string, terms: TermSettings): { total: number; rows: OrgRow[] } {
    const { offset = 0, limit = 200, ...filter } = input;
    const version = `${db.pragma('data_version', { simple: true })}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
    const key = JSON.stringify([filter, today, terms, version]);
    if (key !== this.key) {
      this.rows = queryOrgs(db, filter, today, terms);
      this.key = key;
    }
    return { total: this.rows.length, rows: this.rows.slice(offset, offset + limit) };
  }
}
