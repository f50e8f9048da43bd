import type { WeakCandidate, WeakFields, WeakRow } from '../../../shared/contract/honours';
import { conversionRate, weakOverdueDays, type WeakStatus } from '../../../shared/domain/honours/weakOrgs';
import { diffFields } from '../audit/audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { audit, changed, ORG_LABEL_SELECT, type OrgLabel } from './common';
import { ratingRows, roundByYear } from './rating';

interface WeakDbRow {
  id: number;
  year: number;
  organization_id: number;
  source: WeakRow['source'];
  reason: string;
  problems: string | null;
  plan: string | null;
  leader: string | null;
  deadline: string | null;
  progress: string | null;
  status: WeakStatus;
  closed_on: string | null;
  name: string;
  street: string;
}

const SELECT = `SELECT w.*, o.name, o.street FROM weak_orgs w JOIN organizations o ON o.id = w.organization_id`;

const toRow = (w: WeakDbRow, today: string): WeakRow => ({
  id: w.id,
  year: w.year,
  organizationId: w.organization_id,
  name: w.name,
  street: w.street,
  source: w.source,
  reason: w.reason,
  problems: w.problems,
  plan: w.plan,
  leader: w.leader,
  deadline: w.deadline,
  progress: w.progress,
  status: w.status,
  closedOn: w.closed_on,
  overdueDays: weakOverdueDays(w, today),
});

function loadWeak(ctx: CoreContext, id: number): WeakDbRow {
  const w = ctx.db.prepare(`${SELECT} WHERE w.id = ?`).get(id) as WeakDbRow | undefined;
  if (!w) throw notFound('该整顿事项');
  return w;
}

/** One-star and veto organisations of the year's round not yet confirmed: the user confirms each. */
export function weakCandidates(ctx: CoreContext, year: number): WeakCandidate[] {
  const r = roundByYear(ctx.db, year);
  if (!r) return [];
  const confirmed = new Set(ctx.db.prepare('SELECT organization_id FROM weak_orgs WHERE year = ?').pluck().all(year) as number[]);
  return ratingRows(ctx.db, r)
    .filter((x) => x.weakCandidate && !confirmed.has(x.organizationId))
    .map((x) => ({ organizationId: x.organizationId, name: x.name, street: x.street, stars: x.stars, explanation: x.explanation, source: x.vetoes.length ? '一票否决' : '一星' }));
}

export function confirmWeak(ctx: CoreContext, input: { year: number; organizationId: number; source: WeakRow['source']; reason: string }): { id: number } {
  const org = ctx.db.prepare(`${ORG_LABEL_SELECT} WHERE o.id = ?`).get(input.organizationId) as OrgLabel | undefined;
  if (!org) throw notFound('该组织档案');
  if (ctx.db.prepare('SELECT 1 FROM weak_orgs WHERE year = ? AND organization_id = ?').get(input.year, input.organizationId)) {
    throw new AppError('CONFLICT', `“${org.name}”已确定为 ${input.year} 年软弱涣散党组织，请在整顿台账中打开它`);
  }
  const now = ctx.clock.now().toISOString();
  const id = ctx.db.transaction(() => {
    const newId = Number(
      ctx.db
        .prepare(`INSERT INTO weak_orgs (year, organization_id, source, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(input.year, input.organizationId, input.source, input.reason, now, now).lastInsertRowid,
    );
    audit(ctx, 'weak_org', newId, org.name, 'create', [{ field: 'reason', label: '认定理由', oldValue: null, newValue: `${input.source}：${input.reason}` }]);
    return newId;
  })();
  changed(ctx);
  return { id };
}

export function weakList(ctx: CoreContext, year: number) {
  const rows = ctx.db.prepare(`${SELECT} WHERE w.year = ? ORDER BY o.street, o.name`).all(year) as WeakDbRow[];
  const items = rows.map((w) => toRow(w, ctx.clock.today()));
  return { items, rate: conversionRate(items.map((i) => i.status)) };
}

const LABELS = { problems: '存在问题', plan: '整顿方案', leader: '包联领导', deadline: '整顿时限', progress: '整顿进展' } as const;

export function saveWeak(ctx: CoreContext, id: number, input: WeakFields): void {
  const w = loadWeak(ctx, id);
  const next = { problems: input.problems ?? null, plan: input.plan ?? null, leader: input.leader ?? null, deadline: input.deadline ?? null, progress: input.progress ?? null };
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE weak_orgs SET problems = @problems, plan = @plan, leader = @leader, deadline = @deadline, progress = @progress, updated_at = @now WHERE id = @id')
      .run({ ...next, id, now: ctx.clock.now().toISOString() });
    audit(ctx, 'weak_org', id, w.name, 'update', diffFields(w, next, LABELS));
  })();
  changed(ctx);
}

/** Ends the 整顿 as 已转化 or 未转化 (or reopens it as 整顿中). */
export function closeWeak(ctx: CoreContext, id: number, status: WeakStatus, date: string | undefined): void {
  const w = loadWeak(ctx, id);
  if (w.status === status) throw new AppError('CONFLICT', `“${w.name}”当前已是“${status}”`);
  if (status !== '整顿中' && !w.plan?.trim()) throw new AppError('VALIDATION', `“${w.name}”还没有整顿方案：请先填写整顿方案和进展，再销号`, [{ field: 'plan', message: '请填写整顿方案' }]);
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE weak_orgs SET status = ?, closed_on = ?, updated_at = ? WHERE id = ?')
      .run(status, status === '整顿中' ? null : (date ?? ctx.clock.today()), ctx.clock.now().toISOString(), id);
    audit(ctx, 'weak_org', id, w.name, 'status', [{ field: 'status', label: '整顿结果', oldValue: w.status, newValue: status }]);
  })();
  changed(ctx);
}

export function removeWeak(ctx: CoreContext, id: number): void {
  const w = loadWeak(ctx, id);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM weak_orgs WHERE id = ?').run(id);
    audit(ctx, 'weak_org', id, w.name, 'delete');
  })();
  changed(ctx);
}

/** Every 整顿 still open past its deadline, any year. */
export function overdueWeak(ctx: CoreContext): WeakRow[] {
  const today = ctx.clock.today();
  return (ctx.db.prepare(`${SELECT} WHERE w.status = '整顿中' ORDER BY w.deadline`).all() as WeakDbRow[]).map((w) => toRow(w, today)).filter((w) => w.overdueDays !== null);
}
