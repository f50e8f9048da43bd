import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { coverageDocument } from '../../electron/core/export/documents/coverage';
import { percent } from '../../electron/core/export/documents/common';
import { FACT_GROUPS_SQL } from '../../electron/core/stats/fact-groups';
import { activeAssignmentExists, orgFactsSelect, toFacts, type OrgFactsRow } from '../../electron/core/orgs/rows';
import { orgListSql } from '../../electron/core/orgs/query';
import { termSettings } from '../../electron/core/orgs/service';
import { setSetting } from '../../electron/core/settings/settings';
import { coverageFigures, type CoverageFigures } from '../../shared/domain/coverage';
import { CATEGORIES } from '../../shared/domain/vocab';
import { RULE_FLAGS, ruleFlags, type RuleFlag } from '../../shared/domain/rules';
import type { OrgListQuery } from '../../shared/contract/orgs';
import { must } from '../helpers/core';
import { coresClosedAfterEach } from '../helpers/lifecycle';

const open = coresClosedAfterEach();

/** Every organisation's rule results, worked out here from its facts with the rule functions. */
function rulesNow(core: Core) {
  const today = core.ctx.clock.today();
  const terms = termSettings(core.ctx.db);
  const rows = core.ctx.db.prepare(`${orgFactsSelect('@today')} ORDER BY o.id`).all({ today }) as OrgFactsRow[];
  return rows.map((r) => ({ row: r, facts: toFacts(r), flags: ruleFlags(toFacts(r), today, terms) }));
}

