import { z } from 'zod';
import { atLeast, points } from './format';
import type { AcceptanceGrade } from './secretaryProjects';

/** 评星定级: areas of the checklist (domain.md), in printed order. */
export const RATING_AREAS = ['组织设置', '班子队伍', '组织生活', '制度落实', '作用发挥'] as const;
export type RatingArea = (typeof RATING_AREAS)[number];

export const STARS = [5, 4, 3, 2, 1] as const;
export type Stars = (typeof STARS)[number];
export const STAR_LABELS: Record<Stars, string> = { 5: '五星', 4: '四星', 3: '三星', 2: '二星', 1: '一星' };
export const starSigns = (n: number) => '★'.repeat(n);

const pts = (label: string) => z.number({ error: `${label}应为数字` }).min(0, `${label}不能为负数`).max(100, `${label}不超过 100`);

export const RatingItem = z.object({
  /** Stable key of the item within a round (scores are stored under it). */
  key: z.string().trim().regex(/^[a-z0-9]{1,12}$/, '指标编号只能是小写字母和数字'),
  area: z.enum(RATING_AREAS, { error: '请选择指标所属方面' }),
  name: z.string().trim().min(1, '指标名称不能为空').max(60, '指标名称不超过 60 个字'),
  points: pts('分值').refine((x) => x > 0, '分值应大于 0'),
  /** Scored from the secretary's 书记项目 result of the year (projectItemScore) instead of by hand. */
  fromProject: z.boolean().optional(),
});
export type RatingItem = z.infer<typeof RatingItem>;

/** 一票否决 items from domain.md; an office may add its own. */
export const DEFAULT_VETOES = ['班子不健全', '一年以上未开展组织生活', '党员管理混乱'];

/**
 * The checklist and thresholds of one rating round: a setting with a default set, copied into each round
 * and frozen when the round closes, so last year's stars never change.
 */
export const RatingSettings = z
  .object({
    items: z
      .array(RatingItem)
      .min(1, '至少需要一个评分指标')
      .max(40, '评分指标不超过 40 个')
      .refine((xs) => new Set(xs.map((x) => x.key)).size === xs.length, '指标编号不能重复'),
    vetoes: z.array(z.string().trim().min(1, '否决事项不能为空').max(40, '否决事项不超过 40 个字')).max(10, '否决事项不超过 10 个'),
    /** Minimum total points for five, four, three and two stars (below `two` is one star). */
    thresholds: z.object({ five: pts('五星分数线'), four: pts('四星分数线'), three: pts('三星分数线'), two: pts('二星分数线') }),
  })
  .refine((s) => s.thresholds.five >= s.thresholds.four && s.thresholds.four >= s.thresholds.three && s.thresholds.three >= s.thresholds.two, {
    message: '分数线应从五星到二星依次不升高',
    path: ['thresholds'],
  });
export type RatingSettings = z.infer<typeof RatingSettings>;

export const DEFAULT_RATING_SETTINGS: RatingSettings = {
  items: [
    { key: 'a1', area: '组织设置', name: '组织设置规范、隶属关系清晰', points: 10 },
    { key: 'a2', area: '组织设置', name: '按期换届', points: 5 },
    { key: 'b1', area: '班子队伍', name: '书记履职尽责', points: 10 },
    { key: 'b2', area: '班子队伍', name: '班子结构合理、分工明确', points: 10 },
    { key: 'c1', area: '组织生活', name: '“三会一课”落实', points: 15 },
    { key: 'c2', area: '组织生活', name: '主题党日和组织生活会', points: 10 },
    { key: 'd1', area: '制度落实', name: '党员发展和教育管理', points: 10 },
    { key: 'd2', area: '制度落实', name: '党费收缴和阵地建设', points: 10 },
    { key: 'e1', area: '作用发挥', name: '党员先锋模范作用', points: 10 },
    { key: 'e2', area: '作用发挥', name: '服务发展和职工群众', points: 10 },
  ],
  vetoes: DEFAULT_VETOES,
  thresholds: { five: 90, four: 80, three: 70, two: 60 },
};

export const totalPoints = (s: RatingSettings) => s.items.reduce((n, i) => n + i.points, 0);

/** Readable form of a settings set, for the settings tab and the document notes: official wording, no symbols. */
export function describeRatingSettings(s: RatingSettings): string[] {
  const t = s.thresholds;
  return [
    `满分${points(totalPoints(s))}分：${RATING_AREAS.map((a) => [a, s.items.filter((i) => i.area === a).reduce((n, i) => n + i.points, 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([a, n]) => `${a}${points(n)}分`)
      .join('，')}`,
    `五星不低于${points(t.five)}分，四星不低于${points(t.four)}分，三星不低于${points(t.three)}分，二星不低于${points(t.two)}分，低于${points(t.two)}分为一星`,
    s.vetoes.length ? `一票否决（直接评为一星）：${s.vetoes.join('、')}` : '未设一票否决事项',
    ...s.items.filter((i) => i.fromProject).map((i) => `“${i.name}”按书记项目验收结果计分：优秀得满分，良好得80%，一般得60%，较差不得分`),
    '一星或被一票否决的党组织列为软弱涣散党组织候选，经确认后进行整顿',
  ];
}

