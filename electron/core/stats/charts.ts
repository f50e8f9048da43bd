import type { ChartData } from '../../../shared/contract/charts';
import { coverageFigures } from '../../../shared/domain/coverage';
import type { CoreContext } from '../context';
import { cycleView } from '../debriefing/service';

interface SnapshotFacts {
  year: number;
  operating_status: string;
  full_members: number;
  probationary_members: number;
  party_org_built: number;
  party_org_type: string | null;
  formation: string | null;
  instructor: string | null;
}

/** Coverage of each census year from its snapshots: the census's own instructor column stands for an assignment. */
function coverageByYear(ctx: CoreContext): ChartData['coverageByYear'] {
  const rows = ctx.db
    .prepare(
      `SELECT year, operating_status, full_members, probationary_members, party_org_built, party_org_type, formation, instructor
       FROM census_records ORDER BY year`,
    )
    .all() as SnapshotFacts[];
  const byYear = new Map<number, SnapshotFacts[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  return [...byYear].map(([year, list]) => {
    const f = coverageFigures(
      list.map((r) => ({
        operatingStatus: r.operating_status,
        dissolved: false,
        fullMembers: r.full_members,
        probationaryMembers: r.probationary_members,
        partyOrgBuilt: r.party_org_built === 1,
        partyOrgType: r.party_org_type,
        formation: r.formation,
        termEnd: null,
        hasActiveAssignment: r.instructor !== null && r.instructor !== '',
      })),
    );
    return { year, orgCoverage: f.orgCoverage, workCoverage: f.workCoverage };
  });
}

const partyOrgTypes = (ctx: CoreContext): ChartData['partyOrgTypes'] =>
  ctx.db
    .prepare(
      `SELECT COALESCE(CASE WHEN p.built = 1 THEN COALESCE(p.type, '已建立') END, '未建立') AS type, COUNT(*) AS count
       FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id
       WHERE o.dissolved_at IS NULL AND o.operating_status = '在营'
       GROUP BY 1 ORDER BY count DESC`,
    )
    .all() as ChartData['partyOrgTypes'];

/** Quarter by quarter this year: organisations under an assignment during the quarter and how many were visited in it. */
function visitsByQuarter(ctx: CoreContext): ChartData['visitsByQuarter'] {
  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  const current = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const due = ctx.db.prepare(
    `SELECT COUNT(DISTINCT a.organization_id) AS due,
            COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM instructor_visits v WHERE v.organization_id = a.organization_id
              AND v.visit_date BETWEEN @from AND @to) THEN a.organization_id END) AS visited
     FROM instructor_assignments a JOIN organizations o ON o.id = a.organization_id
     WHERE o.dissolved_at IS NULL AND a.start_date <= @to AND (a.end_date IS NULL OR a.end_date >= @from)`,
  );
  const visits = ctx.db.prepare('SELECT COUNT(*) AS n FROM instructor_visits WHERE visit_date BETWEEN @from AND @to');
  const quarters = [];
  for (let q = 1; q <= current; q++) {
    const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
    const to = `${year}-${String(q * 3).padStart(2, '0')}-31`;
    const d = due.get({ from, to }) as { due: number; visited: number };
    quarters.push({ quarter: q, due: d.due, visited: d.visited, rate: d.due ? d.visited / d.due : null, visits: (visits.get({ from, to }) as { n: number }).n });
  }
  return { year, quarters };
}

/** Grades per tier of the latest two cycles: only 已评定 (and later) ones, as 述职评议 counts them. */
function grades(ctx: CoreContext): ChartData['grades'] {
  const cycles = ctx.db.prepare('SELECT id, year FROM debriefing_cycles ORDER BY year DESC, id DESC LIMIT 2').all() as { id: number; year: number }[];
  const out: ChartData['grades'] = [];
  for (const c of cycles.reverse()) {
    const counts = new Map<string, ChartData['grades'][number]>();
    for (const d of cycleView(ctx, c.id).debriefers) {
      if (!d.grade || !d.gradeFinal) continue;
      const key = `${d.tier}|${d.grade}`;
      const row = counts.get(key) ?? { year: c.year, tier: d.tier, grade: d.grade, count: 0 };
      row.count++;
      counts.set(key, row);
    }
    out.push(...counts.values());
  }
  return out;
}

export const chartData = (ctx: CoreContext): ChartData => ({
  coverageByYear: coverageByYear(ctx),
  partyOrgTypes: partyOrgTypes(ctx),
  visitsByQuarter: visitsByQuarter(ctx),
  grades: grades(ctx),
});
