import { coverageMembership } from '../../../shared/domain/coverage';
import { RULE_FLAGS, ruleFlags, type RuleFlag, type TermSettings } from '../../../shared/domain/rules';
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

export const COVERAGE_KEYS = Object.keys(COVERAGE_COLUMNS) as (keyof typeof COVERAGE_COLUMNS)[];
/** The 0/1 columns in the order of their bits in factBits (also the order of the index org_facts_overview after street and category). */
export const BIT_COLUMNS = [...COVERAGE_KEYS.map((k) => COVERAGE_COLUMNS[k]), ...RULE_FLAGS.map((f) => FLAG_COLUMNS[f])];
/** Every column but the key; a row is rewritten only when one of them changes (writing, with its indexes, costs more than working out). */
const WRITTEN = ['current', 'street', 'category', ...BIT_COLUMNS];
/** What the rules read of an organisation, in the order the SQL function below takes them. */
const RULE_INPUTS = ['operating_status', 'dissolved_at', 'po_built', 'po_type', 'po_formation', 'po_term_end', 'full_members', 'probationary_members', 'has_active_assignment'] as const;

/** One organisation's coverage memberships and rule flags as bits (BIT_COLUMNS order), from the same rule functions the detail page uses. */
function factBits(r: OrgFactsRow, today: string, terms: TermSettings): number {
  const f = toFacts(r);
  const m = coverageMembership(f);
  let bits = 0;
  COVERAGE_KEYS.forEach((k, i) => {
    if (m[k]) bits |= 1 << i;
  });
  for (const flag of ruleFlags(f, today, terms)) bits |= 1 << (COVERAGE_KEYS.length + RULE_FLAGS.indexOf(flag));
  return bits;
}

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

/**
 * Registers lx_fact_bits (the rule functions over one row's RULE_INPUTS, as of `today`) on the connection and
 * returns its call over the columns of `alias`: SQL can then count organisations by their facts without the
 * rows crossing into JavaScript.
 */
export function factBitsSql(db: Db, today: string, terms: TermSettings, alias: string): string {
  db.function('lx_fact_bits', { varargs: true }, (...values: unknown[]) =>
    factBits(Object.fromEntries(RULE_INPUTS.map((k, i) => [k, values[i]])) as OrgFactsRow, today, terms),
  );
  return `lx_fact_bits(${RULE_INPUTS.map((k) => `${alias}.${k}`).join(', ')})`;
}

/** Where a coverage membership sits in lx_fact_bits. */
export const coverageBit = (k: keyof typeof COVERAGE_COLUMNS) => 1 << COVERAGE_KEYS.indexOf(k);

/**
 * Works out every stale organisation in one statement: SQLite reads the rows and writes org_facts, calling the
 * rule functions through lx_fact_bits once per organisation (the MATERIALIZED CTE keeps it to once), so no row
 * crosses into JavaScript as an object; only rows whose facts changed are written.
 */
function recomputeStale(db: Db, today: string, terms: TermSettings): void {
  db.prepare(
    `WITH x AS MATERIALIZED (
       SELECT r.id, r.dissolved_at IS NULL AS current, r.street, r.category, ${factBitsSql(db, today, terms, 'r')} AS bits
       FROM (${orgFactsSelect('@today')} WHERE o.id IN (SELECT organization_id FROM org_facts_stale)) r)
     INSERT INTO org_facts (organization_id, current, street, category, ${BIT_COLUMNS.join(', ')})
     SELECT id, current, street, category, ${BIT_COLUMNS.map((_, i) => `(bits >> ${i}) & 1`).join(', ')} FROM x WHERE true
     ON CONFLICT (organization_id) DO UPDATE SET ${WRITTEN.map((c) => `${c} = excluded.${c}`).join(', ')}
     WHERE ${WRITTEN.map((c) => `${c} <> excluded.${c}`).join(' OR ')}`,
  ).run({ today });
  db.exec('DELETE FROM org_facts_stale');
}
