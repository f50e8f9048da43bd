import { daysBetween } from './rules';

/** 指导员职责: at least one visit per assigned organisation per period (domain.md: a quarter; a setting). */
export interface VisitDutySettings {
  /** Months allowed between two visits to one assigned organisation (3 = one per quarter). */
  intervalMonths: number;
}
export const DEFAULT_VISIT_DUTY: VisitDutySettings = { intervalMonths: 3 };

/** The date `months` later, clamped to the month's last day (30 Nov + 3 months → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * When the next visit under an assignment is due: one period after the last visit made under it, or one
 * period after the assignment started when there has been none (a new assignment is not overdue at once).
 */
export function visitDueDate(assignmentStart: string, lastVisit: string | null, s: VisitDutySettings = DEFAULT_VISIT_DUTY): string {
  const from = lastVisit && lastVisit >= assignmentStart ? lastVisit : assignmentStart;
  return addMonths(from, s.intervalMonths);
}

/** 走访逾期: days past the due date, or null when the visit is not yet due. */
export function visitOverdueDays(assignmentStart: string, lastVisit: string | null, today: string, s: VisitDutySettings = DEFAULT_VISIT_DUTY): number | null {
  const late = daysBetween(visitDueDate(assignmentStart, lastVisit, s), today);
  return late > 0 ? late : null;
}
