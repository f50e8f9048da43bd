import { coverageMembership } from '../../../shared/domain/coverage';
import { ruleFlags, type RuleFlag, type TermSettings } from '../../../shared/domain/rules';
import type { Db } from '../db/database';
import { orgFactsSelect, toFacts, type OrgFactsRow } from './rows';

/**
 * The rule results stored per organisation (migration 008): lists filter and the overview counts by these
 * columns, with indexes, instead of running the rules over every row. Writes mark an organisation stale
 * (SQL triggers); before a read, the stale ones, and those a new day or new term settings change, are worked
 * out again with the same rule functions.
 */
export const FLAG_COLUMNS: Record<RuleFlag, string> = {
  应建未建: 'unbuilt',
  应联建: 'needs_joint',
  无党员: 'no_members',
  类型不符: 'type_mismatch',
  换届到期: 'term_ended',
  换届临近: 'term_ending',
  未覆盖: 'uncovered',
};

export const COVERAGE_COLUMNS = { inOperation: 'in_operation', withOrg: 'with_org', ownOrg: 'own_org', shouldBuild: 'should_build', shouldBuilt: 'should_built', workCovered: 'work_covered' } as const;

const COLUMNS = ['organization_id', 'current', 'street', 'category', ...Object.values(COVERAGE_COLUMNS), ...Object.values(FLAG_COLUMNS)];
const CHUNK = 5000;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Brings org_facts up to date for `today` and the term settings; cheap when nothing changed. */
export function refreshOrgFacts(db: Db, today: string, terms: TermSettings): void {
  if (db.readonly) return;
  const state = db.prepare('SELECT computed_for, terms FROM org_facts_state WHERE id = 1').get() as { computed_for: string | null; terms: string | null };
  const termsJson = JSON.stringify(terms);
  const sameDay = state.computed_for === today && state.terms === termsJson;
  if (sameDay && !db.prepare('SELECT 1 FROM org_facts_stale LIMIT 1').get()) return;
  db.transaction(() => {
    if (!sameDay) markDateDependent(db, state, today, terms, termsJson);
    recomputeStale(db, today, terms);
    db.prepare('UPDATE org_facts_state SET computed_for = ?, terms = ? WHERE id = 1').run(today, termsJson);
  })();
}

/** Marks what a change of date or term settings can change: all on new settings or a clock set back, else only what the days in between reach. */
function markDateDependent(db: Db, state: { computed_for: string | null; terms: string | null }, today: string, terms: TermSettings, termsJson: string): void {
  const from = state.computed_for;
  if (!from || state.terms !== termsJson || today < from) {
    db.exec('INSERT OR IGNORE INTO org_facts_stale SELECT id FROM organizations');
    return;
  }
  // 换届到期 turns on when the day passes term_end, 换届临近 when it passes term_end − reminder days.
  db.prepare('INSERT OR IGNORE INTO org_facts_stale SELECT organization_id FROM party_orgs WHERE term_end >= ? AND term_end <= ?').run(from, addDays(today, terms.reminderDays + 1));
  // An assignment becomes active on its start date and ends after its end date.
  db.prepare(
    `INSERT OR IGNORE INTO org_facts_stale SELECT organization_id FROM instructor_assignments
     WHERE start_date BETWEEN @from AND @today OR end_date BETWEEN @before AND @today`,
  ).run({ from, today, before: addDays(from, -1) });
}

function recomputeStale(db: Db, today: string, terms: TermSettings): void {
  const ids = db.prepare('SELECT organization_id FROM org_facts_stale').pluck().all() as number[];
  if (!ids.length) return;
  const load = db.prepare(`${orgFactsSelect('@today')} WHERE o.id IN (SELECT value FROM json_each(@ids))`);
  const write = db.prepare(`INSERT OR REPLACE INTO org_facts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of load.all({ today, ids: JSON.stringify(ids.slice(i, i + CHUNK)) }) as OrgFactsRow[]) {
      const f = toFacts(r);
      const flags = new Set(ruleFlags(f, today, terms));
      const m = coverageMembership(f);
      write.run(
        r.id,
        r.dissolved_at === null ? 1 : 0,
        r.street,
        r.category,
        ...(Object.keys(COVERAGE_COLUMNS) as (keyof typeof COVERAGE_COLUMNS)[]).map((k) => (m[k] ? 1 : 0)),
        ...(Object.keys(FLAG_COLUMNS) as RuleFlag[]).map((flag) => (flags.has(flag) ? 1 : 0)),
      );
    }
  }
  db.exec('DELETE FROM org_facts_stale');
}