/** The stored flags and the overview's grouped counts say exactly what the rules say about every organisation. */
async function expectStoredFactsMatchRules(core: Core): Promise<Set<RuleFlag>> {
  const all = rulesNow(core);
  const seen = new Set<RuleFlag>();
  for (const flag of RULE_FLAGS) {
    const expected = all.filter((o) => o.flags.includes(flag)).map((o) => o.row.id);
    const listed = await must(core, 'orgs.list', { flag, includeDissolved: true, offset: 0, limit: 100_000 });
    expect([...listed.rows.map((r) => r.id)].sort((a, b) => a - b), flag).toEqual(expected);
    expect(listed.total).toBe(expected.length);
    if (expected.length) seen.add(flag);
  }
  // The overview as the pass over every current organisation gave it, key order included.
  const current = all.filter((o) => o.row.dissolved_at === null);
  const streets = new Map<string, typeof current>();
  const flagCounts: Record<string, number> = {};
  for (const o of current) {
    streets.set(o.row.street, [...(streets.get(o.row.street) ?? []), o]);
    for (const f of o.flags) flagCounts[f] = (flagCounts[f] ?? 0) + 1;
  }
  const overview = await must(core, 'stats.overview', {});
  expect(JSON.stringify(overview.flagCounts)).toBe(JSON.stringify(flagCounts));
  expect(overview.coverage).toEqual(coverageFigures(current.map((o) => o.facts)));
  expect(overview.total).toBe(current.length);
  expect(overview.byStreet).toEqual(
    [...streets].map(([street, list]) => ({ street, count: list.length, coverage: coverageFigures(list.map((o) => o.facts)) })).sort((a, b) => b.count - a.count),
  );
  expect(overview.byCategory).toEqual(
    (['enterprise', 'social'] as const).map((category) => ({ category, count: current.filter((o) => o.row.category === category).length })),
  );
  // The coverage page (this year) and the coverage table as the same pass gives them.
  const summary = await must(core, 'coverage.summary', { by: 'street' });
  expect(summary.figures).toEqual(overview.coverage);
  expect(summary.byStreet).toEqual(
    [...streets]
      .map(([street, list]) => ({ street, figures: coverageFigures(list.map((o) => o.facts)) }))
      .sort((a, b) => b.figures.inOperation - a.figures.inOperation || a.street.localeCompare(b.street, 'zh-CN')),
  );
  const cells = (f: CoverageFigures) =>
    [f.total, f.inOperation, f.orgCoverage.numerator, percent(f.orgCoverage.rate), f.ownOrgRate.numerator, percent(f.ownOrgRate.rate), f.buildRate.denominator, f.buildRate.numerator, percent(f.buildRate.rate), f.workCoverage.numerator, percent(f.workCoverage.rate)].map(String);
  const blocks = [...[...streets].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')), ['合计', current] as const];
  const table = coverageDocument(core.ctx).doc.body[0];
  expect(table.kind === 'table' && table.table.rows.map((r) => r.slice(-11).map((c) => (typeof c === 'string' ? c : c.text)))).toEqual(
    blocks.flatMap(([, list]) => [...CATEGORIES.map((c) => cells(coverageFigures(list.filter((o) => o.row.category === c).map((o) => o.facts)))), cells(coverageFigures(list.map((o) => o.facts)))]),
  );
  return seen;
}

describe('rule flags stored per organisation (org_facts)', () => {
  it('match the rules after the sample data, after every kind of edit, on a later day and with new term settings', async () => {
    const core = open();
    await must(core, 'demo.load', {});
    expect((await expectStoredFactsMatchRules(core)).size).toBeGreaterThanOrEqual(5);
    const db = core.ctx.db;
    // A past year, counted by SQL with the rules called from it, as the rules give it row by row over the year-end facts.
    const yearEnd = db
      .prepare(
        `SELECT o.street, o.operating_status, NULL AS dissolved_at, p.built AS po_built, p.type AS po_type, p.formation AS po_formation, p.term_end AS po_term_end,
           m.full_members, m.probationary_members, ${activeAssignmentExists('o.id', "'2025-12-31'")} AS has_active_assignment
         FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id
         LEFT JOIN member_counts m ON m.organization_id = o.id AND m.year = (SELECT MAX(year) FROM member_counts mc WHERE mc.organization_id = o.id AND mc.year <= 2025)
         WHERE o.dissolved_at IS NULL OR o.dissolved_at > '2025-12-31'`,
      )
      .all() as OrgFactsRow[];
    const past = await must(core, 'coverage.summary', { year: 2025, by: 'street' });
    expect(past.figures).toEqual(coverageFigures(yearEnd.map(toFacts)));
    expect(past.figures.workCoverage.numerator).toBeGreaterThan(0);
    for (const s of past.byStreet) expect(s.figures, s.street).toEqual(coverageFigures(yearEnd.filter((r) => r.street === s.street).map(toFacts)));

    // Edits through the app: a party org built, member counts, a dissolution, an ended assignment, an instructor leaving.
    const unbuilt = (await must(core, 'orgs.list', { flag: '应建未建', offset: 0, limit: 2 })).rows;
    const a = await must(core, 'orgs.get', { id: unbuilt[0].id });
    await must(core, 'orgs.save', { id: a.id, org: a.org, partyOrg: { built: true, type: '党支部', formation: '单独组建', termStart: '2023-12-01' }, acceptWarnings: true });
    await must(core, 'orgs.saveMembers', { organizationId: unbuilt[1].id, counts: { year: 2026, full: 0, probationary: 0 } });
    const noMembers = (await must(core, 'orgs.list', { flag: '无党员', offset: 0, limit: 1 })).rows[0];
    await must(core, 'orgs.dissolve', { id: noMembers.id, kind: '注销', reason: '企业注销', date: '2026-11-01' });
    const assignment = db.prepare('SELECT id FROM instructor_assignments WHERE end_date IS NULL LIMIT 1').get() as { id: number };
    await must(core, 'instructors.endAssignment', { assignmentId: assignment.id, endDate: '2026-11-20', endReason: '调整' });
    // An instructor who alone covers an organisation without a party org: leaving uncovers it.
    const instructor = db
      .prepare(
        `SELECT ia.instructor_id AS id FROM instructor_assignments ia JOIN org_facts f ON f.organization_id = ia.organization_id
         WHERE ia.end_date IS NULL AND f.work_covered = 1 AND f.with_org = 0
           AND (SELECT COUNT(*) FROM instructor_assignments x WHERE x.organization_id = ia.organization_id AND x.end_date IS NULL) = 1 LIMIT 1`,
      )
      .get() as { id: number };
    const who = await must(core, 'instructors.get', { id: instructor.id });
    await must(core, 'instructors.save', { id: instructor.id, fields: { ...who.fields, status: '离任' } });
    await expectStoredFactsMatchRules(core);

    // New term settings: a longer reminder window.
    setSetting(db, 'terms', { ...termSettings(db), reminderDays: 300 });
    await expectStoredFactsMatchRules(core);

    // The same file on later days: terms end, assignments start and end by the calendar alone.
    const dir = core.dir;
    core.close();
    for (const today of ['2027-02-01', '2028-12-31', '2026-06-01']) {
      const later = open({ dir, today });
      await expectStoredFactsMatchRules(later);
      later.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are read by index: no list query or overview falls back to scanning the organisations table', async () => {
    const core = open();
    await must(core, 'demo.load', {});
    const db = core.ctx.db;
    const plan = (sql: string, params: Record<string, unknown> = {}) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const street = (await must(core, 'orgs.facets', {})).streets[0];
    const queries: OrgListQuery[] = [
      {},
      { sort: 'name', order: 'desc' },
      { query: 'hs' },
      { query: '科技有限' },
      { street },
      { street, flag: '应建未建' },
      ...RULE_FLAGS.map((flag) => ({ flag })),
      { flag: '换届到期', sort: 'termEnd' },
    ];
    for (const q of queries) {
      const { ids, count, params } = orgListSql(q);
      for (const [what, sql] of [['ids', ids], ['count', count]] as const) {
        const steps = plan(sql, params);
        const label = `${JSON.stringify(q)} ${what}: ${steps.join(' | ')}`;
        // A full pass over the wide organisations table (a plain SCAN, not of an index).
        expect(steps.some((d) => /^SCAN o$/.test(d)), label).toBe(false);
        // The stored flags by index: the flag's own (partial) index, or by organisation after another filter's index.
        if (q.flag) expect(steps.some((d) => /\bf USING ((COVERING )?INDEX |INTEGER PRIMARY KEY)/.test(d)), label).toBe(true);
        if (q.flag && !q.street) expect(steps.some((d) => d.includes('INDEX org_facts_')), label).toBe(true);
        if (q.query && what === 'count') expect(steps, label).toEqual(['SCAN s']);
      }
    }
    // Walking the list order (many matches) and sorting the matches (few) give the same list.
    for (const q of queries) {
      const [order, matches] = (['order', 'matches'] as const).map((d) => orgListSql(q, d));
      expect(db.prepare(order.ids).pluck().all(order.params), JSON.stringify(q)).toEqual(db.prepare(matches.ids).pluck().all(matches.params));
      if (q.flag || q.query) expect(plan(order.ids, order.params)[0], JSON.stringify(q)).toMatch(/^(SCAN|SEARCH) o USING (COVERING )?INDEX/);
    }
    // The default page walks the name index; the count reads the dissolved index alone.
    expect(plan(orgListSql({}).ids)[0]).toMatch(/^SCAN o USING COVERING INDEX organizations_name_current/);
    expect(plan(orgListSql({}).count, orgListSql({}).params)).toEqual(['SEARCH o USING COVERING INDEX organizations_dissolved (dissolved_at=?)']);
    // The overview, the coverage page and the coverage table group the stored facts in their stored order: one pass, no sort.
    expect(plan(FACT_GROUPS_SQL)).toEqual(['SEARCH org_facts USING COVERING INDEX org_facts_overview (current=?)']);
  });
});
