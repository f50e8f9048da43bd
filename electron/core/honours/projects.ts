import type { Overdue, ProjectDetail, ProjectFields, ProjectRow } from '../../../shared/contract/honours';
import {
  acceptanceGrade,
  AcceptanceSettings,
  DEFAULT_ACCEPTANCE_SETTINGS,
  describeAcceptanceSettings,
  milestoneOverdueDays,
  projectNextStatuses,
  projectTransitionProblem,
  type AcceptanceGrade,
  type ProjectFacts,
  type ProjectStatus,
} from '../../../shared/domain/honours/secretaryProjects';
import { diffFields } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/driver';
import { AppError, notFound } from '../errors';
import { getSetting, hasSetting, storeOrResetSetting } from '../settings/settings';
import { audit, changed } from './common';
import { projectResultChanged } from './rating';

export const ACCEPTANCE_SETTINGS_KEY = 'honours.acceptance';
export const acceptanceSettings = (db: Db): AcceptanceSettings => getSetting(db, ACCEPTANCE_SETTINGS_KEY, AcceptanceSettings, DEFAULT_ACCEPTANCE_SETTINGS);

export interface ProjectDbRow {
  id: number;
  year: number;
  organization_id: number | null;
  street: string | null;
  secretary: string;
  unit_name: string;
  title: string;
  problem: string | null;
  goal: string | null;
  measures: string | null;
  signed_on: string | null;
  status: ProjectStatus;
  midterm_note: string | null;
  self_score: number | null;
  superior_score: number | null;
  masses_score: number | null;
  grade: AcceptanceGrade | null;
  grade_score: number | null;
  grade_explanation: string | null;
  is_sample: number;
}

interface MilestoneDbRow {
  project_id: number;
  title: string;
  due_date: string;
  done_on: string | null;
}

export function loadProject(db: Db, id: number): ProjectDbRow {
  const p = db.prepare('SELECT * FROM secretary_projects WHERE id = ?').get(id) as ProjectDbRow | undefined;
  if (!p) throw notFound('该书记项目');
  return p;
}

function milestonesOf(db: Db, where: 'year' | 'id', key: number): Map<number, MilestoneDbRow[]> {
  const sql =
    where === 'year'
      ? 'SELECT * FROM project_milestones WHERE project_id IN (SELECT id FROM secretary_projects WHERE year = ?) ORDER BY project_id, position'
      : 'SELECT * FROM project_milestones WHERE project_id = ? ORDER BY position';
  const m = new Map<number, MilestoneDbRow[]>();
  for (const r of db.prepare(sql).all(key) as MilestoneDbRow[]) m.set(r.project_id, [...(m.get(r.project_id) ?? []), r]);
  return m;
}

const facts = (p: ProjectDbRow, milestones: MilestoneDbRow[]): ProjectFacts => ({
  planComplete: !!(p.problem?.trim() && p.goal?.trim() && p.measures?.trim()) && milestones.length > 0,
  midtermNote: !!p.midterm_note?.trim(),
  graded: p.self_score !== null && p.superior_score !== null && p.masses_score !== null,
});

/** The grade that counts: frozen at 已完成, else computed live from the three scores. */
function gradeOf(p: ProjectDbRow, s: AcceptanceSettings) {
  if (p.status === '已完成' && p.grade_explanation) return { grade: p.grade, score: p.grade_score, explanation: p.grade_explanation };
  return acceptanceGrade({ self: p.self_score, superior: p.superior_score, masses: p.masses_score }, s);
}

function toRow(p: ProjectDbRow, milestones: MilestoneDbRow[], s: AcceptanceSettings, today: string): ProjectRow {
  return {
    id: p.id,
    year: p.year,
    organizationId: p.organization_id,
    street: p.street,
    secretary: p.secretary,
    unitName: p.unit_name,
    title: p.title,
    status: p.status,
    nextStatuses: projectNextStatuses(p.status, facts(p, milestones)),
    milestones: {
      total: milestones.length,
      done: milestones.filter((m) => m.done_on).length,
      overdue: milestones.filter((m) => milestoneOverdueDays({ dueDate: m.due_date, doneOn: m.done_on }, p.status, today) !== null).length,
    },
    selfScore: p.self_score,
    superiorScore: p.superior_score,
    massesScore: p.masses_score,
    ...gradeOf(p, s),
    isSample: p.is_sample === 1,
  };
}

