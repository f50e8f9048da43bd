import type { MemberUnit } from '../../../shared/contract/debriefing';
import { diffFields, recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';

/** 工委成员单位: a small maintained list with contact people. */

interface UnitDbRow {
  id: number;
  name: string;
  leader: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  notes: string | null;
}

const toUnit = (r: UnitDbRow) => ({ id: r.id, name: r.name, leader: r.leader, contactPerson: r.contact_person, contactPhone: r.contact_phone, notes: r.notes });
const LABELS = { name: '成员单位名称', leader: '述职负责人', contactPerson: '联系人', contactPhone: '联系电话', notes: '备注' } as const;

export const listUnits = (ctx: CoreContext) =>
  (ctx.db.prepare('SELECT * FROM member_units ORDER BY name').all() as UnitDbRow[]).map(toUnit);

export function saveUnit(ctx: CoreContext, u: MemberUnit): { id: number } {
  const clash = ctx.db.prepare('SELECT id FROM member_units WHERE name = ? AND id IS NOT ?').get(u.name, u.id ?? null);
  if (clash) throw new AppError('CONFLICT', `成员单位“${u.name}”已在名单中`, [{ field: 'name', message: '名称重复' }]);
  const before = u.id ? (ctx.db.prepare('SELECT * FROM member_units WHERE id = ?').get(u.id) as UnitDbRow | undefined) : undefined;
  if (u.id && !before) throw notFound('该成员单位');
  const now = ctx.clock.now().toISOString();
  const v = { name: u.name, leader: u.leader ?? null, contactPerson: u.contactPerson ?? null, contactPhone: u.contactPhone ?? null, notes: u.notes ?? null, now };
  const id = ctx.db.transaction(() => {
    let id: number;
    if (before) {
      ctx.db
        .prepare('UPDATE member_units SET name=@name, leader=@leader, contact_person=@contactPerson, contact_phone=@contactPhone, notes=@notes, updated_at=@now WHERE id=@id')
        .run({ ...v, id: before.id });
      // The debriefer rows carry the unit's name for printing: keep open cycles in step.
      ctx.db.prepare(`UPDATE debriefers SET name = ? WHERE unit_id = ? AND status NOT IN ('已评定', '整改中', '已完成')`).run(u.name, before.id);
      id = before.id;
    } else {
      id = Number(
        ctx.db
          .prepare(
            `INSERT INTO member_units (name, leader, contact_person, contact_phone, notes, created_at, updated_at)
             VALUES (@name, @leader, @contactPerson, @contactPhone, @notes, @now, @now)`,
          )
          .run(v).lastInsertRowid,
      );
    }
    recordAudit(ctx.db, {
      at: v.now,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'member_unit',
      entityId: id,
      entityLabel: u.name,
      changes: diffFields<Omit<ReturnType<typeof toUnit>, 'id'>>(before ? toUnit(before) : null, v, LABELS),
    });
    return id;
  })();
  ctx.emit('data.changed', { entity: 'debriefing' });
  return { id };
}

export function deleteUnit(ctx: CoreContext, id: number): void {
  const u = ctx.db.prepare('SELECT name FROM member_units WHERE id = ?').get(id) as { name: string } | undefined;
  if (!u) throw notFound('该成员单位');
  ctx.db.transaction(() => {
    // Past debriefers keep their name; only the link to the list goes.
    ctx.db.prepare('DELETE FROM member_units WHERE id = ?').run(id);
    recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action: 'delete', entity: 'member_unit', entityId: id, entityLabel: u.name });
  })();
  ctx.emit('data.changed', { entity: 'debriefing' });
}
