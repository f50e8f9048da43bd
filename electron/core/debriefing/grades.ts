import type { DebrieferStatus } from '../../../shared/contract/debriefing';
import {
  DEFAULT_GRADING_SETTINGS,
  finalGrade,
  gradeDebriefer,
  GradingSettings,
  type BallotTally,
  type ChecklistLine,
  type Grade,
  type GradeResult,
} from '../../../shared/domain/grading';
import type { Db } from '../db/driver';
import { getSetting } from '../settings/settings';
import { isGraded } from './rules';

export const GRADING_SETTINGS_KEY = 'debriefing.grading';

export const gradingSettings = (db: Db): GradingSettings => getSetting(db, GRADING_SETTINGS_KEY, GradingSettings, DEFAULT_GRADING_SETTINGS);

export interface StoredGrade {
  status: DebrieferStatus;
  computed_grade: string | null;
  computed_explanation: string | null;
  computed_score: number | null;
  override_grade: string | null;
  override_reason: string | null;
}

export interface GradeView {
  grade: Grade | null;
  explanation: string;
  overridden: boolean;
  score: number | null;
  /** Before the override: frozen at 已评定, live before that. */
  computed: { grade: Grade | null; explanation: string };
  live: GradeResult;
}

/** The grade of one debriefer: frozen once graded (thresholds may change later), live before; override on top. */
export function gradeView(row: StoredGrade, ballots: BallotTally[], checklist: ChecklistLine[], items: string[], s: GradingSettings): GradeView {
  const live = gradeDebriefer(ordered(ballots, items), checklist, s, items[0]);
  const frozen = isGraded(row.status) && row.computed_explanation !== null;
  const computed = frozen
    ? { grade: row.computed_grade as Grade | null, explanation: row.computed_explanation! }
    : { grade: live.grade, explanation: live.explanation };
  const score = frozen ? row.computed_score : live.grade ? live.score : null;
  const override = row.override_grade ? { grade: row.override_grade as Grade, reason: row.override_reason ?? '' } : null;
  return { ...finalGrade(computed, override), score, computed, live };
}

/** Tallies in the cycle's item order (the first is the overall item). */
function ordered(ballots: BallotTally[], items: string[]): BallotTally[] {
  const pos = (t: BallotTally) => {
    const i = items.indexOf(t.item);
    return i < 0 ? items.length : i;
  };
  return [...ballots].sort((a, b) => pos(a) - pos(b));
}
