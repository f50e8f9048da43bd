import type { CoverageCounts } from '../../../shared/domain/coverage';
import { RULE_FLAGS } from '../../../shared/domain/rules';
import type { Category } from '../../../shared/domain/vocab';
import type { CoreContext } from '../context';
import { COVERAGE_COLUMNS, FLAG_COLUMNS, refreshOrgFacts } from '../orgs/facts';
import { termSettings } from '../orgs/service';

export const COUNT_KEYS = Object.keys(COVERAGE_COLUMNS) as (keyof typeof COVERAGE_COLUMNS)[];

/** One street × category of the current organisations: coverage counts, and per flag (in RULE_FLAGS order) its count and first organisation. */
export type FactGroup = { street: string; category: Category; first: number; flags: { count: number; first: number | null }[] } & CoverageCounts;

/**
 * The stored facts (orgs/facts.ts) of current organisations counted by street and category in one pass over
 * the covering index org_facts_overview, no sort: the overview, the coverage page and the coverage table all
 * add up these groups instead of running the rules over every organisation.
 */
export const FACT_GROUPS_SQL = `SELECT street, category, COUNT(*) AS total, MIN(organization_id) AS first,
    ${COUNT_KEYS.map((k) => `SUM(${COVERAGE_COLUMNS[k]}) AS ${k}`).join(', ')},
    ${RULE_FLAGS.map((f, i) => `SUM(${FLAG_COLUMNS[f]}) AS n${i}, MIN(CASE WHEN ${FLAG_COLUMNS[f]} = 1 THEN organization_id END) AS first${i}`).join(', ')}
  FROM org_facts WHERE current = 1 GROUP BY street, category`;

/** The groups as of today, after the stale facts are worked out again. */
export function factGroups(ctx: CoreContext): FactGroup[] {
  refreshOrgFacts(ctx.db, ctx.clock.today(), termSettings(ctx.db));
  const rows = ctx.db.prepare(FACT_GROUPS_SQL).all() as (Record<string, number> & { street: string; category: Category })[];
  return rows.map((r) => ({
    street: r.street,
    category: r.category,
    first: r.first,
    total: r.total,
    ...(Object.fromEntries(COUNT_KEYS.map((k) => [k, r[k]])) as Record<(typeof COUNT_KEYS)[number], number>),
    flags: RULE_FLAGS.map((_, i) => ({ count: r[`n${i}`], first: r[`first${i}`] })),
  }));
}

export const zeroCounts = (): CoverageCounts => ({ total: 0, inOperation: 0, withOrg: 0, ownOrg: 0, shouldBuild: 0, shouldBuilt: 0, workCovered: 0 });

/** Adds a group's coverage counts into a running total. */
export function addCounts(into: CoverageCounts, g: CoverageCounts): CoverageCounts {
  into.total += g.total;
  for (const k of COUNT_KEYS) into[k] += g[k];
  return into;
}

/** Coverage counts of the groups that pass a test, e.g. one street's or one category's. */
export const sumCounts = (groups: FactGroup[], which: (g: FactGroup) => boolean = () => true): CoverageCounts =>
  groups.filter(which).reduce(addCounts, zeroCounts());
