import type { CoreContext } from '../context';

/**
 * Census snapshots for the sample organisations: this year's from their current facts, last year's from
 * last year's member counts with about one in seven of today's party orgs not yet built and only the
 * assignments that had started. So 摸排年度对比 and the coverage-by-year chart have two years to show.
 * Removed with the organisations (census_records cascade).
 */
export function loadCensusDemo(ctx: CoreContext): void {
  const year = Number(ctx.clock.today().slice(0, 4));
  const insert = ctx.db.prepare(
    `INSERT OR REPLACE INTO census_records (organization_id, year, batch_id, row_no, uscc, name, category, industry, street, park, address,
       legal_rep, phone, employees, full_members, probationary_members, party_org_built, party_org_type, formation, secretary_name,
       instructor, founded_on, operating_status, notes)
     SELECT o.id, @year, NULL, NULL, o.uscc, o.name, o.category, o.industry, o.street, o.park, o.address, o.legal_rep, o.phone, o.employees,
       m.full_members, m.probationary_members, built.b, CASE WHEN built.b THEN p.type END, CASE WHEN built.b THEN p.formation END,
       CASE WHEN built.b THEN p.secretary_name END,
       (SELECT i.name FROM instructor_assignments a JOIN instructors i ON i.id = a.instructor_id
        WHERE a.organization_id = o.id AND a.start_date <= @yearEnd AND (a.end_date IS NULL OR a.end_date >= @yearEnd) ORDER BY a.is_lead DESC, a.id LIMIT 1),
       CASE WHEN built.b THEN p.founded_on END, o.operating_status, NULL
     FROM organizations o
     JOIN member_counts m ON m.organization_id = o.id AND m.year = @year
     LEFT JOIN party_orgs p ON p.organization_id = o.id
     JOIN (SELECT o2.id AS id,
             CASE WHEN COALESCE(p2.built, 0) = 1 AND (@year = @thisYear OR (o2.id % 7 <> 0 AND COALESCE(p2.founded_on, '') <= @yearEnd)) THEN 1 ELSE 0 END AS b
           FROM organizations o2 LEFT JOIN party_orgs p2 ON p2.organization_id = o2.id) built ON built.id = o.id
     WHERE o.is_sample = 1 AND o.dissolved_at IS NULL`,
  );
  for (const y of [year - 1, year]) insert.run({ year: y, thisYear: year, yearEnd: `${y}-12-31` });
}
