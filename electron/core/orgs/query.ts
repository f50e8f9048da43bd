import type { OrgFilter, OrgListQuery, OrgRow } from '../../../shared/contract/orgs';
import { OrgListQuery as OrgListQuerySchema } from '../../../shared/contract/orgs';
import { ruleFlags, type TermSettings } from '../../../shared/domain/rules';
import type { Db } from '../db/database';
import { FLAG_COLUMNS, refreshOrgFacts } from './facts';
import { LATEST_MEMBERS_JOIN, ORG_OVERVIEW_SELECT, PARTY_ORG_JOIN, toFacts, type OrgOverviewRow } from './rows';

/** Sort columns, and the joins a sort needs. NOT NULL columns sort without `IS NULL`, so their index serves the order. */
const SORT_SQL: Record<NonNullable<OrgListQuery['sort']>, { column: string; nullable: boolean; join?: 'p' | 'm' }> = {
  name: { column: 'o.name', nullable: false },
  uscc: { column: 'o.uscc', nullable: false },
  street: { column: 'o.street', nullable: false },
  employees: { column: 'o.employees', nullable: true },
  fullMembers: { column: 'm.full_members', nullable: true, join: 'm' },
  operatingStatus: { column: 'o.operating_status', nullable: false },
  termEnd: { column: 'p.term_end', nullable: true, join: 'p' },
  updatedAt: { column: 'o.updated_at', nullable: false },
};

/** ASCII letters lower-cased, as SQLite's lower() and LIKE do. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * FROM with only the joins the query needs, and its WHERE from fixed fragments; every value goes in as a
 * bound parameter. A flag filters by the stored rule results (org_facts), a search scans the narrow
 * org_search text (name, credit code, pinyin initials), never the wide table.
 */
/**
 * How a page is found when a flag or search narrows the list: walking organizations in list order and
 * checking each (many matches: a page is found after a few hundred rows), or reading the matches and
 * sorting them (few matches).
 */
type Drive = 'order' | 'matches';

