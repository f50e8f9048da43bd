import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_SETTINGS } from '../../shared/domain/honours/starRating';
import { MODEL_ITEMS } from '../../shared/domain/honours/modelOrgs';
import { makeUscc } from '../../electron/core/demo/uscc';
import { seededRandom } from '../../electron/core/demo/random';
import { cli } from '../helpers/cli';
import { must, type testCore } from '../helpers/core';
import { coresClosedAfterEach, runStepsTo } from '../helpers/lifecycle';
import { ratingScores } from '../helpers/seed';

// Each test starts from a fresh database brought to the stage it needs (tests run in any order).
let core: ReturnType<typeof testCore>;
const open = coresClosedAfterEach();

const rnd = seededRandom(17);
const docxText = (base64: string) => strFromU8(unzipSync(Buffer.from(base64, 'base64'))['word/document.xml']).replace(/<[^>]+>/g, '');
/** Everything in the honours tables, to show a refused call wrote nothing. */
const snapshot = () =>
  ['rating_rounds', 'ratings', 'weak_orgs', 'model_orgs', 'secretary_projects', 'project_milestones']
    .map((t) => JSON.stringify(core.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
    .join('\n');

async function org(name: string, street: string, partyOrg: 'own' | 'joint' | 'none'): Promise<number> {
  const r = await must(core, 'orgs.save', {
    org: { category: 'enterprise', name, uscc: makeUscc(rnd, '9', '1'), street, operatingStatus: '在营', employees: 40 },
    partyOrg:
      partyOrg === 'none'
        ? { built: false }
        : { built: true, type: partyOrg === 'own' ? '党支部' : '联合党支部', formation: partyOrg === 'own' ? '单独组建' : '联合组建', name: `${name}党支部`, secretaryName: '李秀英' },
  });
  return r.id;
}

/** Full points on every item, less `short` taken off the first items. */
const scores = ratingScores;

const ids: Record<string, number> = {};
let round2025 = 0;
let round2026 = 0;
let weakId = 0;
let modelId = 0;
let pid = 0;

const projectFields = {
  year: 2026,
  organizationId: 0,
  secretary: '李秀英',
  unitName: '衡水恒泰机械有限公司党支部',
  title: '党员先锋岗创建',
  problem: '党员示范作用不明显',
  goal: '创建先锋岗5个',
  measures: '挂牌亮诺，季度考评',
  signedOn: '2026-03-10',
  milestones: [
    { title: '制定方案', dueDate: '2026-04-30', doneOn: '2026-04-20' },
    { title: '完成挂牌', dueDate: '2026-09-30', doneOn: null },
  ],
  midtermNote: null,
};

/** The honours story, step by step: `at(stage)` replays it on a fresh database up to that stage. */
/** 87 → 四星, 95 with a veto → 一星, 55 → 一星, 72 → 三星. */
const scores2025 = () => [
  { organizationId: ids.a, scores: scores(87), vetoes: [] },
  { organizationId: ids.b, scores: scores(95), vetoes: ['一年以上未开展组织生活'] },
  { organizationId: ids.c, scores: scores(55), vetoes: [] },
  { organizationId: ids.d, scores: scores(72), vetoes: [] },
];

const STEPS = {
  /** Four organisations with a party organisation (one joint) on two streets, and one without. */
  orgs: async () => {
    ids.a = await org('衡水恒泰机械有限公司', '河东街道', 'own');
    ids.b = await org('衡水华信电子有限公司', '河东街道', 'joint');
    ids.c = await org('衡水盛世物流有限公司', '河西街道', 'own');
    ids.d = await org('衡水宏远商贸有限公司', '河西街道', 'own');
    ids.none = await org('衡水绿源软件有限公司', '河西街道', 'none');
  },
  round2025: async () => {
    round2025 = (await must(core, 'rating.saveRound', { year: 2025, name: '2025年度评星定级' })).id;
  },
  scored2025: async () => {
    await must(core, 'rating.saveScores', { roundId: round2025, entries: scores2025() });
  },
  /** 2025 closed; the 2026 round on the default checklist. */
  round2026: async () => {
    await must(core, 'rating.close', { id: round2025, closed: true });
    round2026 = (await must(core, 'rating.saveRound', { year: 2026, name: '2026年度评星定级' })).id;
  },
  /** 88 → 四星, 58 → 一星. */
  scored2026: async () => {
    await must(core, 'rating.saveScores', { roundId: round2026, entries: [{ organizationId: ids.a, scores: scores(88), vetoes: [] }, { organizationId: ids.c, scores: scores(58), vetoes: [] }] });
  },
  /** Both 2025 candidates confirmed for 整顿. */
  weakConfirmed: async () => {
    weakId = (await must(core, 'weak.confirm', { year: 2025, organizationId: ids.c, source: '一星', reason: '得分55分，组织生活不正常' })).id;
    await must(core, 'weak.confirm', { year: 2025, organizationId: ids.b, source: '一票否决', reason: '一年以上未开展组织生活' });
  },
  weakPlanned: async () => {
    await must(core, 'weak.save', { id: weakId, problems: '组织生活不正常', plan: '每月主题党日', leader: '王建华', deadline: '2026-06-30', progress: '已补选班子' });
  },
  weakConverted: async () => {
    await must(core, 'weak.close', { id: weakId, status: '已转化', date: '2026-07-10' });
  },
  /** a and d recommended for 2025; a checked on all eight points and named. */
  models: async () => {
    await must(core, 'models.recommend', { year: 2025, organizationIds: [ids.a, ids.d], recommendedBy: '河东街道两新组织党委' });
    modelId = (await must(core, 'models.list', { year: 2025 })).find((m) => m.organizationId === ids.a)!.id;
    await must(core, 'models.saveChecks', { id: modelId, checks: MODEL_ITEMS.slice(0, 6).map((item) => ({ item, met: true, note: '达标' })) });
    await must(core, 'models.saveChecks', { id: modelId, checks: [{ item: '党员队伍好', met: true }, { item: '社会评价好', met: true, note: '获评区文明单位' }] });
    await must(core, 'models.decide', { id: modelId, decision: '命名' });
  },
  /** a's 书记项目 run from 立项 to 已完成, accepted 95/85/90 → 88.5分 良好. */
  project: async () => {
    pid = (await must(core, 'projects.save', { ...projectFields, organizationId: ids.a })).id;
    for (const status of ['推进中', '中期评估'] as const) await must(core, 'projects.setStatus', { id: pid, status });
    await must(core, 'projects.save', { ...projectFields, organizationId: ids.a, id: pid, midtermNote: '进展顺利', milestones: [projectFields.milestones[0], { ...projectFields.milestones[1], doneOn: '2026-10-08' }] });
    await must(core, 'projects.setStatus', { id: pid, status: '结题验收' });
    await must(core, 'projects.saveAcceptance', { id: pid, self: 95, superior: 85, masses: 90 });
    await must(core, 'projects.setStatus', { id: pid, status: '已完成' });
  },
};
type Stage = keyof typeof STEPS;

async function at(stage: Stage): Promise<void> {
  core = open({ today: '2026-11-22' });
  for (const k of Object.keys(ids)) delete ids[k];
  round2025 = round2026 = weakId = modelId = pid = 0;
  await runStepsTo(STEPS, stage);
}

describe('rating rounds', () => {
  it('one round a year; the grid lists own and joint party organisations, not organisations without one', async () => {
    await at('orgs');
    round2025 = (await must(core, 'rating.saveRound', { year: 2025, name: '2025年度评星定级' })).id;
    const again = await core.invoke('rating.saveRound', { year: 2025, name: '重复' });
    expect(!again.ok && again.error.message).toBe('2025 年已有评星定级“2025年度评星定级”，每年只设一次，请直接打开它');
    const view = await must(core, 'rating.round', { id: round2025 });
    expect(view.rows.map((r) => r.name).sort()).toEqual(['衡水宏远商贸有限公司', '衡水恒泰机械有限公司', '衡水华信电子有限公司', '衡水盛世物流有限公司'].sort());
    expect(view.rows.every((r) => r.stars === null && r.explanation === '未评定：尚未录入得分')).toBe(true);
    expect(view.settings).toEqual(DEFAULT_RATING_SETTINGS);
  });

  it('saves a batch of scores and stores the stars with the reason in words', async () => {
    await at('round2025');
    const r = await must(core, 'rating.saveScores', { roundId: round2025, entries: scores2025() });
    expect(r).toEqual({ saved: 4 });
    const rows = (await must(core, 'rating.round', { id: round2025 })).rows;
    const by = (id: number) => rows.find((x) => x.organizationId === id)!;
    expect([by(ids.a).stars, by(ids.a).explanation]).toEqual([4, '87分，四星：未达90分']);
    expect([by(ids.b).stars, by(ids.b).explanation, by(ids.b).weakCandidate]).toEqual([1, '95分，一星：一票否决（一年以上未开展组织生活）', true]);
    expect([by(ids.c).stars, by(ids.c).weakCandidate]).toEqual([1, true]);
  });

  it('refuses a score above the item’s points, naming the organisation and item, and writes nothing', async () => {
    await at('scored2025');
    const before = snapshot();
    const r = await core.invoke('rating.saveScores', {
      roundId: round2025,
      entries: [
        { organizationId: ids.d, scores: scores(90), vetoes: [] },
        { organizationId: ids.a, scores: { ...scores(90), a2: 8 }, vetoes: [] },
      ],
    });
    expect(!r.ok && r.error.message).toBe('衡水恒泰机械有限公司：“按期换届”得分 8 超过分值 5，请改为 0–5 分');
    const unknown = await core.invoke('rating.saveScores', { roundId: round2025, entries: [{ organizationId: ids.a, scores: { zz: 1 }, vetoes: ['迟到'] }] });
    expect(!unknown.ok && unknown.error.message).toBe('衡水恒泰机械有限公司：指标“zz”不在本年度评分标准中；衡水恒泰机械有限公司：“迟到”不是本年度的一票否决事项');
    expect(snapshot()).toBe(before);
  });

  it('malformed input is rejected at the boundary and nothing is written', async () => {
    await at('scored2025');
    const before = snapshot();
    for (const [channel, input] of [
      ['rating.saveScores', { roundId: round2025, entries: [{ organizationId: ids.a, scores: { a1: -1 }, vetoes: [] }] }],
      ['rating.saveScores', { roundId: round2025, entries: [{ organizationId: ids.a, scores: { a1: '十' }, vetoes: [] }] }],
      ['rating.saveScores', { roundId: round2025, entries: [] }],
      ['rating.saveRound', { year: 2027, name: 'x', settings: { ...DEFAULT_RATING_SETTINGS, thresholds: { five: 60, four: 70, three: 80, two: 90 } } }],
      ['weak.confirm', { year: 2025, organizationId: ids.c, source: '一星', reason: '' }],
      ['weak.close', { id: 1, status: '已整改' }],
      ['models.saveChecks', { id: 1, checks: [{ item: '党建好', met: true }] }],
      ['projects.save', { year: 2026, secretary: '', unitName: 'x', title: 'y', milestones: [] }],
      ['projects.saveAcceptance', { id: 1, self: 120, superior: 80, masses: 80 }],
      ['projects.saveSettings', { settings: { weights: { self: 30, superior: 50, masses: 30 }, thresholds: { excellent: 90, good: 80, fair: 60 } } }],
    ] as const) {
      const r = await core.invoke(channel, input);
      expect(r.ok ? 'accepted' : r.error.code, `${channel} ${JSON.stringify(input)}`).toBe('INVALID_INPUT');
    }
    expect(snapshot()).toBe(before);
  });

  it('closing the round freezes scores and the checklist; last year’s stars survive new default thresholds', async () => {
    await at('scored2025');
    await must(core, 'rating.close', { id: round2025, closed: true });
    const locked = await core.invoke('rating.saveScores', { roundId: round2025, entries: [{ organizationId: ids.a, scores: scores(99), vetoes: [] }] });
    expect(!locked.ok && locked.error.message).toBe('2025 年度评星已于 2026-11-22 结束，得分已锁定：如需修改，请先重新开放');
    const strict = { ...DEFAULT_RATING_SETTINGS, thresholds: { five: 95, four: 88, three: 75, two: 65 } };
    const frozen = await core.invoke('rating.saveRound', { id: round2025, year: 2025, name: '2025年度评星定级', settings: strict });
    expect(!frozen.ok && frozen.error.code).toBe('CONFLICT');
    await must(core, 'rating.saveSettings', { settings: strict });
    const a = (await must(core, 'rating.round', { id: round2025 })).rows.find((x) => x.organizationId === ids.a)!;
    expect(a.explanation).toBe('87分，四星：未达90分');
    // The new round starts from last year's checklist, not the changed default: the office changes it on purpose.
    round2026 = (await must(core, 'rating.saveRound', { year: 2026, name: '2026年度评星定级' })).id;
    expect((await must(core, 'rating.round', { id: round2026 })).settings).toEqual(DEFAULT_RATING_SETTINGS);
    await must(core, 'rating.saveSettings', { settings: null });
  });

  it('changing an open round’s thresholds recomputes its stars', async () => {
    await at('round2026');
    await must(core, 'rating.saveScores', { roundId: round2026, entries: [{ organizationId: ids.a, scores: scores(88), vetoes: [] }, { organizationId: ids.c, scores: scores(58), vetoes: [] }] });
    const strict = { ...DEFAULT_RATING_SETTINGS, thresholds: { five: 95, four: 90, three: 85, two: 80 } };
    await must(core, 'rating.saveRound', { id: round2026, year: 2026, name: '2026年度评星定级', settings: strict });
    const a = (await must(core, 'rating.round', { id: round2026 })).rows.find((x) => x.organizationId === ids.a)!;
    expect([a.stars, a.explanation, a.lastYearStars]).toEqual([3, '88分，三星：未达90分', 4]);
    await must(core, 'rating.saveRound', { id: round2026, year: 2026, name: '2026年度评星定级', settings: DEFAULT_RATING_SETTINGS });
  });

  it('an entry with no scores and no vetoes clears the organisation’s rating', async () => {
    await at('round2026');
    await must(core, 'rating.saveScores', { roundId: round2026, entries: [{ organizationId: ids.d, scores: { a1: 10 }, vetoes: [] }] });
    await must(core, 'rating.saveScores', { roundId: round2026, entries: [{ organizationId: ids.d, scores: { a1: null }, vetoes: [] }] });
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM ratings WHERE round_id = ? AND organization_id = ?').pluck().get(round2026, ids.d)).toBe(0);
  });
});

describe('org list', () => {
  it('filters by stars in the latest round that has ratings', async () => {
    await at('scored2026');
    const names = async (stars: number) => (await must(core, 'orgs.list', { stars })).rows.map((r) => r.name);
    expect(await names(4)).toEqual(['衡水恒泰机械有限公司']);
    expect(await names(1)).toEqual(['衡水盛世物流有限公司']);
    expect(await names(5)).toEqual([]);
  });
});

describe('软弱涣散党组织整顿', () => {
  it('proposes one-star and veto organisations; the user confirms each with a reason', async () => {
    await at('scored2025');
    const c = await must(core, 'weak.candidates', { year: 2025 });
    expect(c.map((x) => [x.name, x.source])).toEqual([
      ['衡水华信电子有限公司', '一票否决'],
      ['衡水盛世物流有限公司', '一星'],
    ]);
    weakId = (await must(core, 'weak.confirm', { year: 2025, organizationId: ids.c, source: '一星', reason: '得分55分，组织生活不正常' })).id;
    await must(core, 'weak.confirm', { year: 2025, organizationId: ids.b, source: '一票否决', reason: '一年以上未开展组织生活' });
    const dup = await core.invoke('weak.confirm', { year: 2025, organizationId: ids.c, source: '一星', reason: 'x' });
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
    expect(await must(core, 'weak.candidates', { year: 2025 })).toEqual([]);
  });

  it('records problems, plan, 包联 leader and deadline; overdue items become reminders', async () => {
    await at('weakConfirmed');
    const early = await core.invoke('weak.close', { id: weakId, status: '已转化' });
    expect(!early.ok && early.error.message).toBe('“衡水盛世物流有限公司”还没有整顿方案：请先填写整顿方案和进展，再销号');
    await must(core, 'weak.save', { id: weakId, problems: '组织生活不正常', plan: '每月主题党日', leader: '王建华', deadline: '2026-06-30', progress: '已补选班子' });
    const reminders = await must(core, 'rating.reminders', {});
    expect(reminders.filter((r) => r.kind === '整顿').map((r) => [r.label, r.daysOverdue, r.owner])).toEqual([['衡水盛世物流有限公司', 145, '王建华']]);
  });

  it('closes as 已转化 and gives 整顿转化率 with its numerator and denominator', async () => {
    await at('weakPlanned');
    await must(core, 'weak.close', { id: weakId, status: '已转化', date: '2026-07-10' });
    const { items, rate } = await must(core, 'weak.list', { year: 2025 });
    expect(items.find((i) => i.id === weakId)).toMatchObject({ status: '已转化', closedOn: '2026-07-10', overdueDays: null });
    expect(rate).toEqual({ identified: 2, converted: 1, rate: 0.5, explanation: '整顿转化率50.0%（确定整顿2个，已转化1个）' });
    expect((await must(core, 'rating.reminders', {})).filter((r) => r.kind === '整顿')).toEqual([]);
  });
});

describe('双强六好', () => {
  it('takes a street’s recommendation, checks the eight points, and names only when all are met', async () => {
    await at('weakConverted');
    expect(await must(core, 'models.recommend', { year: 2025, organizationIds: [ids.a, ids.d], recommendedBy: '河东街道两新组织党委' })).toEqual({ added: 2, skipped: 0 });
    modelId = (await must(core, 'models.list', { year: 2025 })).find((m) => m.organizationId === ids.a)!.id;
    await must(core, 'models.saveChecks', { id: modelId, checks: MODEL_ITEMS.slice(0, 6).map((item) => ({ item, met: true, note: '达标' })) });
    const early = await core.invoke('models.decide', { id: modelId, decision: '命名' });
    expect(!early.ok && early.error.message).toBe('“衡水恒泰机械有限公司”不能命名：未核查完：党员队伍好、社会评价好尚未核查');
    await must(core, 'models.saveChecks', { id: modelId, checks: [{ item: '党员队伍好', met: true }, { item: '社会评价好', met: true, note: '获评区文明单位' }] });
    await must(core, 'models.decide', { id: modelId, decision: '命名' });
    const m = (await must(core, 'models.list', { year: 2025 })).find((x) => x.id === modelId)!;
    expect([m.decision, m.passed, m.explanation, m.title]).toEqual(['命名', true, '符合：双强六好八项均达到', '“双强六好”非公企业党组织']);
    const other = (await must(core, 'models.list', { year: 2025 })).find((x) => x.organizationId === ids.d)!;
    const noReason = await core.invoke('models.decide', { id: other.id, decision: '不予命名' });
    expect(!noReason.ok && noReason.error.message).toBe('不予命名须写明理由');
  });

  it('the case file shows stars year by year and the titles', async () => {
    await at('models');
    const h = await must(core, 'rating.orgHonours', { organizationId: ids.a });
    expect(h.ratings.map((r) => [r.year, r.stars, r.explanation, r.closed])).toEqual([
      [2026, 4, '88分，四星：未达90分', false],
      [2025, 4, '87分，四星：未达90分', true],
    ]);
    expect(h.titles).toEqual([{ year: 2025, title: '“双强六好”非公企业党组织' }]);
  });

  it('the round summary counts stars per street and in total, with the 整顿 figures', async () => {
    await at('models');
    const s = await must(core, 'rating.summary', { year: 2025 });
    expect(s.byStreet).toEqual([
      { street: '河东街道', 5: 0, 4: 1, 3: 0, 2: 0, 1: 1, unrated: 0, total: 2 },
      { street: '河西街道', 5: 0, 4: 0, 3: 1, 2: 0, 1: 1, unrated: 0, total: 2 },
    ]);
    expect(s.total).toEqual({ 5: 0, 4: 1, 3: 1, 2: 0, 1: 2, unrated: 0, total: 4 });
    expect(s.weak).toMatchObject({ candidates: 0, identified: 2, converted: 1, converting: 1 });
    expect(s.models).toEqual({ recommended: 2, named: 1 });
  });
});

describe('书记项目', () => {
  it('runs from 立项 to 已完成, each step with what it needs, and the overdue milestone is a reminder', async () => {
    await at('models');
    pid = (await must(core, 'projects.save', { ...projectFields, organizationId: ids.a })).id;
    expect((await must(core, 'projects.get', { id: pid })).street).toBe('河东街道');
    const skip = await core.invoke('projects.setStatus', { id: pid, status: '中期评估' });
    expect(!skip.ok && skip.error.message).toBe('“党员先锋岗创建”：不能从“立项”直接变为“中期评估”，下一步应为“推进中”');
    await must(core, 'projects.setStatus', { id: pid, status: '推进中' });
    const overdue = (await must(core, 'rating.reminders', {})).filter((r) => r.kind === '节点');
    expect(overdue.map((r) => [r.label, r.detail, r.daysOverdue])).toEqual([['党员先锋岗创建', '完成挂牌', 53]]);
    await must(core, 'projects.setStatus', { id: pid, status: '中期评估' });
    const noMid = await core.invoke('projects.setStatus', { id: pid, status: '结题验收' });
    expect(!noMid.ok && noMid.error.message).toBe('“党员先锋岗创建”：尚未进行中期评估：请先填写中期评估意见');
    await must(core, 'projects.save', { ...projectFields, organizationId: ids.a, id: pid, midtermNote: '进展顺利', milestones: [projectFields.milestones[0], { ...projectFields.milestones[1], doneOn: '2026-10-08' }] });
    await must(core, 'projects.setStatus', { id: pid, status: '结题验收' });
    const noScores = await core.invoke('projects.setStatus', { id: pid, status: '已完成' });
    expect(!noScores.ok && noScores.error.message).toBe('“党员先锋岗创建”：尚未验收：请先录入自查、上考、下评三项得分');
    await must(core, 'projects.saveAcceptance', { id: pid, self: 95, superior: 85, masses: 90 });
    await must(core, 'projects.setStatus', { id: pid, status: '已完成' });
    const p = await must(core, 'projects.get', { id: pid });
    expect([p.status, p.grade, p.explanation]).toEqual(['已完成', '良好', '88.5分，良好：未达90分（自查95分占20%、上考85分占50%、下评90分占30%）']);
    expect((await must(core, 'rating.reminders', {})).filter((r) => r.kind === '节点')).toEqual([]);
  });

  it('a finished project keeps its grade when the weights change later', async () => {
    await at('project');
    await must(core, 'projects.saveSettings', { settings: { weights: { self: 0, superior: 100, masses: 0 }, thresholds: { excellent: 90, good: 80, fair: 60 } } });
    expect((await must(core, 'projects.get', { id: pid })).grade).toBe('良好');
    const locked = await core.invoke('projects.saveAcceptance', { id: pid, self: 60, superior: 60, masses: 60 });
    expect(!locked.ok && locked.error.code).toBe('CONFLICT');
    await must(core, 'projects.saveSettings', { settings: null });
  });
});

describe('CLI', () => {
  const db = () => ['--db', core.dbPath];
  it('rating summary --json gives stars per street and the 整顿 figures', async () => {
    await at('project');
    const r = await cli('rating', 'summary', '--year', '2025', ...db(), '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ year: 2025, total: { 4: 1, 1: 2, total: 4 }, weak: { identified: 2, converted: 1 } });
    const text = await cli('rating', 'summary', '--year', '2025', ...db());
    expect(text.out).toContain('整顿转化率50.0%（确定整顿2个，已转化1个）');
    const none = await cli('rating', 'summary', '--year', '2019', ...db());
    expect([none.code, none.err.trim()]).toEqual([1, '错误：2019 年尚未开展评星定级：请先在“年度评星”中新建 2019 年度']);
  });

  it('projects list --json', async () => {
    await at('project');
    const r = await cli('projects', 'list', '--year', '2026', ...db(), '--json');
    expect(r.json().map((p: { title: string; grade: string }) => [p.title, p.grade])).toEqual([['党员先锋岗创建', '良好']]);
  });

  it('exports each document; 立项书 of several projects go to a folder one file each', async () => {
    await at('project');
    await must(core, 'projects.save', { ...{ year: 2026, secretary: '郭立新', unitName: '河西街道党工委', title: '楼宇党建联盟', street: '河西街道', milestones: [] } });
    const dir = path.join(core.dir, 'out');
    for (const kind of ['star-summary', 'weak-ledger', 'model-decision', 'project-acceptance']) {
      const year = kind.startsWith('project') ? '2026' : '2025';
      const r = await cli('export', kind, '--year', year, '--out', path.join(dir, `${kind}.docx`), ...db(), '--json');
      expect(r.code, r.err).toBe(0);
      expect(fs.statSync(r.json().out).size).toBeGreaterThan(5000);
    }
    const folder = await cli('export', 'project-charters', '--year', '2026', '--out', path.join(dir, 'charters') + '/', ...db(), '--json');
    expect(folder.json().files.map((f: string) => path.basename(f)).sort()).toEqual(['河西街道党工委-楼宇党建联盟-立项书.docx', '衡水恒泰机械有限公司党支部-党员先锋岗创建-立项书.docx']);
    const notZip = await cli('export', 'project-charters', '--year', '2026', '--out', path.join(dir, 'a.docx'), ...db());
    expect(notZip.code).toBe(2);
  });
});

describe('documents', () => {
  it('the 决定 names the organisations and attaches the list; the summary groups by street; the ledger gives the 转化率', async () => {
    await at('models');
    const decision = docxText((await must(core, 'rating.export', { kind: 'model-decision', year: 2025 })).base64);
    expect(decision).toContain('关于命名2025年度“双强六好”非公企业党组织的决定');
    expect(decision).toContain('附件：2025年度“双强六好”非公企业党组织名单');
    expect(decision).toContain('衡水恒泰机械有限公司党支部');
    const summary = docxText((await must(core, 'rating.export', { kind: 'star-summary', year: 2025 })).base64);
    expect(summary).toContain('河东街道（2个）');
    expect(summary).toContain('87分，四星：未达90分');
    const ledger = docxText((await must(core, 'rating.export', { kind: 'weak-ledger', year: 2025 })).base64);
    expect(ledger).toContain('整顿转化率50.0%（确定整顿2个，已转化1个）');
    const none = await core.invoke('rating.export', { kind: 'model-decision', year: 2026 });
    expect(!none.ok && none.error.message).toBe('2026 年还没有审定命名的“双强六好”党组织：请先在“双强六好”中核查并审定');
  });
});

describe('a checklist item scored from the 书记项目', () => {
  it('takes the finished project’s result (良好 = 80% of the points), and follows it when the project is reopened', async () => {
    await at('project');
    const items = DEFAULT_RATING_SETTINGS.items.map((i) => (i.key === 'e2' ? { ...i, name: '书记项目', fromProject: true } : i));
    const { id: roundId } = await must(core, 'rating.saveRound', { year: 2027, name: '2027年度评星定级', settings: { ...DEFAULT_RATING_SETTINGS, items } });
    const { e2: _skip, ...byHand } = scores(100);
    await must(core, 'rating.saveScores', { roundId, entries: [{ organizationId: ids.c, scores: byHand, vetoes: [] }] });
    const row = async () => (await must(core, 'rating.round', { id: roundId })).rows.find((r) => r.organizationId === ids.c)!;
    expect((await row()).explanation).toBe('未评定：“书记项目”尚未评分');

    const { id } = await must(core, 'projects.save', {
      year: 2027,
      organizationId: ids.c,
      secretary: '李秀英',
      unitName: '衡水盛世物流有限公司党支部',
      title: '物流园党建联盟',
      problem: '党员分散',
      goal: '建立联盟',
      measures: '轮值主题党日',
      milestones: [{ title: '建立章程', dueDate: '2027-03-31', doneOn: '2027-03-20' }],
      midtermNote: '进展顺利',
    });
    for (const status of ['推进中', '中期评估', '结题验收'] as const) await must(core, 'projects.setStatus', { id, status });
    await must(core, 'projects.saveAcceptance', { id, self: 85, superior: 80, masses: 82 });
    await must(core, 'projects.setStatus', { id, status: '已完成' });
    const done = await row();
    expect([done.projectScores, done.stars, done.explanation]).toEqual([{ e2: 8 }, 5, '98分，五星：达到90分']);
    await must(core, 'projects.setStatus', { id, status: '结题验收' });
    expect((await row()).explanation).toBe('未评定：“书记项目”尚未评分');
    expect((await must(core, 'rating.round', { id: roundId })).description).toContain('“书记项目”按书记项目验收结果计分：优秀得满分，良好得80%，一般得60%，较差不得分');
  });
});

describe('importing last years’ results from a spreadsheet', () => {
  /** A 评星结果 sheet as a street sends it: title, 填报单位 line, header, rows, a total and a footnote. */
  function sheet(rows: (string | number)[][]): { name: string; base64: string } {
    const aoa = [['2024年度两新组织党组织星级评定结果'], ['填报单位：河东街道'], ['序号', '单位名称', '统一社会信用代码', '得分', '星级'], ...rows, ['合计', '', '', '', ''], ['注：星级按区评星标准评定。']];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '评星结果');
    return { name: '2024年评星结果.xlsx', base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })).toString('base64') };
  }
  const uscc = (id: number) => (core.ctx.db.prepare('SELECT uscc FROM organizations WHERE id = ?').pluck().get(id) as string);

  it('names every row it cannot use and writes nothing', async () => {
    await at('project');
    const before = snapshot();
    const r = await core.invoke('rating.importResults', {
      year: 2024,
      file: sheet([
        [1, '衡水恒泰机械有限公司', uscc(ids.a), 91, '五星'],
        [2, '不存在的公司', '', 80, '四星'],
        [3, '衡水盛世物流有限公司', uscc(ids.c), '', '优秀'],
      ]),
    });
    expect(!r.ok && r.error.message).toBe('有 2 行不能导入，未导入任何数据：第 5 行：档案中没有“不存在的公司”，请先建档或核对代码；第 6 行：星级“优秀”无法识别，请写成“四星”“★★★★”或“4”');
    expect(snapshot()).toBe(before);
  });

  it('finds the header, matches by code or name, and keeps the year closed with its stars', async () => {
    await at('project');
    const r = await must(core, 'rating.importResults', {
      year: 2024,
      file: sheet([
        [1, '衡水恒泰机械有限公司', uscc(ids.a), 91, '五星'],
        [2, '衡水华信电子有限公司', '', '', '★★★'],
        [3, '衡水盛世物流有限公司', uscc(ids.c).toLowerCase(), '52分', 1],
      ]),
    });
    expect(r.imported).toBe(3);
    const h = await must(core, 'rating.orgHonours', { organizationId: ids.a });
    expect(h.ratings.find((x) => x.year === 2024)).toEqual({ year: 2024, stars: 5, score: 91, explanation: '91分，五星（导入自“2024年评星结果.xlsx”第4行）', closed: true });
    const reopen = await core.invoke('rating.close', { id: r.roundId, closed: false });
    expect(!reopen.ok && reopen.error.message).toBe('2024 年度的评星结果是从表格导入的（只有星级、没有逐项得分），不能重新开放');
    const again = await core.invoke('rating.importResults', { year: 2024, file: sheet([[1, '衡水恒泰机械有限公司', uscc(ids.a), 91, '五星']]) });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    // 2025's lastYearStars now come from the imported year.
    const rows2025 = (await must(core, 'rating.round', { id: round2025 })).rows;
    expect(rows2025.find((x) => x.organizationId === ids.b)!.lastYearStars).toBe(3);
  });
});

describe('CLI import', () => {
  it('rating import reads the file and answers in JSON; a wrong row fails with its number', async () => {
    await at('project');
    const file = path.join(core.dir, '2023年评星结果.csv');
    const code = core.ctx.db.prepare('SELECT uscc FROM organizations WHERE id = ?').pluck().get(ids.d) as string;
    fs.writeFileSync(file, `\uFEFF单位名称,统一社会信用代码,星级\n衡水宏远商贸有限公司,${code},四星\n`);
    const r = await cli('rating', 'import', file, '--year', '2023', '--db', core.dbPath, '--json');
    expect([r.code, r.json().imported]).toEqual([0, 1]);
    expect((await must(core, 'rating.orgHonours', { organizationId: ids.d })).ratings.find((x) => x.year === 2023)?.stars).toBe(4);
  });
});
