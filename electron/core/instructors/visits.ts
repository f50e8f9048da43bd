import path from 'node:path';
import type { FileInput, FileOutput } from '../../../shared/contract';
import type { VisitFields, VisitFilter, VisitQuery, VisitRow } from '../../../shared/contract/instructors';
import { attachmentBytes, storeAttachment } from '../attachments/store';
import { diffFields, recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { loadInstructor } from './roster';

const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

const VISIT_LABELS: Record<keyof VisitFields, string> = {
  instructorId: '指导员',
  organizationId: '走访组织',
  date: '走访日期',
  way: '走访方式',
  content: '走访（指导）内容',
  problems: '发现问题',
  suggestions: '意见建议',
  followUp: '跟进落实',
};

interface VisitDbRow {
  id: number;
  instructor_id: number;
  instructor_name: string;
  organization_id: number;
  org_name: string;
  street: string;
  visit_date: string;
  way: VisitFields['way'];
  content: string;
  problems: string | null;
  suggestions: string | null;
  follow_up: string | null;
  is_sample: number;
}

const toFields = (r: VisitDbRow): VisitFields => ({
  instructorId: r.instructor_id,
  organizationId: r.organization_id,
  date: r.visit_date,
  way: r.way,
  content: r.content,
  problems: r.problems,
  suggestions: r.suggestions,
  followUp: r.follow_up,
});

const FROM = 'FROM instructor_visits v JOIN instructors ii ON ii.id = v.instructor_id JOIN organizations o ON o.id = v.organization_id';
const SELECT = `SELECT v.*, ii.name AS instructor_name, o.name AS org_name, o.street ${FROM}`;

/** Visits matching a filter, newest first, with their attachments. */
export function queryVisits(db: Db, f: VisitFilter): VisitRow[] {
  return pageVisits(db, f).rows;
}

/** One page of the visits matching a filter (all of them without a limit), and how many match. */
export function pageVisits(db: Db, f: VisitQuery): { rows: VisitRow[]; total: number } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const eq: [keyof VisitFilter, string][] = [
    ['instructorId', 'v.instructor_id'],
    ['organizationId', 'v.organization_id'],
    ['way', 'v.way'],
    ['street', 'o.street'],
  ];
  for (const [key, col] of eq) {
    if (f[key] !== undefined) (params[key] = f[key]), parts.push(`${col} = @${key}`);
  }
  if (f.from) (params.from = f.from), parts.push('v.visit_date >= @from');
  if (f.to) (params.to = f.to), parts.push('v.visit_date <= @to');
  if (f.query) {
    params.like = `%${f.query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    parts.push(`(o.name LIKE @like ESCAPE '\\' OR ii.name LIKE @like ESCAPE '\\' OR v.content LIKE @like ESCAPE '\\' OR v.problems LIKE @like ESCAPE '\\')`);
  }
  const where = parts.length ? 'WHERE ' + parts.join(' AND ') : '';
  const rows = db
    .prepare(`${SELECT} ${where} ORDER BY v.visit_date DESC, v.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: f.limit ?? -1, offset: f.offset ?? 0 }) as VisitDbRow[];
  const total =
    f.limit === undefined && !f.offset
      ? rows.length
      : (db.prepare(`SELECT COUNT(*) AS n ${FROM} ${where}`).get(params) as { n: number }).n;
  const files = new Map<number, { id: number; fileName: string; size: number }[]>();
  if (rows.length) {
    const all = db
      .prepare('SELECT id, visit_id, file_name AS fileName, size FROM visit_attachments WHERE visit_id IN (SELECT value FROM json_each(?)) ORDER BY id')
      .all(JSON.stringify(rows.map((r) => r.id))) as { id: number; visit_id: number; fileName: string; size: number }[];
    for (const { visit_id, ...a } of all) files.set(visit_id, [...(files.get(visit_id) ?? []), a]);
  }
  return {
    rows: rows.map((r) => ({ ...toFields(r), id: r.id, instructorName: r.instructor_name, orgName: r.org_name, street: r.street, attachments: files.get(r.id) ?? [], isSample: r.is_sample === 1 })),
    total,
  };
}

/** Checks the uploaded files before anything is written; returns what to insert with the visit. */
function checkFiles(files: FileInput[]): { fileName: string; bytes: Buffer }[] {
  return files.map((f) => {
    const bytes = Buffer.from(f.base64, 'base64');
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('LIMIT', `附件“${f.name}”超过 50 MB，请压缩或拆分后再上传`);
    return { fileName: path.basename(f.name.replace(/\\/g, '/')), bytes };
  });
}

