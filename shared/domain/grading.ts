import { z } from 'zod';

/** 等次: the debriefing result, best first. */
export const GRADES = ['好', '较好', '一般', '差'] as const;
export type Grade = (typeof GRADES)[number];

/** Points per vote in the weighted ballot score (domain.md: 好/较好/一般/差 = 4/3/2/1). */
export const GRADE_POINTS: Record<Grade, number> = { 好: 4, 较好: 3, 一般: 2, 差: 1 };

/** One item's tallies on the 民主测评表. */
export interface BallotTally {
  item: string;
  issued: number;
  valid: number;
  good: number;
  fairlyGood: number;
  average: number;
  poor: number;
}

/** One line of the scored checklist (考核指标). */
export interface ChecklistLine {
  indicator: string;
  maxScore: number;
  selfScore: number | null;
  superiorScore: number | null;
  /** 加减分, positive or negative, with its reason. */
  adjustment: number;
  adjustmentReason?: string | null;
}

/**
 * 评定标准: thresholds differ per locality, so they are a setting. Shares are percentages (0–100),
 * scores are points out of 100.
 */
export const GradingSettings = z.object({
  good: z.object({
    minScore: z.number({ error: '“好”的最低得分应为数字' }).min(0).max(100),
    minFavourableShare: z.number({ error: '“好”的好和较好票比例应为数字' }).min(0).max(100),
  }),
  fairlyGood: z.object({
    minScore: z.number({ error: '“较好”的最低得分应为数字' }).min(0).max(100),
    minFavourableShare: z.number({ error: '“较好”的好和较好票比例应为数字' }).min(0).max(100),
  }),
  average: z.object({ minScore: z.number({ error: '“一般”的最低得分应为数字' }).min(0).max(100) }),
  /** 差 when the 差 votes of the overall item exceed this share. */
  poorShareAbove: z.number({ error: '差票比例应为数字' }).min(0).max(100),
  /** How the final score mixes the ballot score and the checklist score when both exist (percent each, sum 100). */
  ballotWeight: z.number({ error: '测评得分权重应为数字' }).min(0).max(100),
});
export type GradingSettings = z.infer<typeof GradingSettings>;

export const DEFAULT_GRADING_SETTINGS: GradingSettings = {
  good: { minScore: 90, minFavourableShare: 80 },
  fairlyGood: { minScore: 80, minFavourableShare: 60 },
  average: { minScore: 60 },
  poorShareAbove: 100 / 3,
  ballotWeight: 40,
};

/** Readable form of a settings set, for the 评定标准 tab and the 工作方案: official wording, no symbols. */
export function describeGradingSettings(s: GradingSettings): string[] {
  return [
    `好：综合得分不低于${num(s.good.minScore)}分，且总体评价“好”和“较好”票不低于${pct(s.good.minFavourableShare)}`,
    `较好：综合得分不低于${num(s.fairlyGood.minScore)}分，且“好”和“较好”票不低于${pct(s.fairlyGood.minFavourableShare)}`,
    `一般：综合得分不低于${num(s.average.minScore)}分`,
    `差：总体评价“差”票超过${pct(s.poorShareAbove)}，或综合得分低于${num(s.average.minScore)}分`,
    `综合得分：只有民主测评时为测评得分；同时有考核指标时，测评得分占${num(s.ballotWeight)}%、考核得分占${num(100 - s.ballotWeight)}%`,
    '测评得分：每个测评项目“好”票计4分、“较好”票计3分、“一般”票计2分、“差”票计1分，按有效票平均后折合百分制，再取各项目的平均值',
  ];
}

export interface ItemFigures {
  item: string;
  /** Shares of the valid votes, percent. */
  shares: Record<Grade, number>;
  favourableShare: number;
  /** Weighted score on the 4-point scale and out of 100. */
  weighted: number;
  score100: number;
}

export type GradeResult =
  | {
      grade: Grade;
      explanation: string;
      score: number;
      ballotScore: number;
      checklistScore: number | null;
      favourableShare: number;
      poorShare: number;
      items: ItemFigures[];
    }
  | { grade: null; explanation: string; items: ItemFigures[] };

const EPS = 1e-9;
const atLeast = (a: number, b: number) => a >= b - EPS;
const above = (a: number, b: number) => a > b + EPS;
/** Points with at most one decimal (93.5, 90). */
const num = (x: number) => String(Math.round(x * 10) / 10);
/** A percentage, truncated to one decimal so that a share shown never looks higher than it is. */
const pct = (x: number) => `${Math.floor(x * 10 + EPS) / 10}%`;

/** An item counts as entered once any grade has votes (发出票/有效票 alone may be pre-filled for every item). */
export const hasVotes = (t: BallotTally) => t.good + t.fairlyGood + t.average + t.poor > 0;

/** Why a tally cannot be used, or null when it is consistent. */
export function tallyProblem(t: BallotTally): string | null {
  const sum = t.good + t.fairlyGood + t.average + t.poor;
  if (t.valid > t.issued) return `“${t.item}”有效票 ${t.valid} 多于发出票 ${t.issued}`;
  if (sum !== t.valid) return `“${t.item}”好、较好、一般、差票数之和 ${sum} 不等于有效票 ${t.valid}`;
  return null;
}