function fromWhere(q: OrgListQuery, forCount: boolean, drive: Drive = 'order'): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const joins = new Set<'p' | 'm' | 'f' | 's'>();
  const text = q.query?.normalize('NFKC').trim();
  const filtered = ['category', 'street', 'park', 'industry', 'operatingStatus', 'partyOrg', 'stars'].some((k) => q[k as keyof OrgFilter] !== undefined);
  // 档案未撤销 is read where the query already looks (stored facts, search text), else in organizations. Only a
  // count with no other condition reads it by index; elsewhere `+` keeps the planner on the flag's, the
  // sort's or another filter's index (nearly every row is current, so that index selects nothing).
  const current = q.flag ? '+f.current' : text ? 's.current' : null;
  const dissolvedAt = forCount && !filtered ? 'o.dissolved_at' : '+o.dissolved_at';
  if (q.onlyDissolved) parts.push(current ? `${current} = 0` : `${dissolvedAt} IS NOT NULL`);
  else if (!q.includeDissolved) parts.push(current ? `${current} = 1` : `${dissolvedAt} IS NULL`);
  if (text) {
    joins.add('s');
    params.q = asciiLower(text);
    params.qCode = asciiLower(text.replace(/\s/g, ''));
    // Name and initials as typed, the credit code without spaces (as the LIKEs before: name, initials, uscc).
    parts.push('(instr(s.text, @q) > 0 OR instr(s.code, @qCode) > 0)');
  }
  const eq: [keyof OrgFilter, string][] = [
    ['category', 'o.category'],
    ['street', 'o.street'],
    ['park', 'o.park'],
    ['industry', 'o.industry'],
    ['operatingStatus', 'o.operating_status'],
  ];
  for (const [key, column] of eq) {
    if (q[key] !== undefined) {
      params[key] = q[key];
      parts.push(`${column} = @${key}`);
    }
  }
  if (q.partyOrg) joins.add('p');
  if (q.partyOrg === 'built') parts.push('p.built = 1');
  if (q.partyOrg === 'unbuilt') parts.push('COALESCE(p.built, 0) = 0');
  if (q.partyOrg === 'own') parts.push(`p.built = 1 AND p.formation = '单独组建'`);
  if (q.partyOrg === 'joint') parts.push(`p.built = 1 AND p.formation IN ('联合组建', '网格组建')`);
  if (q.stars !== undefined) {
    params.stars = q.stars;
    parts.push(
      `o.id IN (SELECT organization_id FROM ratings WHERE stars = @stars AND round_id = (SELECT r.round_id FROM ratings r JOIN rating_rounds rr ON rr.id = r.round_id ORDER BY rr.year DESC LIMIT 1))`,
    );
  }
  if (q.flag) {
    joins.add('f');
    parts.push(`f.${FLAG_COLUMNS[q.flag]} = 1`);
  }
  const sortJoin = SORT_SQL[q.sort ?? 'name'].join;
  if (sortJoin) joins.add(sortJoin);
  // A count that asks nothing of organizations itself reads only the narrow tables.
  const alone = forCount && !filtered && !!current;
  const narrow = joins.has('f') ? 'f' : joins.has('s') ? 's' : null;
  const first = alone || (!forCount && drive === 'matches' && narrow) ? narrow! : 'o';
  const table = { o: 'organizations o', f: 'org_facts f', s: 'org_search s' };
  const on = (t: 'o' | 'f' | 's') => `${t}.${t === 'o' ? 'id' : 'organization_id'}`;
  // CROSS JOIN keeps the order chosen here: SQLite takes the table on its left as the outer loop.
  const join = (t: 'o' | 'f' | 's') => (t === first || (t !== 'o' && !joins.has(t)) ? '' : `CROSS JOIN ${table[t]} ON ${on(t)} = ${on(first)}`);
  const from = [
    `FROM ${table[first]}`,
    alone ? '' : join('o'),
    join('f'),
    join('s'),
    joins.has('p') && !alone ? PARTY_ORG_JOIN : '',
    joins.has('m') && !alone ? LATEST_MEMBERS_JOIN : '',
  ];
  return { sql: `${from.filter(Boolean).join(' ')} ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}`, params };
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
  const { column, nullable } = SORT_SQL[q.sort ?? 'name'];
  const order = q.order === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${nullable ? `${column} IS NULL, ` : ''}${column} ${order}, o.id`;
}

/** Above this many matches a page is found faster by walking the list order than by sorting the matches. */
const WALK_FROM = 2000;

/** The SQL of a list query (ids in order) and its count, for the query-plan test. */
export function orgListSql(input: OrgListQuery, drive: Drive = 'matches'): { ids: string; count: string; params: Record<string, unknown> } {
  const q = OrgListQuerySchema.parse(input);
  const { sql, params } = fromWhere(q, false, drive);
  return { ids: `SELECT o.id ${sql} ${orderBy(q)}`, count: `SELECT COUNT(*) ${fromWhere(q, true).sql}`, params };
}

/** Ids of the organisations matching a filter, in the requested order (a page of them when given, with the list's total). */
export function queryOrgIds(db: Db, input: OrgListQuery, today: string, terms: TermSettings, page?: { offset: number; limit: number; total: number }): number[] {
  if (input.flag) refreshOrgFacts(db, today, terms);
  const { ids, params } = orgListSql(input, page && page.total >= WALK_FROM ? 'order' : 'matches');
  if (!page) return db.prepare(ids).pluck().all(params) as number[];
  return db.prepare(`${ids} LIMIT @limit OFFSET @offset`).pluck().all({ ...params, limit: page.limit, offset: page.offset }) as number[];
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
 * One page of the list for the virtual table, with the total: a count and an indexed page query, so
 * scrolling through 100k rows asks SQLite only for the visible page.
 */
export function listOrgs(db: Db, input: OrgListQuery, today: string, terms: TermSettings): { total: number; rows: OrgRow[] } {
  const { offset = 0, limit = 200, ...filter } = input;
  if (filter.flag) refreshOrgFacts(db, today, terms);
  const { count, params } = orgListSql(filter);
  const total = db.prepare(count).pluck().get(params) as number;
  const ids = total > offset ? queryOrgIds(db, filter, today, terms, { offset, limit, total }) : [];
  return { total, rows: orgRowsByIds(db, ids, today, terms) };
}
