import { describe, expect, it } from 'vitest';
import { acceptanceGrade, AcceptanceSettings, DEFAULT_ACCEPTANCE_SETTINGS, projectTransitionProblem, milestoneOverdueDays } from '../../shared/domain/honours/secretaryProjects';
import { MODEL_ITEMS, modelCheckResult } from '../../shared/domain/honours/modelOrgs';
import { DEFAULT_RATING_SETTINGS, DEFAULT_VETOES, RatingSettings, describeRatingSettings, parseStars, projectItemScore, rateOrganisation, withProjectItems } from '../../shared/domain/honours/starRating';
import { conversionRate, weakOverdueDays } from '../../shared/domain/honours/weakOrgs';

/** Scores summing to `total`: full points on every item, the shortfall taken off the first items. */
function scoresFor(total: number): Record<string, number> {
  let short = 100 - total;
  const out: Record<string, number> = {};
  for (const item of DEFAULT_RATING_SETTINGS.items) {
    const off = Math.min(short, item.points);
    out[item.key] = item.points - off;
    short -= off;
  }
  return out;
}

describe('star rating (default thresholds 90/80/70/60)', () => {
  it.each([
    [100, 5, '100分，五星：达到90分'],
    [90, 5, '90分，五星：达到90分'],
    [89.5, 4, '89.5分，四星：未达90分'],
    [87, 4, '87分，四星：未达90分'],
    [80, 4, '80分，四星：未达90分'],
    [79.5, 3, '79.5分，三星：未达80分'],
    [70, 3, '70分，三星：未达80分'],
    [69, 2, '69分，二星：未达70分'],
    [60, 2, '60分，二星：未达70分'],
    [59.5, 1, '59.5分，一星：未达60分'],
    [0, 1, '0分，一星：未达60分'],
  ])('%s points → %s stars, “%s”', (total, stars, explanation) => {
    const r = rateOrganisation(scoresFor(total), []);
    expect(r).toMatchObject({ stars, score: total, explanation, weakCandidate: stars === 1, vetoed: [] });
  });

  it.each(DEFAULT_VETOES.map((v) => [v]))('veto “%s” makes one star whatever the score, and a 软弱涣散 candidate', (veto) => {
    const r = rateOrganisation(scoresFor(95), [veto]);
    expect(r).toEqual({ stars: 1, score: 95, vetoed: [veto], weakCandidate: true, explanation: `95分，一星：一票否决（${veto}）` });
  });

  it('names every failed veto, ignores unknown ones, and decides even before all items are scored', () => {
    expect(rateOrganisation(scoresFor(95), ['党员管理混乱', '班子不健全', '不存在的事项']).explanation).toBe('95分，一星：一票否决（班子不健全、党员管理混乱）');
    expect(rateOrganisation({ a1: 5 }, ['班子不健全'])).toMatchObject({ stars: 1, explanation: '一星：一票否决（班子不健全）' });
    expect(rateOrganisation(scoresFor(95), ['不存在的事项']).stars).toBe(5);
  });

  it('leaves an organisation unrated while an item is unscored or out of range, naming the item', () => {
    const s = scoresFor(90);
    expect(rateOrganisation({ ...s, c1: null }, [])).toMatchObject({ stars: null, explanation: '未评定：““三会一课”落实”尚未评分' });
    expect(rateOrganisation({ ...s, a2: 6 }, [])).toMatchObject({ stars: null, explanation: '未评定：“按期换届”得分6分，应在0至5分之间' });
  });

  it('uses the round’s own thresholds', () => {
    const strict = { ...DEFAULT_RATING_SETTINGS, thresholds: { five: 95, four: 85, three: 75, two: 65 } };
    expect(rateOrganisation(scoresFor(90), [], strict).explanation).toBe('90分，四星：未达95分');
    expect(rateOrganisation(scoresFor(64), [], strict).explanation).toBe('64分，一星：未达65分');
  });

  it('settings refuse thresholds out of order and duplicate item keys, and read in words', () => {
    expect(RatingSettings.safeParse({ ...DEFAULT_RATING_SETTINGS, thresholds: { five: 80, four: 90, three: 70, two: 60 } }).success).toBe(false);
    expect(RatingSettings.safeParse({ ...DEFAULT_RATING_SETTINGS, items: [DEFAULT_RATING_SETTINGS.items[0], DEFAULT_RATING_SETTINGS.items[0]] }).success).toBe(false);
    expect(describeRatingSettings(DEFAULT_RATING_SETTINGS)).toEqual([
      '满分100分：组织设置15分，班子队伍20分，组织生活25分，制度落实20分，作用发挥20分',
      '五星不低于90分，四星不低于80分，三星不低于70分，二星不低于60分，低于60分为一星',
      '一票否决（直接评为一星）：班子不健全、一年以上未开展组织生活、党员管理混乱',
      '一星或被一票否决的党组织列为软弱涣散党组织候选，经确认后进行整顿',
    ]);
  });
});