export function projectList(ctx: CoreContext, year: number, ids?: number[]): ProjectRow[] {
  const rows = ctx.db.prepare('SELECT * FROM secretary_projects WHERE year = ? ORDER BY street IS NULL, street, unit_name, id').all(year) as ProjectDbRow[];
  const ms = milestonesOf(ctx.db, 'year', year);
  const s = acceptanceSettings(ctx.db);
  const wanted = ids ? new Set(ids) : null;
  return rows.filter((p) => !wanted || wanted.has(p.id)).map((p) => toRow(p, ms.get(p.id) ?? [], s, ctx.clock.today()));
}

export function projectDetail(ctx: CoreContext, id: number): ProjectDetail {
  const p = loadProject(ctx.db, id);
  const ms = milestonesOf(ctx.db, 'id', id).get(id) ?? [];
  const today = ctx.clock.today();
  const row = toRow(p, ms, acceptanceSettings(ctx.db), today);
  return {
    ...row,
    milestoneCounts: row.milestones,
    problem: p.problem,
    goal: p.goal,
    measures: p.measures,
    signedOn: p.signed_on,
    midtermNote: p.midterm_note,
    milestones: ms.map((m) => ({ title: m.title, dueDate: m.due_date, doneOn: m.done_on, overdueDays: milestoneOverdueDays({ dueDate: m.due_date, doneOn: m.done_on }, p.status, today) })),
  };
}

const LABELS = { secretary: '书记', unitName: '所在党组织', title: '项目名称', problem: '问题', goal: '目标', measures: '措施', signedOn: '签订日期', midtermNote: '中期评估意见' } as const;

export function saveProject(ctx: CoreContext, input: ProjectFields & { id?: number }): { id: number } {
  const { db } = ctx;
  const before = input.id ? loadProject(db, input.id) : null;
  if (before?.status === '已完成') throw new AppError('CONFLICT', `“${before.title}”已完成验收，内容已锁定：如需修改，请先退回“结题验收”`);
  let street = input.street ?? null;
  if (input.organizationId) {
    const o = db.prepare('SELECT street FROM organizations WHERE id = ?').get(input.organizationId) as { street: string } | undefined;
    if (!o) throw notFound('所选组织');
    street ??= o.street;
  }
  const bad = input.milestones.findIndex((m) => m.doneOn && m.doneOn < `${input.year - 1}-01-01`);
  if (bad >= 0) throw new AppError('VALIDATION', `第 ${bad + 1} 个节点的完成日期早于项目年度，请检查`, [{ field: `milestones.${bad}.doneOn`, message: '完成日期有误' }]);
  const now = ctx.clock.now().toISOString();
  const params = {
    year: input.year,
    org: input.organizationId ?? null,
    street,
    secretary: input.secretary,
    unitName: input.unitName,
    title: input.title,
    problem: input.problem ?? null,
    goal: input.goal ?? null,
    measures: input.measures ?? null,
    signedOn: input.signedOn ?? null,
    midtermNote: input.midtermNote ?? null,
    now,
  };
  const id = db.transaction(() => {
    let pid: number;
    if (before) {
      pid = before.id;
      db.prepare(
        `UPDATE secretary_projects SET year=@year, organization_id=@org, street=@street, secretary=@secretary, unit_name=@unitName, title=@title, problem=@problem,
           goal=@goal, measures=@measures, signed_on=@signedOn, midterm_note=@midtermNote, updated_at=@now WHERE id=@id`,
      ).run({ ...params, id: pid });
      const old = { secretary: before.secretary, unitName: before.unit_name, title: before.title, problem: before.problem, goal: before.goal, measures: before.measures, signedOn: before.signed_on, midtermNote: before.midterm_note };
      audit(ctx, 'secretary_project', pid, input.title, 'update', diffFields(old, params, LABELS));
    } else {
      pid = Number(
        db
          .prepare(
            `INSERT INTO secretary_projects (year, organization_id, street, secretary, unit_name, title, problem, goal, measures, signed_on, midterm_note, created_at, updated_at)
             VALUES (@year, @org, @street, @secretary, @unitName, @title, @problem, @goal, @measures, @signedOn, @midtermNote, @now, @now)`,
          )
          .run(params).lastInsertRowid,
      );
      audit(ctx, 'secretary_project', pid, input.title, 'create');
    }
    db.prepare('DELETE FROM project_milestones WHERE project_id = ?').run(pid);
    const ins = db.prepare('INSERT INTO project_milestones (project_id, position, title, due_date, done_on) VALUES (?, ?, ?, ?, ?)');
    input.milestones.forEach((m, i) => ins.run(pid, i, m.title, m.dueDate, m.doneOn ?? null));
    return pid;
  })();
  changed(ctx);
  return { id };
}

