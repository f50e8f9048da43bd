import { afterEach, describe, expect, it } from 'vitest';
import { DEBRIEFER_STATUSES } from '../../shared/contract/debriefing';
import { nextStatuses, overdueDays, transitionProblem, type StatusFacts } from '../../electron/core/debriefing/rules';
import { must, testCore } from '../helpers/core';

const facts = (patch: Partial<StatusFacts> = {}): StatusFacts => ({ hasReport: true, hasGrade: true, rectifications: 1, openRectifications: 0, ...patch });

describe('status transitions', () => {
  it('walks the whole path one step at a time', () => {
    for (let i = 0; i + 1 < DEBRIEFER_STATUSES.length; i++) {
      expect(transitionProblem(DEBRIEFER_STATUSES[i], DEBRIEFER_STATUSES[i + 1], facts())).toBeNull();
    }
  });

  it('rejects skipping steps with the step that comes next', () => {
    expect(transitionProblem('待提交', '已述职', facts())).toBe('不能从“待提交”直接变为“已述职”，下一步应为“已提交报告”');
    expect(transitionProblem('已提交报告', '已评定', facts())).toBe('不能从“已提交报告”直接变为“已评定”，下一步应为“已述职”');
  });

  it('needs a report, a grade, a rectification item, and all items done', () => {
    expect(transitionProblem('待提交', '已提交报告', facts({ hasReport: false }))).toMatch(/尚未录入述职报告/);
    expect(transitionProblem('已述职', '已评定', facts({ hasGrade: false }))).toMatch(/尚无等次/);
    expect(transitionProblem('已评定', '整改中', facts({ rectifications: 0 }))).toMatch(/尚无整改事项/);
    expect(transitionProblem('整改中', '已完成', facts({ openRectifications: 2 }))).toBe('还有 2 项整改未完成，全部完成后才能办结');
  });

  it('goes from 已评定 straight to 已完成 only when there is nothing to rectify', () => {
    expect(transitionProblem('已评定', '已完成', facts({ rectifications: 0 }))).toBeNull();
    expect(transitionProblem('已评定', '已完成', facts({ rectifications: 1, openRectifications: 1 }))).toMatch(/下一步应为“整改中”/);
    expect(transitionProblem('已完成', '已评定', facts({ rectifications: 0 }))).toBeNull();
  });

  it('allows one step back, never two, and refuses the same status', () => {
    expect(transitionProblem('已述职', '已提交报告', facts())).toBeNull();
    expect(transitionProblem('已评定', '待提交', facts())).toBe('只能退回一步：“已评定”只能退回到“已述职”');
    expect(transitionProblem('已述职', '已述职', facts())).toBe('当前已是“已述职”');
  });

  it('lists the statuses a debriefer may move to', () => {
    expect(nextStatuses('待提交', facts({ hasReport: false }))).toEqual([]);
    expect(nextStatuses('已述职', facts({ hasGrade: true }))).toEqual(['已提交报告', '已评定']);
    expect(nextStatuses('已评定', facts({ rectifications: 0 }))).toEqual(['已述职', '已完成']);
  });
});

describe('overdue rectification', () => {
  it('is overdue the day after the deadline while not done', () => {
    expect(overdueDays({ deadline: '2026-11-22', status: '整改中' }, '2026-11-22')).toBeNull();
    expect(overdueDays({ deadline: '2026-11-21', status: '整改中' }, '2026-11-22')).toBe(1);
    expect(overdueDays({ deadline: '2026-10-23', status: '未开始' }, '2026-11-22')).toBe(30);
  });

  it('is never overdue when done or without a deadline', () => {
    expect(overdueDays({ deadline: '2026-01-01', status: '已完成' }, '2026-11-22')).toBeNull();
    expect(overdueDays({ deadline: null, status: '整改中' }, '2026-11-22')).toBeNull();
  });
});

describe('status and reminders through the core', () => {
  const cores: ReturnType<typeof testCore>[] = [];
  afterEach(() => cores.splice(0).forEach((c) => c.close()));

  it('rejects an invalid change with the debriefer’s name and the reason, and lists overdue items', async () => {
    const core = testCore({ today: '2026-12-10' });
    cores.push(core);
    const { id: cycleId } = await must(core, 'debriefing.saveCycle', {
      year: 2026, name: '2026年度述职评议', startDate: '2026-11-01', endDate: '2026-12-31', ballotItems: ['总体评价'],
    });
    const { id } = await must(core, 'debriefing.addCommittee', { cycleId, name: '区两新工委', person: '张建国' });
    const r = await core.invoke('debriefing.setStatus', { id, status: '已提交报告' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('“区两新工委”不能变为“已提交报告”：尚未录入述职报告：请先粘贴报告正文或上传报告文件');

    await must(core, 'debriefing.saveRectification', { debrieferId: id, problem: '阵地建设滞后', deadline: '2026-12-01', status: '整改中' });
    await must(core, 'debriefing.saveRectification', { debrieferId: id, problem: '按期整改', deadline: '2026-12-31', status: '整改中' });
    await must(core, 'debriefing.saveRectification', { debrieferId: id, problem: '已完成的', deadline: '2026-11-01', status: '已完成' });
    const reminders = await must(core, 'debriefing.reminders', {});
    expect(reminders.map((x) => [x.problem, x.daysOverdue])).toEqual([['阵地建设滞后', 9]]);
  });
});