describe('整顿转化率', () => {
  it('is converted ÷ identified, with both numbers in words', () => {
    expect(conversionRate(['已转化', '已转化', '整顿中', '未转化'])).toEqual({
      identified: 4,
      converted: 2,
      rate: 0.5,
      explanation: '整顿转化率50.0%（确定整顿4个，已转化2个）',
    });
    expect(conversionRate(['已转化', '已转化', '已转化']).rate).toBe(1);
    expect(conversionRate([])).toEqual({ identified: 0, converted: 0, rate: null, explanation: '整顿转化率—（本年度未确定软弱涣散党组织）' });
  });

  it('an item still 整顿中 after its deadline is overdue; a closed one never is', () => {
    expect(weakOverdueDays({ status: '整顿中', deadline: '2026-11-20' }, '2026-11-22')).toBe(2);
    expect(weakOverdueDays({ status: '整顿中', deadline: '2026-11-22' }, '2026-11-22')).toBeNull();
    expect(weakOverdueDays({ status: '未转化', deadline: '2026-01-01' }, '2026-11-22')).toBeNull();
    expect(weakOverdueDays({ status: '整顿中', deadline: null }, '2026-11-22')).toBeNull();
  });
});

describe('双强六好 check', () => {
  const all = (met: boolean | null) => MODEL_ITEMS.map((item) => ({ item, met }));
  it('passes only when all eight points are met, naming what is missing', () => {
    expect(modelCheckResult(all(true))).toEqual({ passed: true, explanation: '符合：双强六好八项均达到' });
    const two = all(true).map((c) => (c.item === '企业文化好' || c.item === '社会评价好' ? { ...c, met: false } : c));
    expect(modelCheckResult(two)).toEqual({ passed: false, explanation: '不符合：企业文化好、社会评价好未达到' });
    expect(modelCheckResult(all(true).slice(0, 7))).toEqual({ passed: null, explanation: '未核查完：社会评价好尚未核查' });
    expect(modelCheckResult(all(null)).passed).toBeNull();
  });
});

