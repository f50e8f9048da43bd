import { z } from 'zod';
import { daysBetween } from '../rules';
import { atLeast, points } from './format';

/** 书记项目 status, in order. */
export const PROJECT_STATUSES = ['立项', '推进中', '中期评估', '结题验收', '已完成'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const ACCEPTANCE_GRADES = ['优秀', '良好', '一般', '较差'] as const;
export type AcceptanceGrade = (typeof ACCEPTANCE_GRADES)[number];

const pct = (label: string) => z.number({ error: `${label}应为数字` }).min(0, `${label}不能为负数`).max(100, `${label}不超过 100`);

/** 结题验收 “自查 + 上考 + 下评”: weights (percent, sum 100) and grade lines, a setting with defaults. */
export const AcceptanceSettings = z
  .object({
    weights: z.object({ self: pct('自查权重'), superior: pct('上考权重'), masses: pct('下评权重') }),
    thresholds: z.object({ excellent: pct('优秀分数线'), good: pct('良好分数线'), fair: pct('一般分数线') }),
  })
  .refine((s) => Math.abs(s.weights.self + s.weights.superior + s.weights.masses - 100) < 1e-9, { message: '自查、上考、下评权重之和应为 100%', path: ['weights'] })
  .refine((s) => s.thresholds.excellent >= s.thresholds.good && s.thresholds.good >= s.thresholds.fair, {
    message: '分数线应为优秀 ≥ 良好 ≥ 一般',
    path: ['thresholds'],
  });
export type AcceptanceSettings = z.infer<typeof AcceptanceSettings>;

export const DEFAULT_ACCEPTANCE_SETTINGS: AcceptanceSettings = {
  weights: { self: 20, superior: 50, masses: 30 },
  thresholds: { excellent: 90, good: 80, fair: 60 },
};

/** Readable form of the settings: official wording, no symbols. */
export function describeAcceptanceSettings(s: AcceptanceSettings): string[] {
  const t = s.thresholds;
  return [
    `验收得分：自查占${points(s.weights.self)}%、上考占${points(s.weights.superior)}%、下评占${points(s.weights.masses)}%，各项满分100分`,
    `优秀不低于${points(t.excellent)}分，良好不低于${points(t.good)}分，一般不低于${points(t.fair)}分，低于${points(t.fair)}分为较差`,
  ];
}

export interface AcceptanceScores {
  self: number | null;
  superior: number | null;
  masses: number | null;
}

/** THE acceptance rule: the three scores, weighted → 优秀/良好/一般/较差 with the reason in words. */
export function acceptanceGrade(
  sc: AcceptanceScores,
  s: AcceptanceSettings = DEFAULT_ACCEPTANCE_SETTINGS,
): { grade: AcceptanceGrade; score: number; explanation: string } | { grade: null; score: null; explanation: string } {
  const parts = [
    ['自查', sc.self, s.weights.self],
    ['上考', sc.superior, s.weights.superior],
    ['下评', sc.masses, s.weights.masses],
  ] as const;
  const missing = parts.filter(([, x]) => x === null).map(([l]) => l);
  if (missing.length) return { grade: null, score: null, explanation: `未验收：${missing.join('、')}尚未评分` };
  const bad = parts.find(([, x]) => x! < 0 || x! > 100);
  if (bad) return { grade: null, score: null, explanation: `未验收：${bad[0]}得分${points(bad[1]!)}分，应在0至100分之间` };
  const score = parts.reduce((n, [, x, w]) => n + (x! * w) / 100, 0);
  const t = s.thresholds;
  const steps: [AcceptanceGrade, number][] = [
    ['优秀', t.excellent],
    ['良好', t.good],
    ['一般', t.fair],
  ];
  const at = steps.findIndex(([, min]) => atLeast(score, min));
  const grade: AcceptanceGrade = at < 0 ? '较差' : steps[at][0];
  const formula = parts.map(([l, x, w]) => `${l}${points(x!)}分占${points(w)}%`).join('、');
  // Why not one grade higher: the line it missed (优秀: the line it reached).
  const reason = at === 0 ? `达到${points(t.excellent)}分` : `未达${points(steps[at < 0 ? steps.length - 1 : at - 1][1])}分`;
  return { grade, score, explanation: `${points(score)}分，${grade}：${reason}（${formula}）` };
}

/** What a status change needs besides the two statuses. */
export interface ProjectFacts {
  /** 问题、目标、措施 written and at least one milestone. */
  planComplete: boolean;
  midtermNote: boolean;
  graded: boolean;
}

/**
 * THE 书记项目 status rule: 立项 → 推进中 → 中期评估 → 结题验收 → 已完成, one step at a time, or one step
 * back to correct a mistake. Null when allowed, otherwise the reason and what to do.
 */
export function projectTransitionProblem(from: ProjectStatus, to: ProjectStatus, f: ProjectFacts): string | null {
  const step = PROJECT_STATUSES.indexOf(to) - PROJECT_STATUSES.indexOf(from);
  if (step === 0) return `当前已是“${to}”`;
  if (step === -1) return null;
  if (step !== 1) {
    return step < 0
      ? `只能退回一步：“${from}”只能退回到“${PROJECT_STATUSES[PROJECT_STATUSES.indexOf(from) - 1]}”`
      : `不能从“${from}”直接变为“${to}”，下一步应为“${PROJECT_STATUSES[PROJECT_STATUSES.indexOf(from) + 1]}”`;
  }
  if (to === '推进中' && !f.planComplete) return '立项书不完整：请先填写问题、目标、措施，并至少列出一个节点';
  if (to === '结题验收' && !f.midtermNote) return '尚未进行中期评估：请先填写中期评估意见';
  if (to === '已完成' && !f.graded) return '尚未验收：请先录入自查、上考、下评三项得分';
  return null;
}

export const projectNextStatuses = (from: ProjectStatus, f: ProjectFacts) => PROJECT_STATUSES.filter((to) => projectTransitionProblem(from, to, f) === null);

/** 节点逾期: a milestone past its date and not done, while the project is still running. Days, or null. */
export function milestoneOverdueDays(m: { dueDate: string; doneOn: string | null }, projectStatus: ProjectStatus, today: string): number | null {
  if (m.doneOn || projectStatus === '已完成') return null;
  const days = daysBetween(m.dueDate, today);
  return days > 0 ? days : null;
}
