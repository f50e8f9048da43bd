import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BALLOT_ITEMS } from '../../shared/contract/debriefing';
import { DEFAULT_GRADING_SETTINGS } from '../../shared/domain/grading';
import { makeUscc } from '../../electron/core/demo/uscc';
import { seededRandom } from '../../electron/core/demo/random';
import { cli } from '../helpers/cli';
import { must, type testCore } from '../helpers/core';
import { coresClosedAfterEach, runStepsTo } from '../helpers/lifecycle';

const rnd = seededRandom(7);
const tally = (item: string, good: number, fairlyGood: number, average: number, poor: number, issued?: number) => {
  const valid = good + fairlyGood + average + poor;
  return { item, issued: issued ?? valid, valid, good, fairlyGood, average, poor };
};
const docxText = (base64: string) => strFromU8(unzipSync(Buffer.from(base64, 'base64'))['word/document.xml']);

// Each test starts from a fresh database brought to the stage it needs (tests run in any order).
let core: ReturnType<typeof testCore>;
let cycle2026 = 0;
let cycle2025 = 0;
let debriefer = 0;
let orgId = 0;
const open = coresClosedAfterEach();

async function org(name: string, street: string, built: boolean): Promise<number> {
  const r = await must(core, 'orgs.save', {
    org: { category: 'enterprise', name, uscc: makeUscc(rnd, '9', '1'), street, operatingStatus: '在营', employees: 40 },
    partyOrg: built
      ? { built: true, type: '党支部', formation: '单独组建', name: `${name}党支部`, secretaryName: '李秀英' }
      : { built: false },
  });
  return r.id;
}

