import { TIERS, type CycleSummary, type DebrieferRow, type GradeCounts, type TierSummary } from '../../../shared/contract/debriefing';
import { GRADES, type Grade } from '../../../shared/domain/grading';

const emptyCounts = (): GradeCounts => ({ 好: 0, 较好: 0, 一般: 0, 差: 0, 未评定: 0 });
const countGrades = (rows: DebrieferRow[]) => {
  const c = emptyCounts();
  for (const r of rows) c[(r.gradeFinal && r.grade) || '未评定']++;
  return c;
};

function tierFigures(rows: DebrieferRow[]): Omit<TierSummary, 'tier'> {
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const total = rows.reduce((n, r) => n + r.rectifications.total, 0);
  const open = rows.reduce((n, r) => n + r.rectifications.open, 0);
  return {
    debriefers: rows.length,
    grades: countGrades(rows),
    byStatus,
    rectification: { total, open, overdue: rows.reduce((n, r) => n + r.rectifications.overdue, 0), done: total - open },
  };
}

const rank = (g: Grade) => GRADES.indexOf(g);

/** Per tier counts by grade, the district total, the party-org tier by street, and the change against last year. */
export function summarize(year: number, cycle: string, rows: DebrieferRow[]): CycleSummary {
  const streets = new Map<string, DebrieferRow[]>();
  for (const r of rows.filter((r) => r.tier === '两新党组织书记')) {
    const key = r.street ?? '未填街道';
    streets.set(key, [...(streets.get(key) ?? []), r]);
  }
  const comparison = { better: 0, same: 0, worse: 0, new: 0 };
  for (const r of rows) {
    if (!r.gradeFinal || !r.grade) continue;
    if (!r.lastYearGrade) comparison.new++;
    else if (rank(r.grade) < rank(r.lastYearGrade)) comparison.better++;
    else if (rank(r.grade) > rank(r.lastYearGrade)) comparison.worse++;
    else comparison.same++;
  }
  return {
    year,
    cycle,
    tiers: TIERS.map((tier) => ({ tier, ...tierFigures(rows.filter((r) => r.tier === tier)) })),
    total: tierFigures(rows),
    byStreet: [...streets].map(([street, list]) => ({ street, debriefers: list.length, grades: countGrades(list) })).sort((a, b) => a.street.localeCompare(b.street, 'zh-CN')),
    comparison,
  };
}
