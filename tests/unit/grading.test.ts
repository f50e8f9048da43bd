import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRADING_SETTINGS,
  checklistScore,
  describeGradingSettings,
  finalGrade,
  gradeDebriefer,
  itemFigures,
  type BallotTally,
  type ChecklistLine,
  type GradingSettings,
} from '../../shared/domain/grading';

/** One 总体评价 tally; valid = the sum, issued = valid unless given. */
const overall = (good: number, fairlyGood: number, average: number, poor: number, issued?: number): BallotTally => {
  const valid = good + fairlyGood + average + poor;
  return { item: '总体评价', issued: issued ?? valid, valid, good, fairlyGood, average, poor };
};
const aspect = (item: string, good: number, fairlyGood: number, average: number, poor: number): BallotTally => ({
  ...overall(good, fairlyGood, average, poor),
  item,
});
const settings = (patch: Partial<GradingSettings>): GradingSettings => ({ ...DEFAULT_GRADING_SETTINGS, ...patch });
const line = (maxScore: number, superiorScore: number | null, patch: Partial<ChecklistLine> = {}): ChecklistLine => ({
  indicator: '组织建设',
  maxScore,
  selfScore: null,
  superiorScore,
  adjustment: 0,
  adjustmentReason: null,
  ...patch,
});

describe('ballot figures', () => {
  it('computes vote shares and the 4/3/2/1 weighted score', () => {
    // 5 好, 3 较好, 1 一般, 1 差 of 10: (20 + 9 + 2 + 1) / 10 = 3.2 → 80 out of 100
    const f = itemFigures(overall(5, 3, 1, 1));
    expect(f.shares).toEqual({ 好: 50, 较好: 30, 一般: 10, 差: 10 });
    expect(f.favourableShare).toBe(80);
    expect(f.weighted).toBeCloseTo(3.2, 10);
    expect(f.score100).toBeCloseTo(80, 10);
  });
});

describe('gradeDebriefer: 好', () => {
  it('is 好 exactly at 90 points and 80% 好/较好 votes', () => {
    // 8 好 + 2 一般 of 10: (32 + 4) / 40 = 90 points; 好和较好 8/10 = 80%
    const r = gradeDebriefer([overall(8, 0, 2, 0)], []);
    expect(r.grade).toBe('好');
    expect(r.explanation).toBe('好：得分90分，不低于90分；好和较好票占80%，不低于80%');
  });

  it('writes the explanation like the issue’s example', () => {
    // 40 好, 3 较好, 7 一般 of 50: (160 + 9 + 14) / 200 = 91.5; 43/50 = 86%
    expect(gradeDebriefer([overall(40, 3, 7, 0)], []).explanation).toBe('好：得分91.5分，不低于90分；好和较好票占86%，不低于80%');
  });

  it('falls to 较好 just under 90 points and says what was missing', () => {
    // 7 好, 1 较好, 2 一般: (28 + 3 + 4) / 40 = 87.5; 80%
    const r = gradeDebriefer([overall(7, 1, 2, 0)], []);
    expect(r.grade).toBe('较好');
    expect(r.explanation).toBe('较好：得分87.5分，不低于80分；好和较好票占80%，不低于60%；未达到“好”（得分87.5分，低于90分）');
  });

  it('falls to 较好 with enough points but the 好/较好 share just under the threshold', () => {
    // Threshold 好 ≥ 85 points: 7 好 + 3 一般 = (28 + 6) / 40 = 85 points, but only 70% < 80%
    const r = gradeDebriefer([overall(7, 0, 3, 0)], [], settings({ good: { minScore: 85, minFavourableShare: 80 } }));
    expect(r.grade).toBe('较好');
    expect(r.explanation).toContain('未达到“好”（好和较好票占70%，低于80%）');
  });
});

