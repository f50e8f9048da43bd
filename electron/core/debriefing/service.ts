import path from 'node:path';
import type { OrgFilter } from '../../../shared/contract/orgs';
import {
  type ChecklistItem,
  type CycleFields,
  type CycleRow,
  type CycleSummary,
  type DebrieferDetail,
  type DebrieferRow,
  type DebrieferStatus,
  type Reminder,
  type Tally,
} from '../../../shared/contract/debriefing';
import type { FileInput, FileOutput } from '../../../shared/contract';
import { describeGradingSettings, hasVotes, tallyProblem, type Grade, type GradingSettings } from '../../../shared/domain/grading';
import { attachmentBytes, storeAttachment } from '../attachments/store';
import { diffFields, recordAudit } from '../audit/audit';
import type { AuditAction, AuditEntity } from '../../../shared/contract/safety';
import type { CoreContext } from '../context';
import type { Db } from '../db/driver';
import { AppError, notFound } from '../errors';
import { queryOrgs } from '../orgs/query';
import { termSettings } from '../orgs/service';
import { hasSetting, storeOrResetSetting } from '../settings/settings';
import { GRADING_SETTINGS_KEY, gradeView, gradingSettings } from './grades';
import { summarize } from './rollup';
import { isGraded, nextStatuses, overdueDays, transitionProblem, type StatusFacts } from './rules';
import {
  ballotItemsOf,
  cycleByYear,
  debriefersOf,
  loadCycle,
  loadDebriefer,
  loadParts,
  toCycleRow,
  type CycleDbRow,
  type DebrieferDbRow,
  type Parts,
} from './store';

const changed = (ctx: CoreContext) => ctx.emit('data.changed', { entity: 'debriefing' });
const audit = (ctx: CoreContext, entity: AuditEntity, entityId: number | null, entityLabel: string, action: AuditAction, changes?: Parameters<typeof recordAudit>[1]['changes']) =>
  recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action, entity, entityId, entityLabel, changes });

// ── cycles ────────────────────────────────────────────────────────────────────

export const listCycles = (ctx: CoreContext): CycleRow[] =>
  (ctx.db.prepare('SELECT * FROM debriefing_cycles ORDER BY year DESC').all() as CycleDbRow[]).map((c) => toCycleRow(ctx.db, c));

const CYCLE_LABELS = { year: '年度', name: '考核名称', startDate: '开始日期', endDate: '结束日期', ballotItems: '测评项目', notes: '备注' } as const;

export function saveCycle(ctx: CoreContext, input: CycleFields & { id?: number }): { id: number } {
  const { db } = ctx;
  if (input.endDate < input.startDate) {
    throw new AppError('VALIDATION', '结束日期应不早于开始日期', [{ field: 'endDate', message: '结束日期应不早于开始日期' }]);
  }
  const clash = cycleByYear(db, input.year);
  if (clash && clash.id !== input.id) {
    throw new AppError('CONFLICT', `${input.year} 年已有述职评议考核“${clash.name}”，每年只设一次，请直接打开它`, [
      { field: 'year', message: `${input.year} 年已有考核` },
    ]);
  }
  const now = ctx.clock.now().toISOString();
  const before = input.id ? toCycleRow(db, loadCycle(db, input.id)) : null;
  if (before && input.ballotItems.join('|') !== before.ballotItems.join('|')) {
    const used = db
      .prepare('SELECT COUNT(*) AS n FROM debriefing_ballots WHERE debriefer_id IN (SELECT id FROM debriefers WHERE cycle_id = ?) AND item NOT IN (SELECT value FROM json_each(?))')
      .get(input.id, JSON.stringify(input.ballotItems)) as { n: number };
    if (used.n > 0) throw new AppError('CONFLICT', '已录入票数的测评项目不能删除或改名：请先清空这些项目的票数');
  }
  const params = { ...input, notes: input.notes ?? null, items: JSON.stringify(input.ballotItems), now };
  const id = db.transaction(() => {
    let cycleId: number;
    if (before) {
      db.prepare(
        'UPDATE debriefing_cycles SET year=@year, name=@name, start_date=@startDate, end_date=@endDate, ballot_items=@items, notes=@notes, updated_at=@now WHERE id=@id',
      ).run(params);
      cycleId = before.id;
      audit(ctx, 'debriefing_cycle', cycleId, input.name, 'update', diffFields(before, input, CYCLE_LABELS));
    } else {
      cycleId = Number(
        db
          .prepare(
            `INSERT INTO debriefing_cycles (year, name, start_date, end_date, ballot_items, notes, created_at, updated_at)
             VALUES (@year, @name, @startDate, @endDate, @items, @notes, @now, @now)`,
          )
          .run(params).lastInsertRowid,
      );
      audit(ctx, 'debriefing_cycle', cycleId, input.name, 'create');
    }
    return cycleId;
  })();
  changed(ctx);
  return { id };
}

