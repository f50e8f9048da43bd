import type { FieldIssue } from '../../../shared/contract';
import type { InstructorDetail, InstructorFields, InstructorRow } from '../../../shared/contract/instructors';
import { checkIdCard, isPhone, maskIdCard } from '../../../shared/domain/codes';
import { diffFields, recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { assignmentRows } from './assignments';
import { queryVisits } from './visits';

export interface InstructorDbRow {
  id: number;
  name: string;
  role: InstructorFields['role'];
  employment: InstructorFields['employment'];
  work_unit: string | null;
  position: string | null;
  phone: string | null;
  id_card: string | null;
  term_start: string | null;
  term_end: string | null;
  status: InstructorFields['status'];
  notes: string | null;
  is_sample: number;
  created_at: string;
  updated_at: string;
}

export const INSTRUCTOR_LABELS: Record<keyof InstructorFields, string> = {
  name: '姓名',
  role: '类别',
  employment: '专兼职',
  workUnit: '工作单位',
  position: '职务',
  phone: '联系电话',
  idCard: '身份证号码',
  termStart: '任期开始',
  termEnd: '任期结束',
  status: '状态',
  notes: '备注',
};

/** The person's fields as stored: every one present, null when empty. */
export function toInstructorFields(r: InstructorDbRow): Required<InstructorFields> {
  return {
    name: r.name,
    role: r.role,
    employment: r.employment,
    workUnit: r.work_unit,
    position: r.position,
    phone: r.phone,
    idCard: r.id_card,
    termStart: r.term_start,
    termEnd: r.term_end,
    status: r.status,
    notes: r.notes,
  };
}

export function loadInstructor(db: Db, id: number): InstructorDbRow {
  const r = db.prepare('SELECT * FROM instructors WHERE id = ?').get(id) as InstructorDbRow | undefined;
  if (!r) throw notFound('该党建指导员');
  return r;
}

/** Roster with each person's workload (active organisations, visits this year, overdue assignments). */
export function listInstructors(
  ctx: CoreContext,
  f: { query?: string; role?: InstructorFields['role']; status?: InstructorFields['status'] } = {},
): InstructorRow[] {
  const today = ctx.clock.today();
  const parts: string[] = [];
  const params: Record<string, unknown> = { today, yearStart: `${today.slice(0, 4)}-01-01` };
  if (f.query) {
    params.like = `%${f.query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    parts.push(`(i.name LIKE @like ESCAPE '\\' OR i.work_unit LIKE @like ESCAPE '\\')`);
  }
  if (f.role) (params.role = f.role), parts.push('i.role = @role');
  if (f.status) (params.status = f.status), parts.push('i.status = @status');
  const rows = ctx.db
    .prepare(
      `SELECT i.*,
         (SELECT COUNT(*) FROM instructor_visits v WHERE v.instructor_id = i.id AND v.visit_date BETWEEN @yearStart AND @today) AS visits_year,
         (SELECT MAX(v.visit_date) FROM instructor_visits v WHERE v.instructor_id = i.id) AS last_visit
       FROM instructors i ${parts.length ? 'WHERE ' + parts.join(' AND ') : ''}
       ORDER BY i.status, i.role = '联络员', i.name, i.id`,
    )
    .all(params) as (InstructorDbRow & { visits_year: number; last_visit: string | null })[];
  const orgs = new Map<number, Set<number>>();
  const overdue = new Map<number, number>();
  for (const a of assignmentRows(ctx, { activeOnly: true })) {
    const set = orgs.get(a.instructorId) ?? new Set<number>();
    set.add(a.organizationId);
    orgs.set(a.instructorId, set);
    if (a.overdueDays !== null) overdue.set(a.instructorId, (overdue.get(a.instructorId) ?? 0) + 1);
  }
  return rows.map((r) => {
    // The roster shows the ID card masked, and no notes.
    const { idCard, notes, ...fields } = toInstructorFields(r);
    return {
      id: r.id,
      ...fields,
      idCardMasked: maskIdCard(idCard),
      activeOrgs: orgs.get(r.id)?.size ?? 0,
      visitsThisYear: r.visits_year,
      overdue: overdue.get(r.id) ?? 0,
      lastVisit: r.last_visit,
      isSample: r.is_sample === 1,
    };
  });
}

export function getInstructor(ctx: CoreContext, id: number): InstructorDetail {
  const r = loadInstructor(ctx.db, id);
  return {
    id: r.id,
    fields: toInstructorFields(r),
    idCardMasked: maskIdCard(r.id_card),
    assignments: assignmentRows(ctx, { instructorId: id }),
    visits: queryVisits(ctx.db, { instructorId: id }),
    isSample: r.is_sample === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Field checks: ID checksum, phone, term order. Returns the fields normalised. */
export function validateInstructor(f: InstructorFields): { fields: InstructorFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fields = { ...f };
  if (f.idCard) {
    const c = checkIdCard(f.idCard);
    if (!c.ok) issues.push({ field: 'fields.idCard', message: c.message });
    fields.idCard = c.code;
  } else fields.idCard = null;
  if (f.phone && !isPhone(f.phone)) {
    issues.push({ field: 'fields.phone', message: `联系电话“${f.phone}”格式不正确：应为 11 位手机号或带区号的固定电话（如 0318-2123456）` });
  }
  if (f.termStart && f.termEnd && f.termEnd < f.termStart) issues.push({ field: 'fields.termEnd', message: '任期结束日期不能早于任期开始日期' });
  return { fields, issues };
}

/** The audit trail never holds a whole ID number. */
const auditable = (f: InstructorFields) => ({ ...f, idCard: f.idCard ? maskIdCard(f.idCard) : null });

export function saveInstructor(ctx: CoreContext, input: { id?: number; fields: InstructorFields }, opts: { sample?: boolean } = {}): { id: number } {
  const { db } = ctx;
  const { fields, issues } = validateInstructor(input.fields);
  if (issues.length) throw new AppError('VALIDATION', issues.map((i) => i.message).join('；'), issues);
  if (fields.idCard) {
    const clash = db.prepare('SELECT id, name FROM instructors WHERE id_card = ? AND id IS NOT ?').get(fields.idCard, input.id ?? null) as
      | { id: number; name: string }
      | undefined;
    if (clash) {
      throw new AppError('CONFLICT', `身份证号码已登记在花名册中的“${clash.name}”名下，同一人不能登记两次；请在花名册中打开“${clash.name}”修改`, [
        { field: 'fields.idCard', message: `已属于“${clash.name}”` },
      ]);
    }
  }
  const before = input.id ? loadInstructor(db, input.id) : null;
  const now = ctx.clock.now().toISOString();
  const params = {
    name: fields.name,
    role: fields.role,
    employment: fields.employment,
    workUnit: fields.workUnit ?? null,
    position: fields.position ?? null,
    phone: fields.phone ? fields.phone.normalize('NFKC').replace(/\s/g, '') : null,
    idCard: fields.idCard ?? null,
    termStart: fields.termStart ?? null,
    termEnd: fields.termEnd ?? null,
    status: fields.status,
    notes: fields.notes ?? null,
    sample: opts.sample ? 1 : 0,
    now,
  };
  const id = db.transaction(() => {
    let id: number;
    if (before) {
      db.prepare(
        `UPDATE instructors SET name=@name, role=@role, employment=@employment, work_unit=@workUnit, position=@position, phone=@phone,
           id_card=@idCard, term_start=@termStart, term_end=@termEnd, status=@status, notes=@notes, updated_at=@now WHERE id=@id`,
      ).run({ ...params, id: before.id });
      id = before.id;
      const changes = diffFields(auditable(toInstructorFields(before)), auditable({ ...fields, phone: params.phone }), INSTRUCTOR_LABELS);
      if (changes.length) recordAudit(db, { at: now, actor: ctx.actor, action: 'update', entity: 'instructor', entityId: id, entityLabel: fields.name, changes });
    } else {
      id = Number(
        db
          .prepare(
            `INSERT INTO instructors (name, role, employment, work_unit, position, phone, id_card, term_start, term_end, status, notes, is_sample, created_at, updated_at)
             VALUES (@name, @role, @employment, @workUnit, @position, @phone, @idCard, @termStart, @termEnd, @status, @notes, @sample, @now, @now)`,
          )
          .run(params).lastInsertRowid,
      );
      recordAudit(db, { at: now, actor: ctx.actor, action: 'create', entity: 'instructor', entityId: id, entityLabel: fields.name });
    }
    return id;
  })();
  ctx.emit('data.changed', { entity: 'instructor' });
  return { id };
}

/** Only an entry made by mistake can go: a person with assignments or visits keeps the history (set 离任 instead). */
export function deleteInstructor(ctx: CoreContext, id: number): void {
  const { db } = ctx;
  const r = loadInstructor(db, id);
  const used = db
    .prepare('SELECT (SELECT COUNT(*) FROM instructor_assignments WHERE instructor_id = ?) + (SELECT COUNT(*) FROM instructor_visits WHERE instructor_id = ?) AS n')
    .get(id, id) as { n: number };
  if (used.n > 0) {
    throw new AppError('CONFLICT', `“${r.name}”已有选派或走访记录，不能删除（记录需保留）；如已不再担任，请把状态改为“离任”`);
  }
  db.transaction(() => {
    db.prepare('DELETE FROM instructors WHERE id = ?').run(id);
    recordAudit(db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action: 'delete', entity: 'instructor', entityId: id, entityLabel: r.name });
  })();
  ctx.emit('data.changed', { entity: 'instructor' });
}