/** The 2026 cycle's story, step by step: `at(stage)` replays it on a fresh database up to that stage. */
const STEPS = {
  /** Three organisations, two with a party organisation. */
  orgs: async () => {
    orgId = await org('衡水恒泰机械有限公司', '河东街道', true);
    await org('衡水华信电子有限公司', '河东街道', false);
    await org('衡水盛世物流有限公司', '河西街道', true);
  },
  /** The 2026 cycle with both party organisations' secretaries. */
  cycle: async () => {
    cycle2026 = (await must(core, 'debriefing.saveCycle', { year: 2026, name: '2026年度述职评议', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: DEFAULT_BALLOT_ITEMS })).id;
    await must(core, 'debriefing.addOrgs', { cycleId: cycle2026, filter: {} });
    debriefer = (await must(core, 'debriefing.cycle', { id: cycle2026 })).debriefers.find((x) => x.organizationId === orgId)!.id;
  },
  /** A member unit and the committee as the second and third tiers. */
  units: async () => {
    const { id } = await must(core, 'debriefing.saveUnit', { name: '区市场监督管理局', leader: '王立新', contactPerson: '刘文静', contactPhone: '2101234' });
    await must(core, 'debriefing.addUnits', { cycleId: cycle2026, unitIds: [id] });
    await must(core, 'debriefing.addCommittee', { cycleId: cycle2026, name: '区两新工委', person: '张建国' });
  },
  /** The first secretary's report (text and file), then 已述职. */
  debriefed: async () => {
    await must(core, 'debriefing.saveReport', { id: debriefer, text: '一、履职情况。\n二、存在问题。' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已提交报告' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已述职' });
    await must(core, 'debriefing.saveReport', { id: debriefer, file: { name: '述职报告.docx', base64: Buffer.from('述职报告（Word 文件内容）').toString('base64') } });
  },
  /** 40 好, 3 较好, 7 一般 of 50 valid (52 issued): 91.5 points, 86% → 好. */
  ballots: async () => {
    await must(core, 'debriefing.saveBallots', { id: debriefer, tallies: [tally('总体评价', 40, 3, 7, 0, 52)] });
  },
  graded: async () => {
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已评定' });
  },
  overridden: async () => {
    await must(core, 'debriefing.override', { id: debriefer, grade: '较好', reason: '年内发生一起安全生产事故' });
  },
  /** One rectification item, done; the debriefer 已完成. */
  rectified: async () => {
    const { id } = await must(core, 'debriefing.saveRectification', { debrieferId: debriefer, problem: '三会一课记录不规范', measures: '统一记录本', owner: '李秀英', deadline: '2026-11-20', status: '整改中' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '整改中' });
    await must(core, 'debriefing.saveRectification', { id, debrieferId: debriefer, problem: '三会一课记录不规范', deadline: '2026-11-20', status: '已完成', evidence: '会议记录本' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已完成' });
  },
  /** Last year's cycle: the same organisation graded 一般 (60 points). */
  lastYear: async () => {
    cycle2025 = (await must(core, 'debriefing.saveCycle', { year: 2025, name: '2025年度述职评议', startDate: '2025-11-10', endDate: '2025-12-31', ballotItems: ['总体评价'] })).id;
    await must(core, 'debriefing.addOrgs', { cycleId: cycle2025, organizationIds: [orgId] });
    const last = (await must(core, 'debriefing.cycle', { id: cycle2025 })).debriefers[0];
    await must(core, 'debriefing.saveReport', { id: last.id, text: '报告' });
    for (const status of ['已提交报告', '已述职'] as const) await must(core, 'debriefing.setStatus', { id: last.id, status });
    await must(core, 'debriefing.saveBallots', { id: last.id, tallies: [tally('总体评价', 0, 4, 6, 0)] });
    await must(core, 'debriefing.setStatus', { id: last.id, status: '已评定' });
  },
};
type Stage = keyof typeof STEPS;

async function at(stage: Stage): Promise<void> {
  core = open({ today: '2026-11-22' });
  cycle2026 = cycle2025 = debriefer = orgId = 0;
  await runStepsTo(STEPS, stage);
}

describe('debriefing cycle', () => {
  it('creates one cycle per year with the default ballot items', async () => {
    await at('orgs');
    cycle2026 = (await must(core, 'debriefing.saveCycle', { year: 2026, name: '2026年度述职评议', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: DEFAULT_BALLOT_ITEMS })).id;
    const again = await core.invoke('debriefing.saveCycle', { year: 2026, name: '重复', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: ['总体评价'] });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('2026 年已有述职评议考核“2026年度述职评议”，每年只设一次，请直接打开它');
    const backwards = await core.invoke('debriefing.saveCycle', { year: 2027, name: 'x', startDate: '2027-12-01', endDate: '2027-11-01', ballotItems: ['总体评价'] });
    expect(!backwards.ok && backwards.error.issues?.[0].field).toBe('endDate');
  });

  it('picks party organisations from the case files by filter, only those with a party org, once', async () => {
    await at('orgs');
    cycle2026 = (await must(core, 'debriefing.saveCycle', { year: 2026, name: '2026年度述职评议', startDate: '2026-11-10', endDate: '2026-12-31', ballotItems: DEFAULT_BALLOT_ITEMS })).id;
    expect(await must(core, 'debriefing.addOrgs', { cycleId: cycle2026, filter: { street: '河东街道' } })).toEqual({ added: 1, skipped: 0 });
    expect(await must(core, 'debriefing.addOrgs', { cycleId: cycle2026, filter: {} })).toEqual({ added: 1, skipped: 1 });
    const { debriefers } = await must(core, 'debriefing.cycle', { id: cycle2026 });
    const d = debriefers.find((x) => x.organizationId === orgId)!;
    expect(d).toMatchObject({ tier: '两新党组织书记', name: '衡水恒泰机械有限公司党支部', person: '李秀英', street: '河东街道', status: '待提交' });
    debriefer = d.id;
  });

  it('keeps a list of member units with contact people and adds them as the second tier', async () => {
    await at('cycle');
    const { id } = await must(core, 'debriefing.saveUnit', { name: '区市场监督管理局', leader: '王立新', contactPerson: '刘文静', contactPhone: '2101234' });
    const dup = await core.invoke('debriefing.saveUnit', { name: '区市场监督管理局' });
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
    expect(await must(core, 'debriefing.addUnits', { cycleId: cycle2026, unitIds: [id] })).toEqual({ added: 1, skipped: 0 });
    await must(core, 'debriefing.addCommittee', { cycleId: cycle2026, name: '区两新工委', person: '张建国' });
    const { summary } = await must(core, 'debriefing.cycle', { id: cycle2026 });
    expect(summary.tiers.map((t) => [t.tier, t.debriefers])).toEqual([['两新党组织书记', 2], ['工委成员单位', 1], ['两新工委', 1]]);
  });
});

describe('member units', () => {
  it('renames the open cycle’s debriefer with the unit, audited', async () => {
    await at('units');
    const unit = (await must(core, 'debriefing.units', {})).find((u) => u.name === '区市场监督管理局')!;
    await must(core, 'debriefing.saveUnit', { ...unit, name: '区市场监管局' });
    const row = () => must(core, 'debriefing.cycle', { id: cycle2026 }).then((v) => v.debriefers.find((d) => d.tier === '工委成员单位')!);
    expect((await row()).name).toBe('区市场监管局');
    const audit = core.ctx.db.prepare(`SELECT old_value, new_value FROM audit_log WHERE entity = 'member_unit' AND action = 'update' AND field = 'name'`).all();
    expect(audit).toEqual([{ old_value: '区市场监督管理局', new_value: '区市场监管局' }]);
    await must(core, 'debriefing.saveUnit', { ...unit, name: '区市场监督管理局' });
  });
});

describe('report, ballots, grade', () => {
  it('takes the report and moves on to 已述职', async () => {
    await at('units');
    await must(core, 'debriefing.saveReport', { id: debriefer, text: '一、履职情况。\n二、存在问题。' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已提交报告' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已述职' });
    const d = await must(core, 'debriefing.debriefer', { id: debriefer });
    expect(d).toMatchObject({ status: '已述职', reportSubmittedOn: '2026-11-22', debriefedOn: '2026-11-22', hasReport: true });
    expect(d.grade).toBeNull();
    expect(d.explanation).toBe('未评定：尚未录入民主测评票数');
  });

  it('keeps an attached report file with the debriefer and refuses other file types', async () => {
    await at('debriefed');
    const bytes = Buffer.from('述职报告（Word 文件内容）');
    await must(core, 'debriefing.saveReport', { id: debriefer, file: { name: '述职报告.docx', base64: bytes.toString('base64') } });
    const file = await must(core, 'debriefing.reportFile', { id: debriefer });
    expect([file.fileName, Buffer.from(file.base64, 'base64').equals(bytes)]).toEqual(['述职报告.docx', true]);
    expect((await must(core, 'debriefing.debriefer', { id: debriefer })).reportText).toBe('一、履职情况。\n二、存在问题。');
    const exe = await core.invoke('debriefing.saveReport', { id: debriefer, file: { name: 'a.exe', base64: 'AA==' } });
    expect(!exe.ok && exe.error.code).toBe('UNSUPPORTED_FILE');
  });

  it('refuses tallies that do not add up, naming the item', async () => {
    await at('debriefed');
    const r = await core.invoke('debriefing.saveBallots', { id: debriefer, tallies: [{ ...tally('总体评价', 20, 5, 0, 0), valid: 30, issued: 30 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('“总体评价”好、较好、一般、差票数之和 25 不等于有效票 30');
  });

  it('computes shares, the weighted score and the grade with its explanation', async () => {
    await at('debriefed');
    // 40 好, 3 较好, 7 一般 of 50 → 91.5 points, 86% → 好
    await must(core, 'debriefing.saveBallots', { id: debriefer, tallies: [tally('总体评价', 40, 3, 7, 0, 52)] });
    const d = await must(core, 'debriefing.debriefer', { id: debriefer });
    expect(d.grade).toBe('好');
    expect(d.explanation).toBe('好：得分91.5分，不低于90分；好和较好票占86%，不低于80%');
    expect(d.items[0].favourableShare).toBe(86);
    expect(d.items[0].weighted).toBeCloseTo(3.66, 10);
    expect(d.gradeFinal).toBe(false);
  });

  it('freezes the grade at 已评定: later threshold changes do not rewrite it, ballots lock', async () => {
    await at('ballots');
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已评定' });
    await must(core, 'debriefing.saveSettings', { settings: { ...DEFAULT_GRADING_SETTINGS, good: { minScore: 95, minFavourableShare: 80 } } });
    const d = await must(core, 'debriefing.debriefer', { id: debriefer });
    expect([d.grade, d.gradeFinal]).toEqual(['好', true]);
    expect(d.computed.explanation).toBe('好：得分91.5分，不低于90分；好和较好票占86%，不低于80%');
    const locked = await core.invoke('debriefing.saveBallots', { id: debriefer, tallies: [] });
    expect(!locked.ok && locked.error.message).toMatch(/已评定，民主测评票数已锁定/);
    // Back one step thaws it: the new threshold applies.
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已述职' });
    expect((await must(core, 'debriefing.debriefer', { id: debriefer })).grade).toBe('较好');
    await must(core, 'debriefing.saveSettings', { settings: null });
    expect((await must(core, 'debriefing.settings', {})).isDefault).toBe(true);
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已评定' });
  });

  it('lets the committee override with a reason, recorded in the audit log', async () => {
    await at('graded');
    const noReason = await core.invoke('debriefing.override', { id: debriefer, grade: '较好', reason: '' });
    expect(!noReason.ok && noReason.error.message).toBe('委员会调整等次必须写明理由');
    await must(core, 'debriefing.override', { id: debriefer, grade: '较好', reason: '年内发生一起安全生产事故' });
    const d = await must(core, 'debriefing.debriefer', { id: debriefer });
    expect(d).toMatchObject({ grade: '较好', overridden: true, explanation: '较好：委员会评定（计算结果为“好”），理由：年内发生一起安全生产事故' });
    const audit = core.ctx.db.prepare(`SELECT field, new_value FROM audit_log WHERE entity = 'debriefer' AND entity_id = ? AND action = 'override'`).all(debriefer);
    expect(audit).toEqual([
      { field: 'grade', new_value: '较好' },
      { field: 'reason', new_value: '年内发生一起安全生产事故' },
    ]);
  });
});

describe('rectification and roll-up', () => {
  it('needs every item done before 已完成', async () => {
    await at('overridden');
    const { id } = await must(core, 'debriefing.saveRectification', { debrieferId: debriefer, problem: '三会一课记录不规范', measures: '统一记录本', owner: '李秀英', deadline: '2026-11-20', status: '整改中' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '整改中' });
    let row = (await must(core, 'debriefing.cycle', { id: cycle2026 })).debriefers.find((x) => x.id === debriefer)!;
    expect(row.rectifications).toEqual({ total: 1, open: 1, overdue: 1 });
    const blocked = await core.invoke('debriefing.setStatus', { id: debriefer, status: '已完成' });
    expect(!blocked.ok && blocked.error.message).toMatch(/还有 1 项整改未完成/);
    await must(core, 'debriefing.saveRectification', { id, debrieferId: debriefer, problem: '三会一课记录不规范', deadline: '2026-11-20', status: '已完成', evidence: '会议记录本' });
    await must(core, 'debriefing.setStatus', { id: debriefer, status: '已完成' });
    row = (await must(core, 'debriefing.cycle', { id: cycle2026 })).debriefers.find((x) => x.id === debriefer)!;
    expect(row.rectifications).toEqual({ total: 1, open: 0, overdue: 0 });
  });

  it('compares with last year’s grade of the same organisation', async () => {
    await at('rectified');
    cycle2025 = (await must(core, 'debriefing.saveCycle', { year: 2025, name: '2025年度述职评议', startDate: '2025-11-10', endDate: '2025-12-31', ballotItems: ['总体评价'] })).id;
    await must(core, 'debriefing.addOrgs', { cycleId: cycle2025, organizationIds: [orgId] });
    const last = (await must(core, 'debriefing.cycle', { id: cycle2025 })).debriefers[0];
    await must(core, 'debriefing.saveReport', { id: last.id, text: '报告' });
    for (const status of ['已提交报告', '已述职'] as const) await must(core, 'debriefing.setStatus', { id: last.id, status });
    await must(core, 'debriefing.saveBallots', { id: last.id, tallies: [tally('总体评价', 0, 4, 6, 0)] }); // 60 → 一般
    await must(core, 'debriefing.setStatus', { id: last.id, status: '已评定' });
    const { debriefers, summary } = await must(core, 'debriefing.cycle', { id: cycle2026 });
    expect(debriefers.find((x) => x.id === debriefer)!.lastYearGrade).toBe('一般');
    expect(summary.comparison).toEqual({ better: 1, same: 0, worse: 0, new: 0 });
    expect(summary.tiers[0].grades).toEqual({ 好: 0, 较好: 1, 一般: 0, 差: 0, 未评定: 1 });
    expect(summary.byStreet.map((s) => [s.street, s.debriefers])).toEqual([['河东街道', 1], ['河西街道', 1]]);
  });

  it('answers the CLI summary contract as JSON', async () => {
    await at('lastYear');
    const r = await cli('debriefing', 'summary', '--year', '2026', '--db', core.dbPath, '--json');
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.year).toBe(2026);
    expect(j.tiers.map((t: { tier: string }) => t.tier)).toEqual(['两新党组织书记', '工委成员单位', '两新工委']);
    expect(j.tiers[0]).toMatchObject({ debriefers: 2, grades: { 较好: 1, 未评定: 1 }, rectification: { total: 1, open: 0, overdue: 0, done: 1 } });
    const missing = await cli('debriefing', 'summary', '--year', '2030', '--db', core.dbPath, '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('2030 年尚未建立述职评议考核');
  });
});

describe('documents', () => {
  it('exports the results table through the CLI as a .docx with names, grades and explanations', async () => {
    await at('lastYear');
    const out = path.join(core.dir, 'out', '等次.docx');
    const r = await cli('export', 'debriefing-results', '--year', '2026', '--out', out, '--db', core.dbPath);
    expect(r.code).toBe(0);
    // Text without tags: a header may sit on two lines (“上年/等次”), each its own paragraph.
    const xml = strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml']).replace(/<[^>]+>/g, '');
    for (const text of ['2026年度述职评议等次结果汇总表', '衡水恒泰机械有限公司党支部', '较好', '委员会评定', '区市场监督管理局', '上年等次']) expect(xml).toContain(text);
  });

  it('exports the rectification list and one blank ballot page per debriefer', async () => {
    await at('lastYear');
    const list = await must(core, 'debriefing.export', { kind: 'rectification-list', year: 2026 });
    expect(docxText(list.base64)).toContain('三会一课记录不规范');
    const ballot = await must(core, 'debriefing.export', { kind: 'ballot-form', year: 2026, tier: '两新党组织书记' });
    const xml = docxText(ballot.base64);
    for (const item of DEFAULT_BALLOT_ITEMS) expect(xml).toContain(item);
    expect(xml.match(/w:br w:type="page"/g)?.length ?? (xml.match(/pageBreakBefore/g)?.length ?? 0)).toBe(1);
    const one = await must(core, 'debriefing.export', { kind: 'ballot-form', year: 2026, debrieferIds: [debriefer] });
    expect(one.fileName).toBe('2026年度民主测评表-衡水恒泰机械有限公司党支部.docx');
    expect(docxText(one.base64)).not.toContain('w:type="page"');
  });

  it('compiles the tier’s reports with a contents list, and builds the summary and the notice', async () => {
    await at('lastYear');
    const comp = docxText((await must(core, 'debriefing.export', { kind: 'report-compilation', cycleId: cycle2026, tier: '两新党组织书记' })).base64);
    expect(comp).toContain('目　　录');
    expect(comp).toContain('1. 衡水恒泰机械有限公司党支部（李秀英）');
    expect(comp).toContain('二、存在问题。');
    // One PAGEREF a report, each to the bookmark on that report's title, which starts a new page.
    const refs = [...comp.matchAll(/PAGEREF (\S+) \\h/g)].map((m) => m[1]);
    const marks = [...comp.matchAll(/<w:pPr>(?:<w:keep\w+\/>)*<w:pageBreakBefore\/>[^]*?<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs).toEqual(marks);
    expect(comp).not.toContain('w:type="page"');
    expect(docxText((await must(core, 'debriefing.export', { kind: 'ballot-summary', year: 2026 })).base64)).toContain('86.0%');
    const plan = docxText((await must(core, 'debriefing.export', { kind: 'plan', year: 2026 })).base64);
    expect(plan).toContain('述职评议对象名单');
    expect(plan).toContain('好：综合得分不低于90分');
  });
});

describe('sample data', () => {
  it('loads a complete cycle last year and one in progress this year, and clears them', async () => {
    const c = open({ today: '2026-11-22' });
    await must(c, 'demo.load', {});
    const cycles = await must(c, 'debriefing.cycles', {});
    expect(cycles.map((x) => [x.year, x.isSample])).toEqual([[2026, true], [2025, true]]);
    const last = await must(c, 'debriefing.summary', { year: 2025 });
    expect(last.total.grades['未评定']).toBe(0);
    expect(last.total.byStatus).toEqual({ 已完成: last.total.debriefers });
    const now = await must(c, 'debriefing.summary', { year: 2026 });
    expect(Object.keys(now.total.byStatus).length).toBeGreaterThan(2);
    expect((await must(c, 'debriefing.reminders', {})).length).toBeGreaterThan(0);
    await must(c, 'demo.clear', {});
    expect(await must(c, 'debriefing.cycles', {})).toEqual([]);
    expect(await must(c, 'debriefing.units', {})).toEqual([]);
  });
});

describe('deleting a cycle', () => {
  it('removes its debriefers, their items and attached files, and is audited', async () => {
    await at('lastYear');
    const file = core.ctx.db.prepare('SELECT report_file_id FROM debriefers WHERE id = ?').pluck().get(debriefer) as number;
    const blob = () => core.ctx.db.prepare('SELECT COUNT(*) FROM attachment_files WHERE id = ?').pluck().get(file);
    expect(blob()).toBe(1);
    await must(core, 'debriefing.deleteCycle', { id: cycle2026 });
    expect(blob()).toBe(0);
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM debriefers WHERE cycle_id = ?').pluck().get(cycle2026)).toBe(0);
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM rectifications').pluck().get()).toBe(0);
    expect(core.ctx.db.prepare(`SELECT entity_label FROM audit_log WHERE entity = 'debriefing_cycle' AND action = 'delete'`).pluck().all()).toEqual(['2026年度述职评议']);
    // Last year's cycle is untouched.
    expect((await must(core, 'debriefing.cycles', {})).map((c) => c.year)).toEqual([2025]);
  });
});