export function deleteCycle(ctx: CoreContext, id: number): void {
  const c = loadCycle(ctx.db, id);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM debriefing_cycles WHERE id = ?').run(id);
    audit(ctx, 'debriefing_cycle', id, c.name, 'delete');
  })();
  changed(ctx);
}

// ── debriefer rows and roll-up ────────────────────────────────────────────────

function statusFacts(d: DebrieferDbRow, parts: Parts, hasGrade: boolean): StatusFacts {
  const rect = parts.rectifications(d.id);
  return {
    hasReport: !!(d.report_text?.trim() || d.report_file_name),
    hasGrade,
    rectifications: rect.length,
    openRectifications: rect.filter((r) => r.status !== '已完成').length,
  };
}

/** Who is the "same" debriefer in another year: the organisation, the member unit, or the committee tier by name. */
const identity = (d: Pick<DebrieferDbRow, 'tier' | 'organization_id' | 'unit_id' | 'name'>) =>
  d.organization_id ? `o${d.organization_id}` : d.unit_id ? `u${d.unit_id}` : `${d.tier}:${d.name}`;

function gradesOfCycle(db: Db, c: CycleDbRow, s: GradingSettings, today: string) {
  const parts = loadParts(db, { cycleId: c.id }, today);
  const items = ballotItemsOf(c);
  return debriefersOf(db, c.id).map((d) => ({ d, view: gradeView(d, parts.ballots(d.id), parts.checklist(d.id), items, s), parts }));
}

export function debrieferRows(ctx: CoreContext, c: CycleDbRow): DebrieferRow[] {
  const s = gradingSettings(ctx.db);
  const today = ctx.clock.today();
  const last = cycleByYear(ctx.db, c.year - 1);
  const lastGrades = new Map<string, Grade | null>();
  if (last) for (const { d, view } of gradesOfCycle(ctx.db, last, s, today)) lastGrades.set(identity(d), isGraded(d.status) ? view.grade : null);
  return gradesOfCycle(ctx.db, c, s, today).map(({ d, view, parts }) => {
    const rect = parts.rectifications(d.id);
    return {
      id: d.id,
      cycleId: d.cycle_id,
      tier: d.tier,
      name: d.name,
      person: d.person,
      street: d.street,
      organizationId: d.organization_id,
      unitId: d.unit_id,
      status: d.status,
      nextStatuses: nextStatuses(d.status, statusFacts(d, parts, view.grade !== null)),
      hasReport: !!(d.report_text?.trim() || d.report_file_name),
      grade: view.grade,
      gradeFinal: isGraded(d.status),
      explanation: view.explanation,
      overridden: view.overridden,
      score: view.score,
      lastYearGrade: lastGrades.get(identity(d)) ?? null,
      rectifications: { total: rect.length, open: rect.filter((r) => r.status !== '已完成').length, overdue: rect.filter((r) => r.overdue).length },
    };
  });
}

export function cycleView(ctx: CoreContext, id: number): { cycle: CycleRow; debriefers: DebrieferRow[]; summary: CycleSummary } {
  const c = loadCycle(ctx.db, id);
  const debriefers = debrieferRows(ctx, c);
  return { cycle: toCycleRow(ctx.db, c), debriefers, summary: summarize(c.year, c.name, debriefers) };
}

export function cycleForYear(ctx: CoreContext, year: number): CycleDbRow {
  const c = cycleByYear(ctx.db, year);
  if (!c) throw new AppError('NOT_FOUND', `${year} 年尚未建立述职评议考核：请先在“述职评议”中新建`);
  return c;
}

export function summaryForYear(ctx: CoreContext, year: number): CycleSummary {
  const c = cycleForYear(ctx, year);
  return summarize(c.year, c.name, debrieferRows(ctx, c));
}

// ── adding and removing debriefers ────────────────────────────────────────────

