import { createHash } from 'node:crypto';
import type { Db } from '../db/driver';

/**
 * Attachment bytes (visit files, debriefing reports) are kept in the database by id (migration 006):
 * encrypted with the database's key when it has one, in every backup and restore, and checked with it.
 * Rows hold only the id; the bytes are freed by triggers when the row that holds them goes.
 */
export function storeAttachment(db: Db, bytes: Buffer): number {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return Number(db.prepare('INSERT INTO attachment_files (size, sha256, bytes) VALUES (?, ?, ?)').run(bytes.length, sha256, bytes).lastInsertRowid);
}

export function attachmentBytes(db: Db, id: number): Buffer | null {
  return (db.prepare('SELECT bytes FROM attachment_files WHERE id = ?').pluck().get(id) as Buffer | undefined) ?? null;
}

/** Where an attachment is named in the database, for messages. */
const HOLDERS = `
  SELECT '走访附件“' || a.file_name || '”' AS label, a.file_id AS file_id, a.legacy_path AS legacy FROM visit_attachments a
  UNION ALL
  SELECT '“' || d.name || '”的述职报告文件“' || COALESCE(d.report_file_name, '') || '”', d.report_file_id, d.report_file_path FROM debriefers d
   WHERE d.report_file_id IS NOT NULL OR d.report_file_path IS NOT NULL`;

/**
 * The attachments part of the integrity check: an attachment whose bytes are missing (a dangling id, or
 * with `unadopted` a file an older database named that could not be taken in) or altered (its SHA-256
 * no longer matches). A database from before migration 006 has nothing to check here.
 */
export function attachmentProblems(db: Db, opts: { unadopted: boolean }): string[] {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment_files'`).get();
  if (!hasTable) return [];
  const problems: string[] = [];
  const holders = db.prepare(`SELECT h.label, h.file_id, f.id AS found FROM (${HOLDERS}) h LEFT JOIN attachment_files f ON f.id = h.file_id`).all() as {
    label: string;
    file_id: number | null;
    found: number | null;
  }[];
  for (const h of holders) {
    if (h.file_id !== null && h.found === null) problems.push(`${h.label}的内容缺失`);
    else if (h.file_id === null && opts.unadopted) problems.push(`${h.label}的文件缺失（旧版本数据库所指的文件不在本程序的附件文件夹中）`);
  }
  const labels = new Map(holders.filter((h) => h.file_id !== null).map((h) => [h.file_id!, h.label]));
  for (const f of db.prepare('SELECT id, size, sha256, bytes FROM attachment_files').iterate() as IterableIterator<{ id: number; size: number; sha256: string; bytes: Buffer }>) {
    if (f.bytes.length !== f.size || createHash('sha256').update(f.bytes).digest('hex') !== f.sha256) {
      problems.push(`${labels.get(f.id) ?? `附件 #${f.id}`}已被改动（校验值不符）`);
    }
  }
  return problems;
}
