import type { CoverageSummary } from '../../../shared/contract/instructors';
import type { OrgRow } from '../../../shared/contract/orgs';
import { COVERAGE_FORMULAS, figuresFromCounts, type CoverageCounts } from '../../../shared/domain/coverage';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { queryOrgs } from '../orgs/query';
import { coverageBit, factBitsSql } from '../orgs/facts';
import { activeAssignmentExists } from '../orgs/rows';
import { termSettings } from '../orgs/service';
import { addCounts, COUNT_KEYS, factGroups, sumCounts, zeroCounts } from '../stats/fact-groups';
import { assignmentRows } from './assignments';

/**
 * Coverage counts by street as they stood at the end of a past year: that year's member counts (or the latest
 * before it), assignments active on 31 Dec, organisations not yet dissolved then. Party-org status has no
 * history in the database, so the current one is used. Counted by SQL, the rules called once per organisation.
 */
function countsAtYearEnd(ctx: CoreContext, asOf: string, year: number): Map<string, CoverageCounts> {
  const bits = factBitsSql(ctx.db, asOf, termSettings(ctx.db), 'r');
  const groups = ctx.db
    .prepare(
      `SELECT r.street, ${bits} AS bits, COUNT(*) AS n FROM (
         SELECT o.street, o.operating_status, NULL AS dissolved_at,
           p.built AS po_built, p.type AS po_type, p.formation AS po_formation, p.term_end AS po_term_end,
           m.full_members, m.probationary_members,
           ${activeAssignmentExists('o.id', '@asOf')} AS has_active_assignment
         FROM organizations o
         LEFT JOIN party_orgs p ON p.organization_id = o.id
         LEFT JOIN member_counts m ON m.organization_id = o.id
              AND m.year = (SELECT MAX(year) FROM member_counts mc WHERE mc.organization_id = o.id AND mc.year <= @year)
         WHERE o.dissolved_at IS NULL OR o.dissolved_at > @asOf) r
       GROUP BY r.street, bits`,
    )
    .all({ year, asOf }) as { street: string; bits: number; n: number }[];
  const streets = new Map<string, CoverageCounts>();
  for (const g of groups) {
    const c = streets.get(g.street) ?? streets.set(g.street, zeroCounts()).get(g.street)!;
    c.total += g.n;
    for (const k of COUNT_KEYS) if (g.bits & coverageBit(k)) c[k] += g.n;
  }
  return streets;
}

/** 党组织覆盖率 and 工作覆盖率 (with the other rates), for the whole district and by street. */
export function coverageSummary(ctx: CoreContext, input: { year?: number; by?: 'street' }): CoverageSummary {
  const today = ctx.clock.today();
  const thisYear = Number(today.slice(0, 4));
  const year = input.year ?? thisYear;
  if (year > thisYear) throw new AppError('VALIDATION', `${year} 年尚未到来，请选择 ${thisYear} 年或以前的年份`);
  const asOf = year === thisYear ? today : `${year}-12-31`;
  // This year from the stored facts (stats/fact-groups.ts); a past year has none and is counted as of 31 December.
  const byStreet =
    year === thisYear
      ? (() => {
          const groups = factGroups(ctx);
          return new Map([...new Set(groups.map((g) => g.street))].map((street) => [street, sumCounts(groups, (g) => g.street === street)]));
        })()
      : countsAtYearEnd(ctx, asOf, year);
  return {
    asOf,
    year,
    figures: figuresFromCounts([...byStreet.values()].reduce(addCounts, zeroCounts())),
    byStreet:
      input.by === 'street'
        ? [...byStreet]
            .map(([street, counts]) => ({ street, figures: figuresFromCounts(counts) }))
            .sort((a, b) => b.figures.inOperation - a.figures.inOperation || a.street.localeCompare(b.street, 'zh-CN'))
        : [],
    formulas: { ...COVERAGE_FORMULAS },
  };
}

/** 未覆盖: the rule lives in ruleFlags (in operation, no party org, no active assignment). */
export function uncoveredOrgs(ctx: CoreContext, street?: string): OrgRow[] {
  return queryOrgs(ctx.db, { flag: '未覆盖', street, sort: 'street' }, ctx.clock.today(), termSettings(ctx.db));
}

/** 走访逾期: active assignments of organisations in operation with no visit within the period, longest overdue first. */
export function overdueAssignments(ctx: CoreContext) {
  return assignmentRows(ctx, { activeOnly: true })
    .filter((a) => a.overdueDays !== null)
    .sort((a, b) => b.overdueDays! - a.overdueDays! || a.street.localeCompare(b.street, 'zh-CN'));
}