const insertDebriefer = (db: Db) =>
  db.prepare(
    `INSERT OR IGNORE INTO debriefers (cycle_id, tier, organization_id, unit_id, name, person, street, status, created_at, updated_at)
     VALUES (@cycleId, @tier, @organizationId, @unitId, @name, @person, @street, '待提交', @now, @now)`,
  );

/** Party organisations picked from the case files by a filter (only those with a party org), or by id. */
export function addOrgs(ctx: CoreContext, cycleId: number, filter: OrgFilter | undefined, organizationIds: number[] | undefined) {
  const c = loadCycle(ctx.db, cycleId);
  // Only organisations with a party org have a secretary to debrief: 'own'/'joint' narrow that further.
  const partyOrg = filter?.partyOrg === 'own' || filter?.partyOrg === 'joint' ? filter.partyOrg : 'built';
  const rows = queryOrgs(ctx.db, { ...(filter ?? {}), partyOrg, offset: 0, limit: 200_000 }, ctx.clock.today(), termSettings(ctx.db));
  const wanted = organizationIds ? new Set(organizationIds) : null;
  const picked = rows.filter((r) => r.partyOrgBuilt && (!wanted || wanted.has(r.id)));
  if (picked.length === 0) throw new AppError('VALIDATION', '没有符合条件且已建立党组织的组织：请调整筛选条件');
  const names = new Map(
    (ctx.db.prepare('SELECT organization_id AS id, name FROM party_orgs WHERE built = 1').all() as { id: number; name: string | null }[]).map((r) => [r.id, r.name]),
  );
  const now = ctx.clock.now().toISOString();
  const added = ctx.db.transaction(() => {
    const ins = insertDebriefer(ctx.db);
    let n = 0;
    for (const o of picked) {
      n += ins.run({ cycleId, tier: '两新党组织书记', organizationId: o.id, unitId: null, name: names.get(o.id) || `${o.name}党组织`, person: o.secretaryName, street: o.street, now }).changes;
    }
    audit(ctx, 'debriefing_cycle', cycleId, c.name, 'add_debriefers', [{ field: 'debriefers', label: '添加两新党组织书记', oldValue: null, newValue: `${n} 个` }]);
    return n;
  })();
  changed(ctx);
  return { added, skipped: picked.length - added };
}

export function addUnits(ctx: CoreContext, cycleId: number, unitIds: number[]) {
  const c = loadCycle(ctx.db, cycleId);
  const units = ctx.db
    .prepare('SELECT id, name, leader, contact_person FROM member_units WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(unitIds)) as { id: number; name: string; leader: string | null; contact_person: string | null }[];
  if (units.length !== unitIds.length) throw notFound('所选成员单位');
  const now = ctx.clock.now().toISOString();
  const added = ctx.db.transaction(() => {
    const ins = insertDebriefer(ctx.db);
    let n = 0;
    for (const u of units) n += ins.run({ cycleId, tier: '工委成员单位', organizationId: null, unitId: u.id, name: u.name, person: u.leader, street: null, now }).changes;
    audit(ctx, 'debriefing_cycle', cycleId, c.name, 'add_debriefers', [{ field: 'debriefers', label: '添加工委成员单位', oldValue: null, newValue: `${n} 个` }]);
    return n;
  })();
  changed(ctx);
  return { added, skipped: units.length - added };
}

export function addCommittee(ctx: CoreContext, cycleId: number, name: string, person: string | null | undefined) {
  const c = loadCycle(ctx.db, cycleId);
  const dup = ctx.db.prepare(`SELECT id FROM debriefers WHERE cycle_id = ? AND tier = '两新工委' AND name = ?`).get(cycleId, name);
  if (dup) throw new AppError('CONFLICT', `“${name}”已在本次考核的两新工委层级中`);
  const now = ctx.clock.now().toISOString();
  const id = ctx.db.transaction(() => {
    const r = insertDebriefer(ctx.db).run({ cycleId, tier: '两新工委', organizationId: null, unitId: null, name, person: person ?? null, street: null, now });
    audit(ctx, 'debriefer', Number(r.lastInsertRowid), name, 'create', [{ field: 'cycle', label: '述职评议考核', oldValue: null, newValue: c.name }]);
    return Number(r.lastInsertRowid);
  })();
  changed(ctx);
  return { id };
}

export function removeDebriefer(ctx: CoreContext, id: number): void {
  const d = loadDebriefer(ctx.db, id);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM debriefers WHERE id = ?').run(id);
    audit(ctx, 'debriefer', id, d.name, 'delete');
  })();
  changed(ctx);
}