describe('gradeDebriefer: 较好 and 一般', () => {
  it('is 较好 exactly at 80 points and 60%', () => {
    // 6 好 + 4 一般: (24 + 8) / 40 = 80; 60%
    const r = gradeDebriefer([overall(6, 0, 4, 0)], []);
    expect(r.grade).toBe('较好');
    expect(r.explanation.startsWith('较好：得分80分，不低于80分；好和较好票占60%，不低于60%')).toBe(true);
  });

  it('is 一般 with 80 points when the 好/较好 share is just under 60%', () => {
    // 较好 threshold raised to 61%: the same 60% ballot misses it by one point of share
    const r = gradeDebriefer([overall(6, 0, 4, 0)], [], settings({ fairlyGood: { minScore: 80, minFavourableShare: 61 } }));
    expect(r.grade).toBe('一般');
    expect(r.explanation).toBe('一般：得分80分，不低于60分；未达到“较好”（好和较好票占60%，低于61%）');
  });

  it('is 一般 just under 80 points', () => {
    // 4 好, 3 较好, 3 一般: (16 + 9 + 6) / 40 = 77.5; 70%
    const r = gradeDebriefer([overall(4, 3, 3, 0)], []);
    expect(r.grade).toBe('一般');
    expect(r.explanation).toBe('一般：得分77.5分，不低于60分；未达到“较好”（得分77.5分，低于80分）');
  });

  it('is 一般 exactly at 60 points', () => {
    // 4 较好 + 6 一般: (12 + 12) / 40 = 60
    const r = gradeDebriefer([overall(0, 4, 6, 0)], []);
    expect(r.grade).toBe('一般');
    expect(r.explanation.startsWith('一般：得分60分，不低于60分')).toBe(true);
  });
});

describe('gradeDebriefer: 差', () => {
  it('is 差 under 60 points', () => {
    // all 一般: 2 / 4 = 50 points, no 差 votes
    const r = gradeDebriefer([overall(0, 0, 10, 0)], []);
    expect(r.grade).toBe('差');
    expect(r.explanation).toBe('差：得分50分，低于60分');
  });

  it('is not 差 when 差 votes are exactly one third', () => {
    // 20 好 + 10 差 of 30: exactly 1/3 差 does not exceed one third; (80 + 10) / 120 = 75 → 一般
    const r = gradeDebriefer([overall(20, 0, 0, 10)], []);
    expect(r.grade).toBe('一般');
  });

  it('is 差 as soon as 差 votes exceed one third, whatever the score', () => {
    // 20 好 + 11 差 of 31: 35.4% > 33.3%
    const r = gradeDebriefer([overall(20, 0, 0, 11)], []);
    expect(r.grade).toBe('差');
    expect(r.explanation).toBe('差：差票占35.4%，超过33.3%');
  });

  it('lets a locality set its own 差 share', () => {
    // 2 差 of 10 = 20% > 15%
    const r = gradeDebriefer([overall(8, 0, 0, 2)], [], settings({ poorShareAbove: 15 }));
    expect(r.grade).toBe('差');
  });
});

describe('gradeDebriefer: missing or inconsistent ballots', () => {
  it('gives no grade without ballots, with the reason', () => {
    const r = gradeDebriefer([], []);
    expect(r.grade).toBeNull();
    expect(r.explanation).toBe('未评定：尚未录入民主测评票数');
  });

  it('treats an all-zero tally as not entered', () => {
    expect(gradeDebriefer([overall(0, 0, 0, 0)], []).grade).toBeNull();
  });

  it('ignores items whose 发出票/有效票 are pre-filled but have no votes yet', () => {
    const prefilled = { item: '党员教育管理', issued: 10, valid: 10, good: 0, fairlyGood: 0, average: 0, poor: 0 };
    const r = gradeDebriefer([overall(8, 0, 2, 0), prefilled], []);
    expect(r.grade).toBe('好');
    expect(r.items.map((i) => i.item)).toEqual(['总体评价']);
  });

  it('refuses tallies whose grades do not add up to the valid votes', () => {
    const r = gradeDebriefer([{ item: '总体评价', issued: 30, valid: 30, good: 20, fairlyGood: 5, average: 3, poor: 0 }], []);
    expect(r.grade).toBeNull();
    expect(r.explanation).toBe('未评定：“总体评价”好、较好、一般、差票数之和 28 不等于有效票 30');
  });

  it('refuses more valid than issued votes', () => {
    const r = gradeDebriefer([overall(10, 0, 0, 0, 8)], []);
    expect(r.explanation).toBe('未评定：“总体评价”有效票 10 多于发出票 8');
  });

  it('needs the overall item even when aspect items are entered', () => {
    const r = gradeDebriefer([aspect('加强组织建设', 10, 0, 0, 0)], [], DEFAULT_GRADING_SETTINGS, '总体评价');
    expect(r.grade).toBeNull();
    expect(r.explanation).toBe('未评定：“总体评价”尚未录入有效票');
  });
});