/** Vote shares and weighted score of one item (valid > 0). */
export function itemFigures(t: BallotTally): ItemFigures {
  const share = (n: number) => (t.valid ? (n / t.valid) * 100 : 0);
  const points = t.good * 4 + t.fairlyGood * 3 + t.average * 2 + t.poor;
  const weighted = t.valid ? points / t.valid : 0;
  return {
    item: t.item,
    shares: { 好: share(t.good), 较好: share(t.fairlyGood), 一般: share(t.average), 差: share(t.poor) },
    favourableShare: share(t.good + t.fairlyGood),
    weighted,
    score100: (weighted / 4) * 100,
  };
}

/** Checklist score out of 100: (上级评分, or 自评 when not yet scored, + 加减分) ÷ 分值合计, kept within 0–100. */
export function checklistScore(lines: ChecklistLine[]): { score: number } | { problem: string } {
  let max = 0,
    got = 0;
  for (const l of lines) {
    const s = l.superiorScore ?? l.selfScore;
    if (s === null) return { problem: `考核指标“${l.indicator}”尚未评分` };
    if (s > l.maxScore) return { problem: `考核指标“${l.indicator}”得分 ${s} 超过分值 ${l.maxScore}` };
    if (l.adjustment !== 0 && !l.adjustmentReason?.trim()) return { problem: `考核指标“${l.indicator}”的加减分缺少理由` };
    max += l.maxScore;
    got += s + l.adjustment;
  }
  if (max <= 0) return { problem: '考核指标分值合计为 0' };
  return { score: Math.min(100, Math.max(0, (got / max) * 100)) };
}

/**
 * THE grading rule: ballots (+ the optional checklist) → 等次 by the thresholds in settings, with the
 * sentence shown next to the grade. The first ballot item is the overall item (总体评价) whose votes decide
 * the shares; every item with votes counts toward the ballot score.
 */
export function gradeDebriefer(
  ballots: BallotTally[],
  checklist: ChecklistLine[],
  s: GradingSettings = DEFAULT_GRADING_SETTINGS,
  overallItem = ballots[0]?.item,
): GradeResult {
  const entered = ballots.filter(hasVotes);
  const items = entered.filter((t) => t.valid > 0).map(itemFigures);
  const none = (explanation: string): GradeResult => ({ grade: null, explanation, items });
  if (entered.length === 0) return none('未评定：尚未录入民主测评票数');
  for (const t of entered) {
    const problem = tallyProblem(t);
    if (problem) return none(`未评定：${problem}`);
  }
  const overall = entered.find((t) => t.item === overallItem && t.valid > 0);
  if (!overall) return none(`未评定：“${overallItem ?? '总体评价'}”尚未录入有效票`);

  const o = itemFigures(overall);
  const ballotScore = items.reduce((sum, i) => sum + i.score100, 0) / items.length;
  let checkScore: number | null = null;
  if (checklist.length > 0) {
    const c = checklistScore(checklist);
    if ('problem' in c) return none(`未评定：${c.problem}`);
    checkScore = c.score;
  }
  const score = checkScore === null ? ballotScore : (ballotScore * s.ballotWeight + checkScore * (100 - s.ballotWeight)) / 100;
  const fav = o.favourableShare;
  const poor = o.shares['差'];
  const base = { score, ballotScore, checklistScore: checkScore, favourableShare: fav, poorShare: poor, items };
  // Official wording (it is printed in the 等次结果汇总表): words, no ≥ < symbols, no spaces.
  const scoreText = `得分${num(score)}分`;
  const favText = `好和较好票占${pct(fav)}`;

  if (above(poor, s.poorShareAbove)) {
    return { ...base, grade: '差', explanation: `差：差票占${pct(poor)}，超过${pct(s.poorShareAbove)}` };
  }
  if (atLeast(score, s.good.minScore) && atLeast(fav, s.good.minFavourableShare)) {
    return {
      ...base,
      grade: '好',
      explanation: `好：${scoreText}，不低于${num(s.good.minScore)}分；${favText}，不低于${pct(s.good.minFavourableShare)}`,
    };
  }
  // Why it is not one grade higher, so the committee sees what was missing.
  const missed = (label: string, minScore: number, minFav: number) =>
    !atLeast(score, minScore) ? `未达到“${label}”（${scoreText}，低于${num(minScore)}分）` : `未达到“${label}”（${favText}，低于${pct(minFav)}）`;
  if (atLeast(score, s.fairlyGood.minScore) && atLeast(fav, s.fairlyGood.minFavourableShare)) {
    return {
      ...base,
      grade: '较好',
      explanation: `较好：${scoreText}，不低于${num(s.fairlyGood.minScore)}分；${favText}，不低于${pct(s.fairlyGood.minFavourableShare)}；${missed('好', s.good.minScore, s.good.minFavourableShare)}`,
    };
  }
  if (atLeast(score, s.average.minScore)) {
    return {
      ...base,
      grade: '一般',
      explanation: `一般：${scoreText}，不低于${num(s.average.minScore)}分；${missed('较好', s.fairlyGood.minScore, s.fairlyGood.minFavourableShare)}`,
    };
  }
  return { ...base, grade: '差', explanation: `差：${scoreText}，低于${num(s.average.minScore)}分` };
}

/** The grade that counts: the committee's override (with its reason) wins over the computed one. */
export function finalGrade(
  computed: { grade: Grade | null; explanation: string },
  override: { grade: Grade; reason: string } | null,
): { grade: Grade | null; explanation: string; overridden: boolean } {
  if (!override) return { ...computed, overridden: false };
  const was = computed.grade ? `计算结果为“${computed.grade}”` : '计算结果为未评定';
  return { grade: override.grade, explanation: `${override.grade}：委员会评定（${was}），理由：${override.reason}`, overridden: true };
}