// ── one debriefer ─────────────────────────────────────────────────────────────

export function debrieferDetail(ctx: CoreContext, id: number): DebrieferDetail {
  const d = loadDebriefer(ctx.db, id);
  const c = loadCycle(ctx.db, d.cycle_id);
  const row = debrieferRows(ctx, c).find((r) => r.id === id)!;
  const parts = loadParts(ctx.db, { debrieferId: id }, ctx.clock.today());
  const view = gradeView(d, parts.ballots(id), parts.checklist(id), ballotItemsOf(c), gradingSettings(ctx.db));
  return {
    ...row,
    cycleYear: c.year,
    ballotItems: ballotItemsOf(c),
    reportText: d.report_text,
    reportSubmittedOn: d.report_submitted_on,
    reportFileName: d.report_file_name,
    debriefedOn: d.debriefed_on,
    ballots: parts.ballots(id),
    items: view.live.items,
    computed: view.computed,
    overrideGrade: d.override_grade as Grade | null,
    overrideReason: d.override_reason,
    checklist: parts.checklist(id),
    rectificationItems: parts.rectifications(id),
  };
}

const REPORT_EXTS = ['.doc', '.docx', '.wps', '.pdf', '.txt', '.ofd'];
const MAX_REPORT_BYTES = 30 * 1024 * 1024;

export function saveReport(ctx: CoreContext, id: number, input: { text?: string | null; submittedOn?: string | null; file?: FileInput | null }): void {
  const d = loadDebriefer(ctx.db, id);
  let bytes: Buffer | null = null;
  let fileName = d.report_file_name;
  if (input.file) {
    const ext = path.extname(input.file.name).toLowerCase();
    if (!REPORT_EXTS.includes(ext)) throw new AppError('UNSUPPORTED_FILE', `述职报告文件只支持 ${REPORT_EXTS.join('、')}，“${input.file.name}”不是这些格式`);
    bytes = Buffer.from(input.file.base64, 'base64');
    if (bytes.length > MAX_REPORT_BYTES) throw new AppError('LIMIT', `述职报告文件过大（${(bytes.length / 1048576).toFixed(1)} MB），请控制在 30 MB 以内`);
    fileName = path.basename(input.file.name.replace(/\\/g, '/'));
  }
  const text = input.text === undefined ? d.report_text : input.text?.trim() || null;
  const submittedOn = input.submittedOn === undefined ? d.report_submitted_on : input.submittedOn;
  ctx.db.transaction(() => {
    // A new file replaces the old one's bytes (trigger) and any path an older database named.
    const fileId = bytes ? storeAttachment(ctx.db, bytes) : d.report_file_id;
    const legacyPath = bytes ? null : d.report_file_path;
    ctx.db
      .prepare('UPDATE debriefers SET report_text = ?, report_submitted_on = ?, report_file_name = ?, report_file_id = ?, report_file_path = ?, updated_at = ? WHERE id = ?')
      .run(text, submittedOn, fileName, fileId, legacyPath, ctx.clock.now().toISOString(), id);
    audit(
      ctx,
      'debriefer',
      id,
      d.name,
      'update',
      diffFields(
        { text: d.report_text ? `${d.report_text.length} 字` : null, submittedOn: d.report_submitted_on, fileName: d.report_file_name },
        { text: text ? `${text.length} 字` : null, submittedOn, fileName },
        { text: '述职报告', submittedOn: '报告提交日期', fileName: '报告文件' },
      ),
    );
  })();
  changed(ctx);
}

export function reportFile(ctx: CoreContext, id: number): FileOutput {
  const d = loadDebriefer(ctx.db, id);
  const bytes = d.report_file_id === null ? null : attachmentBytes(ctx.db, d.report_file_id);
  if (!bytes) {
    throw new AppError('NOT_FOUND', d.report_file_name ? `“${d.name}”的述职报告文件“${d.report_file_name}”内容缺失（来自旧版本或外来的数据库，未能找回），请重新上传` : `“${d.name}”没有上传述职报告文件`);
  }
  return { fileName: d.report_file_name ?? '述职报告', mime: 'application/octet-stream', base64: bytes.toString('base64') };
}