describe('gradeDebriefer: several items and the checklist', () => {
  it('averages the items for the score but takes the shares from the overall item', () => {
    // overall 8 好 + 2 一般 = 90 (80%); aspect all 一般 = 50 → score 70, share still 80% → 一般
    const r = gradeDebriefer([overall(8, 0, 2, 0), aspect('党员教育管理', 0, 0, 10, 0)], []);
    expect(r.grade).toBe('一般');
    if (r.grade) expect(r.score).toBeCloseTo(70, 10);
  });

  it('mixes ballot and checklist scores by the ballot weight', () => {
    // ballot 90; checklist 上级评分 40 of 50 = 80; 40% × 90 + 60% × 80 = 84 → 较好
    const r = gradeDebriefer([overall(8, 0, 2, 0)], [line(50, 40)]);
    expect(r.grade).toBe('较好');
    if (r.grade) {
      expect(r.checklistScore).toBeCloseTo(80, 10);
      expect(r.score).toBeCloseTo(84, 10);
    }
  });

  it('uses 自评 until the superior has scored, and adds 加减分 with a reason', () => {
    expect(checklistScore([line(50, null, { selfScore: 45 }), line(50, 40, { adjustment: 5, adjustmentReason: '获评市级示范点' })])).toEqual({ score: 90 });
  });

  it('takes 上级评分 over 自评 once the superior has scored', () => {
    // Self 50 of 50, superior 40: the superior's 40 counts → 80; self 30 of 50 with superior 45 → 90.
    expect(checklistScore([line(50, 40, { selfScore: 50 })])).toEqual({ score: 80 });
    expect(checklistScore([line(50, 45, { selfScore: 30 }), line(50, 45, { selfScore: 50 })])).toEqual({ score: 90 });
  });

  it('keeps the checklist score within 0–100', () => {
    expect(checklistScore([line(10, 10, { adjustment: 5, adjustmentReason: '加分' })])).toEqual({ score: 100 });
    expect(checklistScore([line(10, 0, { adjustment: -5, adjustmentReason: '减分' })])).toEqual({ score: 0 });
  });

  it('gives no grade while a checklist line is unscored or an adjustment has no reason', () => {
    expect(gradeDebriefer([overall(8, 0, 2, 0)], [line(50, null)]).explanation).toBe('未评定：考核指标“组织建设”尚未评分');
    expect(gradeDebriefer([overall(8, 0, 2, 0)], [line(50, 40, { adjustment: -2 })]).explanation).toBe('未评定：考核指标“组织建设”的加减分缺少理由');
  });
});

describe('finalGrade: committee override', () => {
  it('keeps the computed grade without an override', () => {
    expect(finalGrade({ grade: '较好', explanation: 'x' }, null)).toEqual({ grade: '较好', explanation: 'x', overridden: false });
  });

  it('puts the committee’s grade and reason first and keeps the computed one in the sentence', () => {
    const r = finalGrade({ grade: '好', explanation: 'x' }, { grade: '较好', reason: '年内发生安全生产事故' });
    expect(r).toEqual({ grade: '较好', explanation: '较好：委员会评定（计算结果为“好”），理由：年内发生安全生产事故', overridden: true });
  });

  it('can grade a debriefer that has no ballots', () => {
    expect(finalGrade({ grade: null, explanation: '未评定' }, { grade: '一般', reason: '未召开测评会' }).grade).toBe('一般');
  });
});

describe('settings text', () => {
  it('describes the default thresholds in words', () => {
    const text = describeGradingSettings(DEFAULT_GRADING_SETTINGS);
    expect(text[0]).toBe('好：综合得分不低于90分，且总体评价“好”和“较好”票不低于80%');
    expect(text[3]).toBe('差：总体评价“差”票超过33.3%，或综合得分低于60分');
  });
});
