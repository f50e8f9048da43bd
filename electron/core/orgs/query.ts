import type { OrgFilter, OrgListQuery, OrgRow } from '../../../shared/contract/orgs';
import { OrgListQuery as OrgListQuerySchema } from '../../../shared/contract/orgs';
import { ruleFlags, type TermSettings } from '../../../shared/domain/rules';
import type { Db } from '../db/database';
import { ORG_FACTS_SELECT, ORG_FROM, ORG_OVERVIEW_SELECT, toFacts, type OrgFactsRow, type OrgOverviewRow } from './rows';

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
  if (f.stars !== undefined) {
    params.stars = f.stars;
    parts.push(
      `o.id IN (SELECT organization_id FROM ratings WHERE stars = @stars AND round_id = (SELECT r.round_id FROM ratings r JOIN rating_rounds rr ON rr.id = r.round_id ORDER BY rr.year DESC LIMIT 1))`,
    );
  }
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

function orderBy(q: OrgListQuery): string {
  const sort = SORT_SQL[q.sort ?? 'name'];
  const order = q.order === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${sort} IS NULL, ${sort} ${order}, o.id`;
}

/** Ids of the organisations matching a filter, in the requested order; flag filters run the rules in JS. */
export function queryOrgIds(db: Db, input: OrgListQuery, today: string, terms: TermSettings): number[] {
  const q = OrgListQuerySchema.parse(input);
  const { sql, params } = whereClause(q);
  if (!q.flag) {
    return db.prepare(`SELECT o.id ${ORG_FROM} ${sql} ${orderBy(q)}`).pluck().all(params) as number[];
  }
  const rows = db.prepare(`${ORG_FACTS_SELECT} ${sql} ${orderBy(q)}`).all(params) as OrgFactsRow[];
  return rows.filter((r) => ruleFlags(toFacts(r), today, terms).includes(q.flag!)).map((r) => r.id);
}

/** Full list rows for the given ids, in the same order. */
export function orgRowsByIds(db: Db, ids: number[], today: string, terms: TermSettings): OrgRow[] {
  const out: OrgRow[] = [];
  const stmt = db.prepare(`${ORG_OVERVIEW_SELECT} WHERE o.id IN (SELECT value FROM json_each(?))`);
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const byId = new Map((stmt.all(JSON.stringify(chunk)) as OrgOverviewRow[]).map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (r) out.push(toOrgRow(r, today, terms));
    }
  }
  return out;
}

/** Every organisation row matching a filter (flags applied), in the requested order: for exports and the CLI. */
export function queryOrgs(db: Db, input: OrgListQuery, today: string, terms: TermSettings): OrgRow[] {
  return orgRowsByIds(db, queryOrgIds(db, input, today, terms), today, terms);
}

/**
 * Paged listing for the virtual table. The ordered ids of the filtered list are cached until the data
 * changes, so scrolling through 100k rows asks SQLite only for the visible page.
 */
export class OrgListCache {
  private key = '';
  private ids: number[] = [];
  private db: Db | null = null;

  list(db: Db, input: OrgListQuery, today: string, terms: TermSettings): { total: number; rows: OrgRow[] } {
    const { offset = 0, limit = 200, ...filter } = input;
    // A restore or unlock opens a new connection whose counters start again: never reuse across connections.
    if (db !== this.db) {
      this.db = db;
      this.key = '';
    }
    const version = `${db.pragma('data_version', { simple: true })}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
    const key = JSON.stringify([filter, today, terms, version]);
    if (key !== this.key) {
      this.ids = queryOrgIds(db, filter, today, terms);
      this.key = key;
    }
    return { total: this.ids.length, rows: orgRowsByIds(db, this.ids.slice(offset, offset + limit), today, terms) };
  }
}