export function saveVisit(ctx: CoreContext, input: { id?: number; fields: VisitFields; attachments?: FileInput[] }, opts: { sample?: boolean } = {}): { id: number } {
  const { db } = ctx;
  const f = input.fields;
  const instructor = loadInstructor(db, f.instructorId);
  const org = db.prepare('SELECT name FROM organizations WHERE id = ?').get(f.organizationId) as { name: string } | undefined;
  if (!org) throw notFound('所选组织档案');
  if (f.date > ctx.clock.today()) {
    throw new AppError('VALIDATION', `走访日期 ${f.date} 晚于今天，请填写已经发生的走访`, [{ field: 'fields.date', message: '不能晚于今天' }]);
  }
  const before = input.id ? (db.prepare(`${SELECT} WHERE v.id = ?`).get(input.id) as VisitDbRow | undefined) : undefined;
  if (input.id && !before) throw notFound('该走访记录');
  const files = checkFiles(input.attachments ?? []);
  const now = ctx.clock.now().toISOString();
  const params = { ...f, problems: f.problems ?? null, suggestions: f.suggestions ?? null, followUp: f.followUp ?? null, sample: opts.sample ? 1 : 0, now };
  const id = db.transaction(() => {
    let id: number;
    const label = `${instructor.name} 走访 ${org.name}（${f.date}）`;
    if (before) {
      db.prepare(
        `UPDATE instructor_visits SET instructor_id=@instructorId, organization_id=@organizationId, visit_date=@date, way=@way, content=@content,
           problems=@problems, suggestions=@suggestions, follow_up=@followUp, updated_at=@now WHERE id=@id`,
      ).run({ ...params, id: before.id });
      id = before.id;
      const changes = diffFields(toFields(before), f, VISIT_LABELS);
      if (changes.length) recordAudit(db, { at: now, actor: ctx.actor, action: 'update', entity: 'instructor_visit', entityId: id, entityLabel: label, changes });
    } else {
      id = Number(
        db
          .prepare(
            `INSERT INTO instructor_visits (instructor_id, organization_id, visit_date, way, content, problems, suggestions, follow_up, is_sample, created_at, updated_at)
             VALUES (@instructorId, @organizationId, @date, @way, @content, @problems, @suggestions, @followUp, @sample, @now, @now)`,
          )
          .run(params).lastInsertRowid,
      );
      recordAudit(db, { at: now, actor: ctx.actor, action: 'create', entity: 'instructor_visit', entityId: id, entityLabel: label });
    }
    const insert = db.prepare('INSERT INTO visit_attachments (visit_id, file_name, file_id, size, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const w of files) {
      insert.run(id, w.fileName, storeAttachment(db, w.bytes), w.bytes.length, now);
      recordAudit(db, { at: now, actor: ctx.actor, action: 'attach', entity: 'instructor_visit', entityId: id, entityLabel: label, changes: [{ field: 'attachment', label: '附件', oldValue: null, newValue: w.fileName }] });
    }
    return id;
  })();
  ctx.emit('data.changed', { entity: 'instructor_visit' });
  return { id };
}

export function deleteVisit(ctx: CoreContext, id: number): void {
  const { db } = ctx;
  const v = db.prepare(`${SELECT} WHERE v.id = ?`).get(id) as VisitDbRow | undefined;
  if (!v) throw notFound('该走访记录');
  db.transaction(() => {
    db.prepare('DELETE FROM instructor_visits WHERE id = ?').run(id);
    recordAudit(db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action: 'delete', entity: 'instructor_visit', entityId: id, entityLabel: `${v.instructor_name} 走访 ${v.org_name}（${v.visit_date}）` });
  })();
  ctx.emit('data.changed', { entity: 'instructor_visit' });
}

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.doc': 'application/msword',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain',
};

export function readAttachment(ctx: CoreContext, id: number): FileOutput {
  const a = ctx.db.prepare('SELECT file_name, file_id FROM visit_attachments WHERE id = ?').get(id) as { file_name: string; file_id: number | null } | undefined;
  if (!a) throw notFound('该附件');
  const bytes = a.file_id === null ? null : attachmentBytes(ctx.db, a.file_id);
  if (!bytes) throw new AppError('NOT_FOUND', `附件“${a.file_name}”的内容缺失（来自旧版本或外来的数据库，文件未能找回）；请重新上传`);
  return { fileName: a.file_name, mime: MIME[path.extname(a.file_name).toLowerCase()] ?? 'application/octet-stream', base64: bytes.toString('base64') };
}