describe('书记项目 acceptance (自查 20% + 上考 50% + 下评 30%; 优秀 90, 良好 80, 一般 60)', () => {
  it.each([
    [100, 100, 100, '优秀', '100分，优秀：达到90分（自查100分占20%、上考100分占50%、下评100分占30%）'],
    [90, 90, 90, '优秀', '90分，优秀：达到90分（自查90分占20%、上考90分占50%、下评90分占30%）'],
    [95, 85, 90, '良好', '88.5分，良好：未达90分（自查95分占20%、上考85分占50%、下评90分占30%）'],
    [80, 80, 80, '良好', '80分，良好：未达90分（自查80分占20%、上考80分占50%、下评80分占30%）'],
    [79, 80, 80, '一般', '79.8分，一般：未达80分（自查79分占20%、上考80分占50%、下评80分占30%）'],
    [60, 60, 60, '一般', '60分，一般：未达80分（自查60分占20%、上考60分占50%、下评60分占30%）'],
    [90, 50, 60, '一般', '61分，一般：未达80分（自查90分占20%、上考50分占50%、下评60分占30%）'],
    [59, 59, 59, '较差', '59分，较差：未达60分（自查59分占20%、上考59分占50%、下评59分占30%）'],
  ])('自查 %s 上考 %s 下评 %s', (self, superior, masses, grade, explanation) => {
    const r = acceptanceGrade({ self, superior, masses });
    expect([r.grade, r.explanation]).toEqual([grade, explanation]);
  });

  it('uses the weights in settings, and they must sum to 100', () => {
    const even = { ...DEFAULT_ACCEPTANCE_SETTINGS, weights: { self: 0, superior: 50, masses: 50 } };
    expect(acceptanceGrade({ self: 0, superior: 90, masses: 90 }, even)).toMatchObject({ grade: '优秀', score: 90 });
    expect(AcceptanceSettings.safeParse({ ...DEFAULT_ACCEPTANCE_SETTINGS, weights: { self: 30, superior: 50, masses: 30 } }).success).toBe(false);
  });

  it('waits for all three scores and refuses scores outside 0–100', () => {
    expect(acceptanceGrade({ self: 90, superior: null, masses: null })).toEqual({ grade: null, score: null, explanation: '未验收：上考、下评尚未评分' });
    expect(acceptanceGrade({ self: 120, superior: 90, masses: 90 }).explanation).toBe('未验收：自查得分120分，应在0至100分之间');
  });
});

describe('书记项目 status', () => {
  const ready = { planComplete: true, midtermNote: true, graded: true };
  it('moves one step at a time with what each step needs', () => {
    expect(projectTransitionProblem('立项', '推进中', ready)).toBeNull();
    expect(projectTransitionProblem('立项', '推进中', { ...ready, planComplete: false })).toBe('立项书不完整：请先填写问题、目标、措施，并至少列出一个节点');
    expect(projectTransitionProblem('中期评估', '结题验收', { ...ready, midtermNote: false })).toBe('尚未进行中期评估：请先填写中期评估意见');
    expect(projectTransitionProblem('结题验收', '已完成', { ...ready, graded: false })).toBe('尚未验收：请先录入自查、上考、下评三项得分');
    expect(projectTransitionProblem('立项', '中期评估', ready)).toBe('不能从“立项”直接变为“中期评估”，下一步应为“推进中”');
    expect(projectTransitionProblem('已完成', '结题验收', ready)).toBeNull();
    expect(projectTransitionProblem('已完成', '推进中', ready)).toBe('只能退回一步：“已完成”只能退回到“结题验收”');
  });

  it('a milestone past its date and not done is overdue while the project runs', () => {
    expect(milestoneOverdueDays({ dueDate: '2026-11-01', doneOn: null }, '推进中', '2026-11-22')).toBe(21);
    expect(milestoneOverdueDays({ dueDate: '2026-11-01', doneOn: '2026-11-02' }, '推进中', '2026-11-22')).toBeNull();
    expect(milestoneOverdueDays({ dueDate: '2026-11-01', doneOn: null }, '已完成', '2026-11-22')).toBeNull();
  });
});

describe('a checklist item scored from the 书记项目', () => {
  it.each([
    ['优秀', 10],
    ['良好', 8],
    ['一般', 6],
    ['较差', 0],
  ] as const)('%s earns %s of 10 points', (grade, pts) => {
    expect(projectItemScore(grade, 10)).toBe(pts);
    const s = { ...DEFAULT_RATING_SETTINGS, items: DEFAULT_RATING_SETTINGS.items.map((i) => (i.key === 'e2' ? { ...i, fromProject: true } : i)) };
    expect(withProjectItems({ e2: 3, a1: 7 }, s, grade)).toEqual({ e2: pts, a1: 7 });
    expect(withProjectItems({ e2: 3 }, s, null)).toEqual({ e2: 3 });
  });
});

describe('stars as written in a spreadsheet', () => {
  it.each([
    ['五星', 5],
    ['四星级', 4],
    ['★★★', 3],
    ['２', 2],
    ['1星', 1],
    ['3.0', 3],
    ['优秀', null],
    ['6', null],
    ['', null],
  ] as const)('“%s” → %s', (text, stars) => expect(parseStars(text)).toBe(stars));
});