function refuseWhenGraded(d: DebrieferDbRow, what: string): void {
  if (isGraded(d.status)) throw new AppError('CONFLICT', `“${d.name}”已${d.status}，${what}已锁定。如需修改，请先把状态退回到“已述职”`);
}

export function saveBallots(ctx: CoreContext, id: number, tallies: Tally[]): void {
  const d = loadDebriefer(ctx.db, id);
  refuseWhenGraded(d, '民主测评票数');
  const items = ballotItemsOf(loadCycle(ctx.db, d.cycle_id));
  const issues = tallies.flatMap((t, i) => {
    if (!items.includes(t.item)) return [{ field: `tallies.${i}.item`, message: `“${t.item}”不是本次考核的测评项目` }];
    const problem = hasVotes(t) ? tallyProblem(t) : null;
    return problem ? [{ field: `tallies.${i}`, message: problem }] : [];
  });
  if (new Set(tallies.map((t) => t.item)).size !== tallies.length) issues.push({ field: 'tallies', message: '同一测评项目录入了两次' });
  if (issues.length) throw new AppError('VALIDATION', issues.map((x) => x.message).join('；'), issues);
  const entered = tallies.filter(hasVotes);
  ctx.db.transaction(() => {
    const before = loadParts(ctx.db, { debrieferId: id }, ctx.clock.today()).ballots(id);
    ctx.db.prepare('DELETE FROM debriefing_ballots WHERE debriefer_id = ?').run(id);
    const ins = ctx.db.prepare(
      `INSERT INTO debriefing_ballots (debriefer_id, item, position, issued, valid, good, fairly_good, average, poor)
       VALUES (@id, @item, @position, @issued, @valid, @good, @fairlyGood, @average, @poor)`,
    );
    for (const t of entered) ins.run({ id, ...t, position: items.indexOf(t.item) });
    const fmt = (xs: Tally[]) => xs.map((t) => `${t.item} 发${t.issued}/有效${t.valid}/好${t.good}/较好${t.fairlyGood}/一般${t.average}/差${t.poor}`).join('；') || null;
    audit(ctx, 'debriefer', id, d.name, 'update', diffFields({ ballots: fmt(before) }, { ballots: fmt(entered) }, { ballots: '民主测评票数' }));
    ctx.db.prepare('UPDATE debriefers SET updated_at = ? WHERE id = ?').run(ctx.clock.now().toISOString(), id);
  })();
  changed(ctx);
}

export function saveChecklist(ctx: CoreContext, id: number, items: ChecklistItem[]): void {
  const d = loadDebriefer(ctx.db, id);
  refuseWhenGraded(d, '考核指标评分');
  const issues = items.flatMap((l, i) => {
    const out: { field: string; message: string }[] = [];
    for (const [v, label] of [[l.selfScore, '自评'], [l.superiorScore, '上级评分']] as const) {
      if (v !== null && (v < 0 || v > l.maxScore)) out.push({ field: `items.${i}`, message: `第 ${i + 1} 行“${l.indicator}”的${label} ${v} 应在 0 到分值 ${l.maxScore} 之间` });
    }
    if (l.adjustment !== 0 && !l.adjustmentReason?.trim()) out.push({ field: `items.${i}.adjustmentReason`, message: `第 ${i + 1} 行“${l.indicator}”有加减分，请填写理由` });
    return out;
  });
  if (issues.length) throw new AppError('VALIDATION', issues.map((x) => x.message).join('；'), issues);
  ctx.db.transaction(() => {
    const before = loadParts(ctx.db, { debrieferId: id }, ctx.clock.today()).checklist(id);
    ctx.db.prepare('DELETE FROM debriefing_checklist WHERE debriefer_id = ?').run(id);
    const ins = ctx.db.prepare(
      `INSERT INTO debriefing_checklist (debriefer_id, position, indicator, max_score, self_score, superior_score, adjustment, adjustment_reason)
       VALUES (@id, @position, @indicator, @maxScore, @selfScore, @superiorScore, @adjustment, @adjustmentReason)`,
    );
    items.forEach((l, position) => ins.run({ id, position, ...l, adjustmentReason: l.adjustmentReason ?? null }));
    const fmt = (xs: ChecklistItem[]) =>
      xs.map((l) => `${l.indicator}（${l.maxScore}分）自评${l.selfScore ?? '—'}/上级${l.superiorScore ?? '—'}${l.adjustment ? `/加减${l.adjustment}：${l.adjustmentReason}` : ''}`).join('；') || null;
    audit(ctx, 'debriefer', id, d.name, 'update', diffFields({ checklist: fmt(before) }, { checklist: fmt(items) }, { checklist: '考核指标评分' }));
  })();
  changed(ctx);
}

