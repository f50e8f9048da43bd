import type { Db } from '../db/database';
import type { AuditEntry } from '../../../shared/contract/orgs';
import type { AuditAction, AuditEntity } from '../../../shared/contract/safety';

export interface FieldChange {
  field: string;
  label: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface AuditRecord {
  at: string;
  actor: string;
  action: AuditAction;
  entity: AuditEntity;
  entityId: number | null;
  entityLabel: string | null;
  changes?: FieldChange[];
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Writes one row per changed field, or one row when no fields are named. An empty list of changes
 * is a save that changed nothing: no row. Call inside the change's transaction.
 */
export function recordAudit(db: Db, r: AuditRecord): void {
  if (r.changes && r.changes.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, entity_label, field, field_label, old_value, new_value)
     VALUES (@at, @actor, @action, @entity, @entityId, @entityLabel, @field, @fieldLabel, @oldValue, @newValue)`,
  );
  const base = { at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entityId, entityLabel: r.entityLabel };
  if (!r.changes) {
    insert.run({ ...base, field: null, fieldLabel: null, oldValue: null, newValue: null });
    return;
  }
  for (const c of r.changes) {
    insert.run({ ...base, field: c.field, fieldLabel: c.label, oldValue: text(c.oldValue), newValue: text(c.newValue) });
  }
}

/** The fields whose values differ between two versions of a record. */
export function diffFields<T extends object>(before: T | null, after: T, labels: Partial<Record<keyof T & string, string>>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(labels) as (keyof T & string)[]) {
    const oldValue = before ? (before[key] ?? null) : null;
    const newValue = after[key] ?? null;
    if (text(oldValue) !== text(newValue)) changes.push({ field: key, label: labels[key] ?? key, oldValue, newValue });
  }
  return changes;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  entity_label: string | null;
  field: string | null;
  field_label: string | null;
  old_value: string | null;
  new_value: string | null;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  entityLabel: r.entity_label,
  field: r.field,
  fieldLabel: r.field_label,
  oldValue: r.old_value,
  newValue: r.new_value,
});

/** An entity's history, newest first. */
export function auditFor(db: Db, entities: string[], entityId: number): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM audit_log WHERE entity IN (SELECT value FROM json_each(?)) AND entity_id = ? ORDER BY id DESC LIMIT 2000`,
    )
    .all(JSON.stringify(entities), entityId) as AuditRow[];
  return rows.map(toAuditEntry);
}
