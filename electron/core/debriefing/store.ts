import type { ChecklistItem, CycleRow, DebrieferStatus, Rectification, RectificationStatus, Tally, Tier } from '../../../shared/contract/debriefing';
import type { Db } from '../db/driver';
import { notFound } from '../errors';
import { overdueDays } from './rules';
import type { StoredGrade } from './grades';

/** Row shapes and batch loads of the debriefing tables (one query per table, never one per debriefer). */

export interface CycleDbRow {
  id: number;
  year: number;
  name: string;
  start_date: string;
  end_date: string;
  ballot_items: string;
  notes: string | null;
  is_sample: number;
}

export interface DebrieferDbRow extends StoredGrade {
  id: number;
  cycle_id: number;
  tier: Tier;
  organization_id: number | null;
  unit_id: number | null;
  name: string;
  person: string | null;
  street: string | null;
  status: DebrieferStatus;
  report_text: string | null;
  report_submitted_on: string | null;
  report_file_name: string | null;
  /** Only in databases from before migration 006, until adopted (attachments/adopt.ts); never opened as given. */
  report_file_path: string | null;
  report_file_id: number | null;
  debriefed_on: string | null;
}

export function loadCycle(db: Db, id: number): CycleDbRow {
  const c = db.prepare('SELECT * FROM debriefing_cycles WHERE id = ?').get(id) as CycleDbRow | undefined;
  if (!c) throw notFound('该述职评议考核');
  return c;
}

export const cycleByYear = (db: Db, year: number) =>
  db.prepare('SELECT * FROM debriefing_cycles WHERE year = ?').get(year) as CycleDbRow | undefined;

export const ballotItemsOf = (c: CycleDbRow): string[] => JSON.parse(c.ballot_items) as string[];

export function toCycleRow(db: Db, c: CycleDbRow): CycleRow {
  const n = db
    .prepare(
      `SELECT COUNT(*) AS total, SUM(CASE WHEN status IN ('已评定', '整改中', '已完成') THEN 1 ELSE 0 END) AS graded FROM debriefers WHERE cycle_id = ?`,
    )
    .get(c.id) as { total: number; graded: number | null };
  return {
    id: c.id,
    year: c.year,
    name: c.name,
    startDate: c.start_date,
    endDate: c.end_date,
    ballotItems: ballotItemsOf(c),
    notes: c.notes,
    debriefers: n.total,
    graded: n.graded ?? 0,
    isSample: c.is_sample === 1,
  };
}

export function loadDebriefer(db: Db, id: number): DebrieferDbRow {
  const d = db.prepare('SELECT * FROM debriefers WHERE id = ?').get(id) as DebrieferDbRow | undefined;
  if (!d) throw notFound('该述职人');
  return d;
}

export const debriefersOf = (db: Db, cycleId: number) =>
  db
    .prepare(
      `SELECT * FROM debriefers WHERE cycle_id = ?
       ORDER BY CASE tier WHEN '两新党组织书记' THEN 0 WHEN '工委成员单位' THEN 1 ELSE 2 END, street, name, id`,
    )
    .all(cycleId) as DebrieferDbRow[];

function groupBy<T extends { debriefer_id: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.debriefer_id) ?? [];
    list.push(r);
    m.set(r.debriefer_id, list);
  }
  return m;
}

interface BallotDbRow {
  debriefer_id: number;
  item: string;
  issued: number;
  valid: number;
  good: number;
  fairly_good: number;
  average: number;
  poor: number;
}
interface ChecklistDbRow {
  debriefer_id: number;
  indicator: string;
  max_score: number;
  self_score: number | null;
  superior_score: number | null;
  adjustment: number;
  adjustment_reason: string | null;
}
interface RectificationDbRow {
  id: number;
  debriefer_id: number;
  problem: string;
  measures: string | null;
  owner: string | null;
  deadline: string | null;
  status: RectificationStatus;
  evidence: string | null;
  completed_on: string | null;
}

const toTally = (r: BallotDbRow): Tally => ({
  item: r.item,
  issued: r.issued,
  valid: r.valid,
  good: r.good,
  fairlyGood: r.fairly_good,
  average: r.average,
  poor: r.poor,
});
const toChecklist = (r: ChecklistDbRow): ChecklistItem => ({
  indicator: r.indicator,
  maxScore: r.max_score,
  selfScore: r.self_score,
  superiorScore: r.superior_score,
  adjustment: r.adjustment,
  adjustmentReason: r.adjustment_reason,
});
export const toRectification = (r: RectificationDbRow, today: string): Rectification => ({
  id: r.id,
  debrieferId: r.debriefer_id,
  problem: r.problem,
  measures: r.measures,
  owner: r.owner,
  deadline: r.deadline,
  status: r.status,
  evidence: r.evidence,
  completedOn: r.completed_on,
  overdue: overdueDays(r, today) !== null,
});

/** Ballots, checklists and rectification items of every debriefer of a cycle (or of one debriefer). */
export function loadParts(db: Db, scope: { cycleId: number } | { debrieferId: number }, today: string) {
  const where = 'cycleId' in scope ? 'debriefer_id IN (SELECT id FROM debriefers WHERE cycle_id = ?)' : 'debriefer_id = ?';
  const key = 'cycleId' in scope ? scope.cycleId : scope.debrieferId;
  const ballots = groupBy(db.prepare(`SELECT * FROM debriefing_ballots WHERE ${where} ORDER BY debriefer_id, position`).all(key) as BallotDbRow[]);
  const checklist = groupBy(db.prepare(`SELECT * FROM debriefing_checklist WHERE ${where} ORDER BY debriefer_id, position`).all(key) as ChecklistDbRow[]);
  const rect = groupBy(
    db.prepare(`SELECT * FROM rectifications WHERE ${where} ORDER BY debriefer_id, deadline IS NULL, deadline, id`).all(key) as RectificationDbRow[],
  );
  return {
    ballots: (id: number) => (ballots.get(id) ?? []).map(toTally),
    checklist: (id: number) => (checklist.get(id) ?? []).map(toChecklist),
    rectifications: (id: number) => (rect.get(id) ?? []).map((r) => toRectification(r, today)),
  };
}
export type Parts = ReturnType<typeof loadParts>;
