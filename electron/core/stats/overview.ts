import type { OverviewResult } from '../../../shared/contract/app';
import { COVERAGE_FORMULAS, figuresFromCounts, type CoverageCounts } from '../../../shared/domain/coverage';
import { RULE_FLAGS, type OrgFacts } from '../../../shared/domain/rules';
import type { CoreContext } from '../context';
import { COVERAGE_COLUMNS, FLAG_COLUMNS, refreshOrgFacts } from '../orgs/facts';
import { termSettings } from '../orgs/service';
import { ORG_FACTS_SELECT, toFacts, type OrgFactsRow } from '../orgs/rows';

/** Facts of every current (not dissolved) organisation, with the street and category to cut by. */
export function currentOrgFacts(ctx: CoreContext): (OrgFacts & { street: string; category: OrgFactsRow['category']; park: string | null; industry: string | null })[] {
  const rows = ctx.db.prepare(`${ORG_FACTS_SELECT} WHERE o.dissolved_at IS NULL`).all() as OrgFactsRow[];
  return rows.map((r) => ({ ...toFacts(r), street: r.street, category: r.category, park: r.park, industry: r.industry }));
}

type Group = { street: string; category: 'enterprise' | 'social'; total: number; first: number } & Record<keyof CoverageCounts, number> & Record<string, number>;
const COUNT_KEYS = Object.keys(COVERAGE_COLUMNS) as (keyof typeof COVERAGE_COLUMNS)[];

/**
 * The first screen, from grouped SQL over the stored rule results (orgs/facts.ts). Streets come by size,
 * ties in the order their first organisation was filed; flags in the order they first occur (as the pass
 * over every organisation gave them).
 */
export function overview(ctx: CoreContext): OverviewResult {
  const today = ctx.clock.today();
  refreshOrgFacts(ctx.db, today, termSettings(ctx.db));
  const groups = ctx.db
    .prepare(
      `SELECT street, category, COUNT(*) AS total, MIN(organization_id) AS first,
              ${COUNT_KEYS.map((k) => `SUM(${COVERAGE_COLUMNS[k]}) AS ${k}`).join(', ')},
              ${RULE_FLAGS.map((f, i) => `SUM(${FLAG_COLUMNS[f]}) AS n${i}, MIN(CASE WHEN ${FLAG_COLUMNS[f]} = 1 THEN organization_id END) AS first${i}`).join(', ')}
       FROM org_facts WHERE current = 1 GROUP BY street, category`,
    )
    .all() as Group[];
  const add = (into: CoverageCounts, g: Group) => {
    into.total += g.total;
    for (const k of COUNT_KEYS) into[k] += g[k];
  };
  const zero = (): CoverageCounts => ({ total: 0, inOperation: 0, withOrg: 0, ownOrg: 0, shouldBuild: 0, shouldBuilt: 0, workCovered: 0 });
  const all = zero();
  const streets = new Map<string, { counts: CoverageCounts; first: number }>();
  const byCategory = new Map<'enterprise' | 'social', number>([
    ['enterprise', 0],
    ['social', 0],
  ]);
  const flags = RULE_FLAGS.map((flag) => ({ flag, count: 0, first: Infinity }));
  for (const g of groups) {
    add(all, g);
    const s = streets.get(g.street) ?? streets.set(g.street, { counts: zero(), first: g.first }).get(g.street)!;
    add(s.counts, g);
    s.first = Math.min(s.first, g.first);
    byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + g.total);
    flags.forEach((f, i) => {
      f.count += g[`n${i}`];
      if (g[`first${i}`] !== null) f.first = Math.min(f.first, g[`first${i}`]);
    });
  }
  return {
    today,
    total: all.total,
    byCategory: [...byCategory].map(([category, count]) => ({ category, count })),
    byStreet: [...streets]
      .sort(([, a], [, b]) => b.counts.total - a.counts.total || a.first - b.first)
      .map(([street, s]) => ({ street, count: s.counts.total, coverage: figuresFromCounts(s.counts) })),
    coverage: figuresFromCounts(all),
    flagCounts: Object.fromEntries(
      flags
        .filter((f) => f.count > 0)
        .sort((a, b) => a.first - b.first || RULE_FLAGS.indexOf(a.flag) - RULE_FLAGS.indexOf(b.flag))
        .map((f) => [f.flag, f.count]),
    ),
    formulas: { ...COVERAGE_FORMULAS },
  };
}