export type RatingResult =
  | {
      stars: Stars;
      score: number;
      /** The sentence shown next to the stars: “87分，四星：未达90分”. */
      explanation: string;
      vetoed: string[];
      /** 软弱涣散 candidate: one star, or a veto item failed. */
      weakCandidate: boolean;
    }
  | { stars: null; score: null; explanation: string; vetoed: string[]; weakCandidate: boolean };

/**
 * THE star rule: item scores (by key) and failed veto items → stars by the round's thresholds, with the
 * reason in words. A failed veto item makes one star whatever the score; an unscored item leaves the
 * organisation unrated (unless a veto already decides it).
 */
export function rateOrganisation(scores: Record<string, number | null | undefined>, vetoes: string[], s: RatingSettings = DEFAULT_RATING_SETTINGS): RatingResult {
  const vetoed = s.vetoes.filter((v) => vetoes.includes(v));
  let score = 0;
  let missing: string | null = null;
  for (const item of s.items) {
    const x = scores[item.key];
    if (x === null || x === undefined) {
      missing ??= item.name;
      continue;
    }
    if (x < 0 || x > item.points) {
      return { stars: null, score: null, vetoed, weakCandidate: vetoed.length > 0, explanation: `未评定：“${item.name}”得分${points(x)}分，应在0至${points(item.points)}分之间` };
    }
    score += x;
  }
  if (vetoed.length > 0) {
    const lead = missing === null ? `${points(score)}分，` : '';
    return { stars: 1, score, vetoed, weakCandidate: true, explanation: `${lead}一星：一票否决（${vetoed.join('、')}）` };
  }
  if (missing !== null) return { stars: null, score: null, vetoed, weakCandidate: false, explanation: `未评定：“${missing}”尚未评分` };
  const t = s.thresholds;
  const steps: [Stars, number][] = [
    [5, t.five],
    [4, t.four],
    [3, t.three],
    [2, t.two],
  ];
  const at = steps.findIndex(([, min]) => atLeast(score, min));
  const stars: Stars = at < 0 ? 1 : steps[at][0];
  // Why not one star more: the line it missed (five stars: the line it reached).
  const reason = stars === 5 ? `达到${points(t.five)}分` : `未达${points(steps[at < 0 ? steps.length - 1 : at - 1][1])}分`;
  return { stars, score, vetoed, weakCandidate: stars === 1, explanation: `${points(score)}分，${STAR_LABELS[stars]}：${reason}` };
}

/** Share of an item's points a 书记项目 result earns when the item is scored from it. */
export const PROJECT_RESULT_SHARE: Record<AcceptanceGrade, number> = { 优秀: 1, 良好: 0.8, 一般: 0.6, 较差: 0 };

/** THE rule for a checklist item scored from the 书记项目: its points × the result's share (优秀 all, 良好 80% …). */
export const projectItemScore = (grade: AcceptanceGrade, itemPoints: number) => Math.round(itemPoints * PROJECT_RESULT_SHARE[grade] * 10) / 10;

/** The scores with every project-scored item filled from the organisation's 书记项目 result (when it has one). */
export function withProjectItems(scores: Record<string, number | null | undefined>, s: RatingSettings, grade: AcceptanceGrade | null): Record<string, number | null | undefined> {
  if (!grade) return scores;
  const out = { ...scores };
  for (const item of s.items) if (item.fromProject) out[item.key] = projectItemScore(grade, item.points);
  return out;
}

const STAR_WORDS: Record<string, Stars> = { 五: 5, 四: 4, 三: 3, 二: 2, 两: 2, 一: 1 };

/** Stars as offices write them in a spreadsheet: 四星, 四星级, ★★★★, 4, 4星; null when it is none of these. */
export function parseStars(raw: string): Stars | null {
  const t = raw.normalize('NFKC').replace(/\s/g, '');
  if (/^[★☆]+$/.test(t)) {
    const n = [...t].filter((c) => c === '★').length;
    return n >= 1 && n <= 5 ? (n as Stars) : null;
  }
  const m = /^([1-5一二两三四五])(?:\.0+)?(?:星级?|颗星)?$/.exec(t);
  if (!m) return null;
  return STAR_WORDS[m[1]] ?? (Number(m[1]) as Stars);
}