export function setStatus(ctx: CoreContext, id: number, to: DebrieferStatus, date?: string): void {
  const d = loadDebriefer(ctx.db, id);
  const c = loadCycle(ctx.db, d.cycle_id);
  const parts = loadParts(ctx.db, { debrieferId: id }, ctx.clock.today());
  const view = gradeView(d, parts.ballots(id), parts.checklist(id), ballotItemsOf(c), gradingSettings(ctx.db));
  const problem = transitionProblem(d.status, to, statusFacts(d, parts, view.grade !== null));
  if (problem) throw new AppError('VALIDATION', `“${d.name}”不能变为“${to}”：${problem}`, [{ field: 'status', message: problem }]);
  const now = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    const set: Record<string, unknown> = { status: to };
    if (to === '已提交报告' && !d.report_submitted_on) set.report_submitted_on = date ?? ctx.clock.today();
    if (to === '已述职') set.debriefed_on = date ?? d.debriefed_on ?? ctx.clock.today();
    // Reaching 已评定 freezes the computed grade; stepping back below it thaws it.
    if (to === '已评定' && !isGraded(d.status)) {
      set.computed_grade = view.live.grade;
      set.computed_explanation = view.live.explanation;
      set.computed_score = view.live.grade ? view.live.score : null;
    }
    if (!isGraded(to)) Object.assign(set, { computed_grade: null, computed_explanation: null, computed_score: null });
    const cols = Object.keys(set);
    ctx.db.prepare(`UPDATE debriefers SET ${cols.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @now WHERE id = @id`).run({ ...set, now, id });
    audit(ctx, 'debriefer', id, d.name, 'status', [{ field: 'status', label: '状态', oldValue: d.status, newValue: to }]);
  })();
  changed(ctx);
}

export function overrideGrade(ctx: CoreContext, id: number, grade: Grade | null, reason: string | null | undefined): void {
  const d = loadDebriefer(ctx.db, id);
  if (grade && !reason?.trim()) throw new AppError('VALIDATION', '委员会调整等次必须写明理由', [{ field: 'reason', message: '请填写调整理由' }]);
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE debriefers SET override_grade = ?, override_reason = ?, updated_at = ? WHERE id = ?').run(grade, grade ? reason!.trim() : null, ctx.clock.now().toISOString(), id);
    audit(ctx, 'debriefer', id, d.name, grade ? 'override' : 'override_clear', diffFields(
      { grade: d.override_grade, reason: d.override_reason },
      { grade, reason: grade ? reason!.trim() : null },
      { grade: '委员会评定等次', reason: '调整理由' },
    ));
  })();
  changed(ctx);
}

// ── rectification ─────────────────────────────────────────────────────────────

const RECT_LABELS = { problem: '问题', measures: '整改措施', owner: '责任人', deadline: '整改时限', status: '整改状态', evidence: '整改佐证' } as const;

