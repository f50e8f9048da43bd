import type { ModelRow } from '../../../shared/contract/honours';
import { MODEL_ITEMS, MODEL_TITLES, modelCheckResult, type ModelCheck, type ModelDecision } from '../../../shared/domain/honours/modelOrgs';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { audit, changed, ORG_LABEL_SELECT, type OrgLabel } from './common';

interface ModelDbRow {
  id: number;
  year: number;
  organization_id: number;
  recommended_by: string;
  recommended_on: string | null;
  checks: string;
  decision: ModelDecision;
  decision_note: string | null;
  name: string;
  street: string;
  category: 'enterprise' | 'social';
  party_org_name: string | null;
}

const SELECT = `SELECT m.*, o.name, o.street, o.category, p.name AS party_org_name FROM model_orgs m
  JOIN organizations o ON o.id = m.organization_id LEFT JOIN party_orgs p ON p.organization_id = o.id`;

/** The eight checks in order, unchecked ones filled in. */
function checksOf(m: ModelDbRow): ModelCheck[] {
  const saved = new Map((JSON.parse(m.checks) as ModelCheck[]).map((c) => [c.item, c]));
  return MODEL_ITEMS.map((item) => ({ item, met: saved.get(item)?.met ?? null, note: saved.get(item)?.note ?? null }));
}

function toRow(m: ModelDbRow): ModelRow {
  const checks = checksOf(m);
  return {
    id: m.id,
    year: m.year,
    organizationId: m.organization_id,
    name: m.name,
    partyOrgName: m.party_org_name,
    category: m.category,
    street: m.street,
    recommendedBy: m.recommended_by,
    recommendedOn: m.recommended_on,
    checks,
    ...modelCheckResult(checks),
    decision: m.decision,
    decisionNote: m.decision_note,
    title: MODEL_TITLES[m.category],
  };
}

function loadModel(ctx: CoreContext, id: number): ModelDbRow {
  const m = ctx.db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as ModelDbRow | undefined;
  if (!m) throw notFound('该推荐');
  return m;
}

export const modelList = (ctx: CoreContext, year: number): ModelRow[] =>
  (ctx.db.prepare(`${SELECT} WHERE m.year = ? ORDER BY o.street, o.name`).all(year) as ModelDbRow[]).map(toRow);

/** A street's recommendations; organisations already recommended that year are skipped. */
export function recommend(ctx: CoreContext, input: { year: number; organizationIds: number[]; recommendedBy: string; recommendedOn?: string }) {
  const orgs = ctx.db.prepare(`${ORG_LABEL_SELECT} WHERE o.id IN (SELECT value FROM json_each(?)) AND o.dissolved_at IS NULL`).all(JSON.stringify(input.organizationIds)) as OrgLabel[];
  if (orgs.length !== new Set(input.organizationIds).size) throw notFound('所选组织中有的');
  const now = ctx.clock.now().toISOString();
  const ins = ctx.db.prepare(
    `INSERT OR IGNORE INTO model_orgs (year, organization_id, recommended_by, recommended_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const added = ctx.db.transaction(() => {
    let n = 0;
    for (const o of orgs) {
      const r = ins.run(input.year, o.id, input.recommendedBy, input.recommendedOn ?? ctx.clock.today(), now, now);
      if (r.changes) audit(ctx, 'model_org', Number(r.lastInsertRowid), o.name, 'create', [{ field: 'recommendedBy', label: '推荐单位', oldValue: null, newValue: input.recommendedBy }]);
      n += r.changes;
    }
    return n;
  })();
  changed(ctx);
  return { added, skipped: orgs.length - added };
}

export function saveChecks(ctx: CoreContext, id: number, checks: ModelCheck[]): void {
  const m = loadModel(ctx, id);
  if (m.decision !== '待审定') throw new AppError('CONFLICT', `“${m.name}”已审定为“${m.decision}”，核查结果已锁定：如需修改，请先把审定改回“待审定”`);
  const before = toRow(m);
  const merged = new Map(checksOf(m).map((c) => [c.item, c]));
  for (const c of checks) merged.set(c.item, { item: c.item, met: c.met, note: c.note?.trim() || null });
  const next = MODEL_ITEMS.map((i) => merged.get(i)!);
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE model_orgs SET checks = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(next), ctx.clock.now().toISOString(), id);
    audit(ctx, 'model_org', id, m.name, 'check', [{ field: 'checks', label: '核查结果', oldValue: before.explanation, newValue: modelCheckResult(next).explanation }]);
  })();
  changed(ctx);
}

/** The committee's decision: 命名 only when all eight points are met. */
export function decide(ctx: CoreContext, id: number, decision: ModelDecision, note: string | null | undefined): void {
  const m = loadModel(ctx, id);
  const row = toRow(m);
  if (decision === '命名' && row.passed !== true) throw new AppError('VALIDATION', `“${m.name}”不能命名：${row.explanation}`);
  if (decision === '不予命名' && !note?.trim()) throw new AppError('VALIDATION', '不予命名须写明理由', [{ field: 'note', message: '请写明不予命名的理由' }]);
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE model_orgs SET decision = ?, decision_note = ?, decided_on = ?, updated_at = ? WHERE id = ?')
      .run(decision, note?.trim() || null, decision === '待审定' ? null : ctx.clock.today(), ctx.clock.now().toISOString(), id);
    audit(ctx, 'model_org', id, m.name, 'decide', [{ field: 'decision', label: '审定结果', oldValue: m.decision, newValue: decision }]);
  })();
  changed(ctx);
}

export function removeModel(ctx: CoreContext, id: number): void {
  const m = loadModel(ctx, id);
  if (m.decision === '命名') throw new AppError('CONFLICT', `“${m.name}”已命名，不能移出：请先把审定改回“待审定”`);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM model_orgs WHERE id = ?').run(id);
    audit(ctx, 'model_org', id, m.name, 'delete');
  })();
  changed(ctx);
}
