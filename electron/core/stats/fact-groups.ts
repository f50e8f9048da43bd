import type { CoverageCounts } from '../../../shared/domain/coverage';
import { RULE_FLAGS } from '../../../shared/domain/rules';
import type { Category } from '../../../shared/domain/vocab';
import type { CoreContext } from '../context';
import { BIT_COLUMNS, COVERAGE_COLUMNS, COVERAGE_KEYS, FLAG_COLUMNS, refreshOrgFacts } from '../orgs/facts';
import { termSettings } from '../orgs/service';

export const COUNT_KEYS = COVERAGE_KEYS;

/** One street × category of the current organisations: coverage counts, and per flag (in RULE_FLAGS order) its count and first organisation. */
export type FactGroup = { street: string; category: Category; first: number; flags: { count: number; first: number | null }[] } & CoverageCounts;

/**
 * The stored facts (orgs/facts.ts) of current organisations counted by every column at once: one pass over the
 * covering index org_facts_overview in its own order, no sort, a few hundred groups at 100k organisations. A
 * count per group is about half the work of summing each column per row; the group's smallest id gives the
 * first organisation of a street or with a flag.
 */
export const FACT_GROUPS_SQL = `SELECT street, category, ${BIT_COLUMNS.join(', ')}, COUNT(*) AS n, MIN(organization_id) AS first
  FROM org_facts WHERE current = 1 GROUP BY street, category, ${BIT_COLUMNS.join(', ')}`;

type CountRow = Record<string, number> & { street: string; category: Category };

/** The counts by street and category as of today, after the stale facts are worked out again. */
export function factGroups(ctx: CoreContext): FactGroup[] {
  refreshOrgFacts(ctx.db, ctx.clock.today(), termSettings(ctx.db));
  const groups = new Map<string, FactGroup>();
  for (const r of ctx.db.prepare(FACT_GROUPS_SQL).all() as CountRow[]) {
    const key = `${r.street}\u0000${r.category}`;
    const g = groups.get(key) ?? groups.set(key, { street: r.street, category: r.category, first: r.first, ...zeroCounts(), flags: RULE_FLAGS.map(() => ({ count: 0, first: null })) }).get(key)!;
    g.first = Math.min(g.first, r.first);
    g.total += r.n;
    for (const k of COUNT_KEYS) g[k] += r[COVERAGE_COLUMNS[k]] * r.n;
    RULE_FLAGS.forEach((flag, i) => {
      if (r[FLAG_COLUMNS[flag]] !== 1) return;
      const f = g.flags[i];
      f.count += r.n;
      f.first = f.first === null ? r.first : Math.min(f.first, r.first);
    });
  }
  return [...groups.values()];
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
