import type { FieldIssue } from '../../../shared/contract';
import type { AssignmentRow } from '../../../shared/contract/instructors';
import { isInOperation } from '../../../shared/domain/rules';
import { visitDueDate, visitOverdueDays } from '../../../shared/domain/visitDuty';
import { recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { activeAssignmentCondition } from '../orgs/rows';
import { loadInstructor } from './roster';
import { visitDuty } from './settings';

interface AssignmentDbRow {
  id: number;
  instructor_id: number;
  instructor_name: string;
  instructor_role: AssignmentRow['instructorRole'];
  organization_id: number;
  org_name: string;
  org_uscc: string;
  street: string;
  operating_status: string;
  dissolved_at: string | null;
  po_built: number;
  is_lead: number;
  start_date: string;
  end_date: string | null;
  reason: string | null;
  end_reason: string | null;
  active: number;
  last_visit: string | null;
}

export interface AssignmentFilter {
  instructorId?: number;
  organizationId?: number;
  activeOnly?: boolean;
}

/**
 * Assignments with their visit duty: the last visit made under each (same instructor and organisation, within
 * its dates) and, for active assignments of organisations in operation, the due date and days overdue.
 */
export function assignmentRows(ctx: CoreContext, f: AssignmentFilter = {}): AssignmentRow[] {
  const today = ctx.clock.today();
  const duty = visitDuty(ctx.db);
  const parts: string[] = [];
  const params: Record<string, unknown> = { today };
  if (f.instructorId) (params.instructorId = f.instructorId), parts.push('ia.instructor_id = @instructorId');
  if (f.organizationId) (params.organizationId = f.organizationId), parts.push('ia.organization_id = @organizationId');
  if (f.activeOnly) parts.push(activeAssignmentCondition('@today'));
  const rows = ctx.db
    .prepare(
      `SELECT ia.id, ia.instructor_id, ii.name AS instructor_name, ii.role AS instructor_role,
         ia.organization_id, o.name AS org_name, o.uscc AS org_uscc, o.street, o.operating_status, o.dissolved_at,
         COALESCE(p.built, 0) AS po_built, ia.is_lead, ia.start_date, ia.end_date, ia.reason, ia.end_reason,
         (${activeAssignmentCondition('@today')}) AS active,
         (SELECT MAX(v.visit_date) FROM instructor_visits v
           WHERE v.instructor_id = ia.instructor_id AND v.organization_id = ia.organization_id
             AND v.visit_date >= ia.start_date AND v.visit_date <= COALESCE(ia.end_date, @today)) AS last_visit
       FROM instructor_assignments ia
       JOIN instructors ii ON ii.id = ia.instructor_id
       JOIN organizations o ON o.id = ia.organization_id
       LEFT JOIN party_orgs p ON p.organization_id = o.id
       ${parts.length ? 'WHERE ' + parts.join(' AND ') : ''}
       ORDER BY (${activeAssignmentCondition('@today')}) DESC, ia.start_date DESC, ia.id DESC`,
    )
    .all(params) as AssignmentDbRow[];
  return rows.map((r) => {
    // The visit duty applies while the assignment is active and the organisation is in operation.
    const onDuty = r.active === 1 && isInOperation({ operatingStatus: r.operating_status, dissolved: r.dissolved_at !== null });
    return {
      id: r.id,
      instructorId: r.instructor_id,
      instructorName: r.instructor_name,
      instructorRole: r.instructor_role,
      organizationId: r.organization_id,
      orgName: r.org_name,
      orgUscc: r.org_uscc,
      street: r.street,
      isLead: r.is_lead === 1,
      startDate: r.start_date,
      endDate: r.end_date,
      reason: r.reason,
      endReason: r.end_reason,
      active: r.active === 1,
      orgHasPartyOrg: r.po_built === 1,
      lastVisit: r.last_visit,
      dueDate: onDuty ? visitDueDate(r.start_date, r.last_visit, duty) : null,
      overdueDays: onDuty ? visitOverdueDays(r.start_date, r.last_visit, today, duty) : null,
    };
  });
}

export interface AssignInput {
  instructorId: number;
  organizationIds: number[];
  startDate: string;
  endDate?: string | null;
  reason: string;
  lead: boolean;
  acceptWarnings?: boolean;
}

/**
 * 选派: one instructor to one or many organisations. Organisations this instructor already covers in the period
 * are skipped (reported); a second lead instructor is a warning the user must accept.
 */
export function assign(ctx: CoreContext, input: AssignInput, opts: { sample?: boolean } = {}): { created: number; warnings: string[] } {
  const { db } = ctx;
  const instructor = loadInstructor(db, input.instructorId);
  if (instructor.status !== '在岗') throw new AppError('VALIDATION', `“${instructor.name}”已离任，不能再选派；请先在花名册中把状态改为“在岗”或另选他人`);
  const endDate = input.endDate ?? null;
  if (endDate && endDate < input.startDate) {
    throw new AppError('VALIDATION', '选派结束日期不能早于开始日期', [{ field: 'endDate', message: '结束日期不能早于开始日期' }]);
  }
  const orgStmt = db.prepare('SELECT id, name, dissolved_at, dissolve_kind FROM organizations WHERE id = ?');
  // Periods overlap when each starts before the other ends (an open end is the far future).
  const overlap = `ia.start_date <= COALESCE(@endDate, '9999-12-31') AND COALESCE(ia.end_date, '9999-12-31') >= @startDate`;
  const sameStmt = db.prepare(`SELECT 1 FROM instructor_assignments ia WHERE ia.instructor_id = @instructorId AND ia.organization_id = @orgId AND ${overlap}`);
  const leadStmt = db.prepare(
    `SELECT ii.name FROM instructor_assignments ia JOIN instructors ii ON ii.id = ia.instructor_id
     WHERE ia.organization_id = @orgId AND ia.is_lead = 1 AND ia.instructor_id <> @instructorId AND ii.status = '在岗' AND ${overlap}`,
  );
  const skipped: string[] = [];
  const warnings: FieldIssue[] = [];
  const targets: { id: number; name: string }[] = [];
  for (const orgId of [...new Set(input.organizationIds)]) {
    const org = orgStmt.get(orgId) as { id: number; name: string; dissolved_at: string | null; dissolve_kind: string | null } | undefined;
    if (!org) throw notFound(`编号为 ${orgId} 的组织档案`);
    if (org.dissolved_at) throw new AppError('VALIDATION', `“${org.name}”已于 ${org.dissolved_at} ${org.dissolve_kind}，不能选派指导员；请从所选组织中去掉它`);
    const p = { instructorId: instructor.id, orgId, startDate: input.startDate, endDate };
    if (sameStmt.get(p)) {
      skipped.push(`“${org.name}”在该期间已由${instructor.name}联系，已跳过`);
      continue;
    }
    if (input.lead) {
      const leads = (leadStmt.all(p) as { name: string }[]).map((x) => x.name);
      if (leads.length) warnings.push({ field: 'organizationIds', message: `“${org.name}”已有牵头指导员（联络员）${leads.join('、')}，一个组织同一时间宜只有一名牵头指导员`, warning: true });
    }
    targets.push(org);
  }
  if (warnings.length && !input.acceptWarnings) {
    throw new AppError('VALIDATION', `${warnings.map((w) => w.message).join('；')}。如确需选派，请确认后继续（或取消“牵头”）`, warnings);
  }
  const now = ctx.clock.now().toISOString();
  const insert = db.prepare(
    `INSERT INTO instructor_assignments (instructor_id, organization_id, is_lead, start_date, end_date, reason, is_sample, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const org of targets) {
      const id = Number(insert.run(instructor.id, org.id, input.lead ? 1 : 0, input.startDate, endDate, input.reason, opts.sample ? 1 : 0, now).lastInsertRowid);
      recordAudit(db, {
        at: now,
        actor: ctx.actor,
        action: 'assign',
        entity: 'instructor_assignment',
        entityId: id,
        entityLabel: `${instructor.name} → ${org.name}`,
        changes: [
          { field: 'instructor', label: instructor.role, oldValue: null, newValue: instructor.name },
          { field: 'organization', label: '选派组织', oldValue: null, newValue: org.name },
          { field: 'startDate', label: '开始日期', oldValue: null, newValue: input.startDate },
          { field: 'reason', label: '选派原因', oldValue: null, newValue: input.reason },
        ],
      });
    }
  })();
  if (targets.length) ctx.emit('data.changed', { entity: 'instructor_assignment' });
  return { created: targets.length, warnings: [...skipped, ...warnings.map((w) => w.message)] };
}

/** 结束选派: sets the end date; the row stays as history. */
export function endAssignment(ctx: CoreContext, input: { assignmentId: number; endDate: string; endReason: string }): void {
  const { db } = ctx;
  const a = db
    .prepare(
      `SELECT ia.start_date, ia.end_date, ii.name AS instructor, o.name AS org FROM instructor_assignments ia
       JOIN instructors ii ON ii.id = ia.instructor_id JOIN organizations o ON o.id = ia.organization_id WHERE ia.id = ?`,
    )
    .get(input.assignmentId) as { start_date: string; end_date: string | null; instructor: string; org: string } | undefined;
  if (!a) throw notFound('该选派记录');
  if (a.end_date && a.end_date <= ctx.clock.today()) throw new AppError('CONFLICT', `${a.instructor}对“${a.org}”的选派已于 ${a.end_date} 结束，无需重复操作`);
  if (input.endDate < a.start_date) {
    throw new AppError('VALIDATION', `结束日期不能早于选派开始日期 ${a.start_date}`, [{ field: 'endDate', message: `不能早于 ${a.start_date}` }]);
  }
  const now = ctx.clock.now().toISOString();
  db.transaction(() => {
    db.prepare('UPDATE instructor_assignments SET end_date = ?, end_reason = ? WHERE id = ?').run(input.endDate, input.endReason, input.assignmentId);
    recordAudit(db, {
      at: now,
      actor: ctx.actor,
      action: 'end',
      entity: 'instructor_assignment',
      entityId: input.assignmentId,
      entityLabel: `${a.instructor} → ${a.org}`,
      changes: [
        { field: 'endDate', label: '结束日期', oldValue: a.end_date, newValue: input.endDate },
        { field: 'endReason', label: '结束原因', oldValue: null, newValue: input.endReason },
      ],
    });
  })();
  ctx.emit('data.changed', { entity: 'instructor_assignment' });
}
