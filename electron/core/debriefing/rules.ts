import { DEBRIEFER_STATUSES, type DebrieferStatus } from '../../../shared/contract/debriefing';
import { daysBetween } from '../../../shared/domain/rules';

/** What a status change depends on besides the two statuses. */
export interface StatusFacts {
  hasReport: boolean;
  /** A grade exists now (computed from ballots, or the committee's override). */
  hasGrade: boolean;
  rectifications: number;
  openRectifications: number;
}

const rank = (s: DebrieferStatus) => DEBRIEFER_STATUSES.indexOf(s);

/**
 * THE status rule: 待提交 → 已提交报告 → 已述职 → 已评定 → 整改中 → 已完成, one step at a time;
 * 已评定 → 已完成 directly when nothing needs rectifying; one step back to correct a mistake.
 * Returns null when allowed, otherwise the Chinese reason and what to do.
 */
export function transitionProblem(from: DebrieferStatus, to: DebrieferStatus, f: StatusFacts): string | null {
  if (from === to) return `当前已是“${to}”`;
  const step = rank(to) - rank(from);
  // Nothing to rectify: 已评定 ⇄ 已完成 directly, and 整改中 does not apply.
  const skipRectification = f.rectifications === 0 && ((from === '已评定' && to === '已完成') || (from === '已完成' && to === '已评定'));
  if (step === -1 || (step < 0 && skipRectification)) {
    return to === '整改中' && f.rectifications === 0 ? '没有整改事项，应退回到“已评定”' : null;
  }
  if (step !== 1 && !skipRectification) {
    if (step < 0) return `只能退回一步：“${from}”只能退回到“${DEBRIEFER_STATUSES[rank(from) - 1]}”`;
    return `不能从“${from}”直接变为“${to}”，下一步应为“${DEBRIEFER_STATUSES[rank(from) + 1]}”`;
  }
  switch (to) {
    case '已提交报告':
      return f.hasReport ? null : '尚未录入述职报告：请先粘贴报告正文或上传报告文件';
    case '已述职':
      return null;
    case '已评定':
      return f.hasGrade ? null : '尚无等次：请先录入民主测评票数（或由委员会评定等次）';
    case '整改中':
      return f.rectifications > 0 ? null : '尚无整改事项：请先在“问题整改”中添加问题';
    case '已完成':
      return f.openRectifications > 0 ? `还有 ${f.openRectifications} 项整改未完成，全部完成后才能办结` : null;
    default:
      return null;
  }
}

/** Statuses the debriefer may move to now, for the buttons. */
export function nextStatuses(from: DebrieferStatus, f: StatusFacts): DebrieferStatus[] {
  return DEBRIEFER_STATUSES.filter((to) => to !== from && transitionProblem(from, to, f) === null);
}

/** Statuses at which the ballots are final and the grade is frozen. */
export const isGraded = (s: DebrieferStatus) => rank(s) >= rank('已评定');

/** 逾期: past its deadline and not done. Days overdue, or null when not overdue. */
export function overdueDays(item: { deadline: string | null; status: string }, today: string): number | null {
  if (!item.deadline || item.status === '已完成') return null;
  const days = daysBetween(item.deadline, today);
  return days > 0 ? days : null;
}
