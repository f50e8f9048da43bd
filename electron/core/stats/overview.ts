import type { OverviewResult } from '../../../shared/contract/app';
import { COVERAGE_FORMULAS, figuresFromCounts, type CoverageCounts } from '../../../shared/domain/coverage';
import { RULE_FLAGS } from '../../../shared/domain/rules';
import type { CoreContext } from '../context';
import { addCounts, factGroups, zeroCounts } from './fact-groups';

/**
 * The first screen, from grouped SQL over the stored rule results (stats/fact-groups.ts). Streets come by size,
 * ties in the order their first organisation was filed; flags in the order they first occur (as the pass
 * over every organisation gave them).
 */
export function overview(ctx: CoreContext): OverviewResult {
  const today = ctx.clock.today();
  const groups = factGroups(ctx);
  const all = zeroCounts();
  const streets = new Map<string, { counts: CoverageCounts; first: number }>();
  const byCategory = new Map<'enterprise' | 'social', number>([
    ['enterprise', 0],
    ['social', 0],
  ]);
  const flags = RULE_FLAGS.map((flag) => ({ flag, count: 0, first: Infinity }));
  for (const g of groups) {
    addCounts(all, g);
    const s = streets.get(g.street) ?? streets.set(g.street, { counts: zeroCounts(), first: g.first }).get(g.street)!;
    addCounts(s.counts, g);
    s.first = Math.min(s.first, g.first);
    byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + g.total);
    flags.forEach((f, i) => {
      f.count += g.flags[i].count;
      if (g.flags[i].first !== null) f.first = Math.min(f.first, g.flags[i].first!);
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
