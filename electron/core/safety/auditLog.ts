import * as XLSX from '@e965/xlsx';
import { safeCell } from '../export/sheetCell';
import type { AuditEntry } from '../../../shared/contract/orgs';
import { auditActionLabel, auditEntityLabel as entityLabel, type AuditQuery } from '../../../shared/contract/safety';
import { maskIdCard } from '../../../shared/domain/codes';
import { toAuditEntry } from '../audit/audit';
import { officeDateTime, officeDayStart } from '../../../shared/domain/officeTime';
import { officeTimeZone } from '../settings/officeZone';
import type { Db } from '../db/driver';


/** 18-character (or old 15-digit) personal ID numbers anywhere in a value. */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
export const maskIdNumbers = (text: string | null) => (text === null ? null : text.replace(ID_NUMBER, (m) => maskIdCard(m)));

type Filter = Omit<AuditQuery, 'offset' | 'limit'>;

function where(f: Filter, zone: string): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, name: string, value: unknown) => {
    parts.push(sql);
    params[name] = value;
  };
  // `at` is a UTC ISO timestamp; the chosen days are the office's days, both bounds inclusive.
  if (f.from) add('at >= @from', 'from', officeDayStart(f.from, zone).toISOString());
  if (f.to) add('at < @to', 'to', officeDayStart(f.to, zone, 1).toISOString());
  if (f.entity) add('entity = @entity', 'entity', f.entity);
  if (f.field) add('field = @field', 'field', f.field);
  if (f.query) {
    const like = `%${f.query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    add(`(entity_label LIKE @like ESCAPE '\\' OR old_value LIKE @like ESCAPE '\\' OR new_value LIKE @like ESCAPE '\\' OR actor LIKE @like ESCAPE '\\')`, 'like', like);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function present(e: AuditEntry, showIdNumbers: boolean | undefined): AuditEntry {
  return showIdNumbers ? e : { ...e, oldValue: maskIdNumbers(e.oldValue), newValue: maskIdNumbers(e.newValue) };
}

/** The change history of the whole database, newest first. */
export function listAudit(db: Db, q: AuditQuery): { total: number; rows: AuditEntry[] } {
  const { offset = 0, limit = 100, ...f } = q;
  const w = where(f, officeTimeZone(db));
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${w.sql}`).get(w.params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...w.params, limit, offset }) as Parameters<typeof toAuditEntry>[0][];
  return { total, rows: rows.map((r) => present(toAuditEntry(r), f.showIdNumbers)) };
}

export function auditFacets(db: Db) {
  const entities = (db.prepare('SELECT entity, COUNT(*) AS count FROM audit_log GROUP BY entity ORDER BY count DESC').all() as {
    entity: string;
    count: number;
  }[]).map((e) => ({ ...e, label: entityLabel(e.entity) }));
  const fields = db
    .prepare(`SELECT entity, field, MAX(COALESCE(field_label, field)) AS label FROM audit_log WHERE field IS NOT NULL GROUP BY entity, field ORDER BY entity, label`)
    .all() as { entity: string; field: string; label: string }[];
  return { entities, fields };
}

/** The filtered history as an .xlsx workbook (at most 200 000 rows), ID numbers masked unless asked. */
export function exportAudit(db: Db, q: AuditQuery, today: string) {
  const { rows } = listAudit(db, { ...q, offset: 0, limit: 200_000 } as AuditQuery);
  const zone = officeTimeZone(db); // audit times are stored as UTC ISO strings
  const header = ['时间', '操作人', '操作', '对象类别', '对象', '字段', '原值', '新值'];
  const body = rows.map((r) => [
    officeDateTime(new Date(r.at), zone),
    r.actor,
    auditActionLabel(r.action),
    entityLabel(r.entity),
    r.entityLabel ?? '',
    r.fieldLabel ?? r.field ?? '',
    r.oldValue ?? '',
    r.newValue ?? '',
  ].map(safeCell));
  const sheet = XLSX.utils.aoa_to_sheet([header, ...body]);
  sheet['!cols'] = [20, 10, 8, 10, 30, 16, 30, 30].map((wch) => ({ wch }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, '审计日志');
  return {
    fileName: `审计日志-${today}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string,
  };
}