export function setProjectStatus(ctx: CoreContext, id: number, to: ProjectStatus): void {
  const p = loadProject(ctx.db, id);
  const ms = milestonesOf(ctx.db, 'id', id).get(id) ?? [];
  const problem = projectTransitionProblem(p.status, to, facts(p, ms));
  if (problem) throw new AppError('VALIDATION', `“${p.title}”：${problem}`);
  // 已完成 freezes the grade, so a later change of weights never rewrites a finished project.
  const g = to === '已完成' ? acceptanceGrade({ self: p.self_score, superior: p.superior_score, masses: p.masses_score }, acceptanceSettings(ctx.db)) : null;
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE secretary_projects SET status = ?, grade = ?, grade_score = ?, grade_explanation = ?, updated_at = ? WHERE id = ?')
      .run(to, g?.grade ?? null, g?.score ?? null, g?.explanation ?? null, ctx.clock.now().toISOString(), id);
    audit(ctx, 'secretary_project', id, p.title, 'status', [{ field: 'status', label: '项目状态', oldValue: p.status, newValue: to }]);
    if (to === '已完成' || p.status === '已完成') projectResultChanged(ctx.db, p.year, p.organization_id);
  })();
  changed(ctx);
}

export function saveAcceptance(ctx: CoreContext, id: number, sc: { self: number | null; superior: number | null; masses: number | null }): void {
  const p = loadProject(ctx.db, id);
  if (p.status !== '结题验收') throw new AppError('CONFLICT', `“${p.title}”当前为“${p.status}”：验收得分在“结题验收”阶段录入`);
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE secretary_projects SET self_score = ?, superior_score = ?, masses_score = ?, updated_at = ? WHERE id = ?')
      .run(sc.self, sc.superior, sc.masses, ctx.clock.now().toISOString(), id);
    audit(
      ctx,
      'secretary_project',
      id,
      p.title,
      'acceptance',
      diffFields({ self: p.self_score, superior: p.superior_score, masses: p.masses_score }, sc, { self: '自查得分', superior: '上考得分', masses: '下评得分' }),
    );
  })();
  changed(ctx);
}

export function removeProject(ctx: CoreContext, id: number): void {
  const p = loadProject(ctx.db, id);
  if (p.status !== '立项') throw new AppError('CONFLICT', `“${p.title}”已在“${p.status}”阶段，不能删除：只有尚在“立项”的项目可以删除`);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM secretary_projects WHERE id = ?').run(id);
    audit(ctx, 'secretary_project', id, p.title, 'delete');
  })();
  changed(ctx);
}

/** Milestones past their date and not done, of projects still running. */
export function overdueMilestones(ctx: CoreContext): Overdue[] {
  const today = ctx.clock.today();
  const rows = ctx.db
    .prepare(
      `SELECT p.id, p.year, p.title, p.secretary, p.status, m.title AS milestone, m.due_date FROM project_milestones m JOIN secretary_projects p ON p.id = m.project_id
       WHERE m.done_on IS NULL ORDER BY m.due_date`,
    )
    .all() as { id: number; year: number; title: string; secretary: string; status: ProjectStatus; milestone: string; due_date: string }[];
  return rows.flatMap((r) => {
    const days = milestoneOverdueDays({ dueDate: r.due_date, doneOn: null }, r.status, today);
    return days === null ? [] : [{ kind: '节点' as const, id: r.id, year: r.year, label: r.title, detail: r.milestone, owner: r.secretary, deadline: r.due_date, daysOverdue: days }];
  });
}

export function acceptanceSettingsView(ctx: CoreContext) {
  const settings = acceptanceSettings(ctx.db);
  return { settings, description: describeAcceptanceSettings(settings), isDefault: !hasSetting(ctx.db, ACCEPTANCE_SETTINGS_KEY) };
}

export function saveAcceptanceSettings(ctx: CoreContext, next: AcceptanceSettings | null): void {
  const before = acceptanceSettings(ctx.db);
  ctx.db.transaction(() => {
    storeOrResetSetting(ctx.db, ACCEPTANCE_SETTINGS_KEY, next);
    audit(ctx, 'settings', null, '书记项目验收标准', next ? 'update' : 'reset', [
      { field: ACCEPTANCE_SETTINGS_KEY, label: '验收标准', oldValue: describeAcceptanceSettings(before).join('；'), newValue: describeAcceptanceSettings(next ?? DEFAULT_ACCEPTANCE_SETTINGS).join('；') },
    ]);
  })();
  changed(ctx);
}
