import type { CoverageSummary } from '../../../shared/contract/instructors';
import type { OrgRow } from '../../../shared/contract/orgs';
import { COVERAGE_FORMULAS, coverageFigures, figuresFromCounts, type CoverageFigures } from '../../../shared/domain/coverage';
import type { OrgFacts } from '../../../shared/domain/rules';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { queryOrgs } from '../orgs/query';
import { activeAssignmentExists, toFacts, type OrgFactsRow } from '../orgs/rows';
import { termSettings } from '../orgs/service';
import { factGroups, sumCounts } from '../stats/fact-groups';
import { assignmentRows } from './assignments';

type StreetFacts = OrgFacts & { street: string };

/**
 * Facts as they stood at the end of a past year: that year's member counts (or the latest before it),
 * assignments active on 31 Dec, organisations not yet dissolved then. Party-org status has no history
 * in the database, so the current one is used.
 */
function factsAtYearEnd(ctx: CoreContext, asOf: string, year: number): StreetFacts[] {
  const rows = ctx.db
    .prepare(
      `SELECT o.id, o.street, o.category, o.park, o.industry, o.operating_status, NULL AS dissolved_at,
         p.built AS po_built, p.type AS po_type, p.formation AS po_formation, p.term_end AS po_term_end,
         m.full_members, m.probationary_members,
         ${activeAssignmentExists('o.id', '@asOf')} AS has_active_assignment
       FROM organizations o
       LEFT JOIN party_orgs p ON p.organization_id = o.id
       LEFT JOIN member_counts m ON m.organization_id = o.id
            AND m.year = (SELECT MAX(year) FROM member_counts mc WHERE mc.organization_id = o.id AND mc.year <= @year)
       WHERE o.dissolved_at IS NULL OR o.dissolved_at > @asOf`,
    )
    .all({ year, asOf }) as OrgFactsRow[];
  return rows.map((r) => ({ ...toFacts(r), street: r.street }));
}

/** 党组织覆盖率 and 工作覆盖率 (with the other rates), for the whole district and by street. */
export function coverageSummary(ctx: CoreContext, input: { year?: number; by?: 'street' }): CoverageSummary {
  const today = ctx.clock.today();
  const thisYear = Number(today.slice(0, 4));
  const year = input.year ?? thisYear;
  if (year > thisYear) throw new AppError('VALIDATION', `${year} 年尚未到来，请选择 ${thisYear} 年或以前的年份`);
  const asOf = year === thisYear ? today : `${year}-12-31`;
  let figures: CoverageFigures;
  let byStreet: { street: string; figures: CoverageFigures }[];
  if (year === thisYear) {
    // This year from the stored facts, counted by SQL (stats/fact-groups.ts).
    const groups = factGroups(ctx);
    figures = figuresFromCounts(sumCounts(groups));
    byStreet = [...new Set(groups.map((g) => g.street))].map((street) => ({ street, figures: figuresFromCounts(sumCounts(groups, (g) => g.street === street)) }));
  } else {
    // A past year has no stored facts: its member counts and assignments are read as they stood on 31 December.
    const facts = factsAtYearEnd(ctx, asOf, year);
    const streets = new Map<string, StreetFacts[]>();
    for (const f of facts) {
      const list = streets.get(f.street);
      if (list) list.push(f);
      else streets.set(f.street, [f]);
    }
    figures = coverageFigures(facts);
    byStreet = [...streets].map(([street, list]) => ({ street, figures: coverageFigures(list) }));
  }
  return {
    asOf,
    year,
    figures,
    byStreet:
      input.by === 'street'
        ? byStreet.sort((a, b) => b.figures.inOperation - a.figures.inOperation || a.street.localeCompare(b.street, 'zh-CN'))
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
