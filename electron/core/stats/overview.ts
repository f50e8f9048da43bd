import type { OverviewResult } from '../../../shared/contract/app';
import { COVERAGE_FORMULAS, coverageFigures } from '../../../shared/domain/coverage';
import { ruleFlags, type OrgFacts } from '../../../shared/domain/rules';
import type { CoreContext } from '../context';
import { termSettings } from '../orgs/service';
import { ORG_FACTS_SELECT, toFacts, type OrgFactsRow } from '../orgs/rows';

/** Facts of every current (not dissolved) organisation, with the street and category to cut by. */
export function currentOrgFacts(ctx: CoreContext): (OrgFacts & { street: string; category: OrgFactsRow['category']; park: string | null; industry: string | null })[] {
  const rows = ctx.db.prepare(`${ORG_FACTS_SELECT} WHERE o.dissolved_at IS NULL`).all() as OrgFactsRow[];
  return rows.map((r) => ({ ...toFacts(r), street: r.street, category: r.category, park: r.park, industry: r.industry }));
}

export function overview(ctx: CoreContext): OverviewResult {
  const facts = currentOrgFacts(ctx);
  const today = ctx.clock.today();
  const terms = termSettings(ctx.db);
  const byStreet = new Map<string, typeof facts>();
  const byCategory = new Map<'enterprise' | 'social', number>([
    ['enterprise', 0],
    ['social', 0],
  ]);
  const flagCounts: Record<string, number> = {};
  for (const f of facts) {
    const list = byStreet.get(f.street);
    if (list) list.push(f);
    else byStreet.set(f.street, [f]);
    byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
    for (const flag of ruleFlags(f, today, terms)) flagCounts[flag] = (flagCounts[flag] ?? 0) + 1;
  }
  return {
    today,
    total: facts.length,
    byCategory: [...byCategory].map(([category, count]) => ({ category, count })),
    byStreet: [...byStreet]
      .map(([street, list]) => ({ street, count: list.length, coverage: coverageFigures(list) }))
      .sort((a, b) => b.count - a.count),
    coverage: coverageFigures(facts),
    flagCounts,
    formulas: { ...COVERAGE_FORMULAS },
  };
}