export function saveRectification(
  ctx: CoreContext,
  input: { id?: number; debrieferId: number; problem: string; measures?: string | null; owner?: string | null; deadline: string | null; status: '未开始' | '整改中' | '已完成'; evidence?: string | null },
): { id: number } {
  const d = loadDebriefer(ctx.db, input.debrieferId);
  const now = ctx.clock.now().toISOString();
  const v = { ...input, measures: input.measures ?? null, owner: input.owner ?? null, evidence: input.evidence ?? null };
  const id = ctx.db.transaction(() => {
    if (input.id) {
      const before = ctx.db.prepare('SELECT problem, measures, owner, deadline, status, evidence, completed_on FROM rectifications WHERE id = ? AND debriefer_id = ?').get(input.id, input.debrieferId) as
        | (typeof v & { completed_on: string | null })
        | undefined;
      if (!before) throw notFound('该整改事项');
      const completedOn = v.status === '已完成' ? (before.completed_on ?? ctx.clock.today()) : null;
      ctx.db
        .prepare('UPDATE rectifications SET problem=@problem, measures=@measures, owner=@owner, deadline=@deadline, status=@status, evidence=@evidence, completed_on=@completedOn, updated_at=@now WHERE id=@id')
        .run({ ...v, completedOn, now });
      audit(ctx, 'rectification', input.id, `${d.name}：${input.problem.slice(0, 30)}`, 'update', diffFields(before, v, RECT_LABELS));
      return input.id;
    }
    const newId = Number(
      ctx.db
        .prepare(
          `INSERT INTO rectifications (debriefer_id, problem, measures, owner, deadline, status, evidence, completed_on, created_at, updated_at)
           VALUES (@debrieferId, @problem, @measures, @owner, @deadline, @status, @evidence, @completedOn, @now, @now)`,
        )
        .run({ ...v, completedOn: v.status === '已完成' ? ctx.clock.today() : null, now }).lastInsertRowid,
    );
    audit(ctx, 'rectification', newId, `${d.name}：${input.problem.slice(0, 30)}`, 'create', diffFields(null, v, RECT_LABELS));
    return newId;
  })();
  changed(ctx);
  return { id };
}

export function deleteRectification(ctx: CoreContext, id: number): void {
  const r = ctx.db.prepare('SELECT problem FROM rectifications WHERE id = ?').get(id) as { problem: string } | undefined;
  if (!r) throw notFound('该整改事项');
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM rectifications WHERE id = ?').run(id);
    audit(ctx, 'rectification', id, r.problem.slice(0, 30), 'delete');
  })();
  changed(ctx);
}

/** Overdue rectification items of every cycle, most overdue first (the overview page's reminders). */
export function reminders(ctx: CoreContext): Reminder[] {
  const today = ctx.clock.today();
  const rows = ctx.db
    .prepare(
      `SELECT r.id, r.debriefer_id, r.problem, r.owner, r.deadline, r.status, d.name AS debriefer, c.year
       FROM rectifications r JOIN debriefers d ON d.id = r.debriefer_id JOIN debriefing_cycles c ON c.id = d.cycle_id
       WHERE r.status <> '已完成' AND r.deadline IS NOT NULL AND r.deadline < ?`,
    )
    .all(today) as { id: number; debriefer_id: number; problem: string; owner: string | null; deadline: string; status: string; debriefer: string; year: number }[];
  return rows
    .map((r) => ({ id: r.id, debrieferId: r.debriefer_id, cycleYear: r.year, debriefer: r.debriefer, problem: r.problem, owner: r.owner, deadline: r.deadline, daysOverdue: overdueDays(r, today) ?? 0 }))
    .filter((r) => r.daysOverdue > 0)
    .sort((a, b) => b.daysOverdue - a.daysOverdue);
}

// ── settings ──────────────────────────────────────────────────────────────────

export function settingsView(ctx: CoreContext) {
  const settings = gradingSettings(ctx.db);
  return { settings, description: describeGradingSettings(settings), isDefault: !hasSetting(ctx.db, GRADING_SETTINGS_KEY) };
}

export function saveSettings(ctx: CoreContext, next: GradingSettings | null): void {
  if (next) {
    const issues: { field: string; message: string }[] = [];
    if (next.good.minScore < next.fairlyGood.minScore) issues.push({ field: 'good.minScore', message: '“好”的最低得分不能低于“较好”' });
    if (next.fairlyGood.minScore < next.average.minScore) issues.push({ field: 'fairlyGood.minScore', message: '“较好”的最低得分不能低于“一般”' });
    if (next.good.minFavourableShare < next.fairlyGood.minFavourableShare) issues.push({ field: 'good.minFavourableShare', message: '“好”的好和较好票比例不能低于“较好”' });
    if (issues.length) throw new AppError('VALIDATION', issues.map((i) => i.message).join('；'), issues);
  }
  const before = settingsView(ctx);
  ctx.db.transaction(() => {
    storeOrResetSetting(ctx.db, GRADING_SETTINGS_KEY, next);
    const after = next ?? settingsView(ctx).settings;
    audit(ctx, 'settings', null, '评定标准', next ? 'update' : 'reset', [
      { field: GRADING_SETTINGS_KEY, label: '评定标准', oldValue: before.description.slice(0, 4).join('；'), newValue: describeGradingSettings(after).slice(0, 4).join('；') },
    ]);
  })();
  changed(ctx);
}
