import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/driver';
import { storeAttachment } from './store';

/** The names the app itself gave attachment files before migration 006. */
const LEGACY_NAME = /^(visits\/[0-9a-f-]{36}|debriefing\/\d+-\d+)(\.[a-z0-9]{1,8})?$/;
/** Larger than any attachment the app accepted (50 MB): not one of ours. */
const MAX_LEGACY_BYTES = 60 * 1024 * 1024;

/**
 * The app's own file for a path an older database names, or null. Whatever the row says, only its last
 * two parts are used, they must be a name the app gave, and the file must be a regular file really
 * inside the attachments folder (no link leading out): a crafted row can neither read nor delete
 * anything else.
 */
export function legacyFile(attachmentsDir: string, stored: string): string | null {
  const rel = stored.split(/[\\/]+/).slice(-2).join('/');
  if (!LEGACY_NAME.test(rel)) return null;
  try {
    const root = fs.realpathSync(attachmentsDir);
    const file = path.join(root, ...rel.split('/'));
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_LEGACY_BYTES || fs.realpathSync(file) !== file) return null;
    return file;
  } catch {
    return null;
  }
}

/**
 * Moves the attachment files of a database from before migration 006 into it (and so into its
 * encryption and backups), then deletes the plain files. Files that are not the app's own stay named
 * and are reported by the integrity check as missing.
 */
export function adoptLegacyAttachments(db: Db, attachmentsDir: string): number {
  const visits = db.prepare('SELECT id, legacy_path AS stored FROM visit_attachments WHERE file_id IS NULL AND legacy_path IS NOT NULL').all() as { id: number; stored: string }[];
  const reports = db.prepare('SELECT id, report_file_path AS stored FROM debriefers WHERE report_file_id IS NULL AND report_file_path IS NOT NULL').all() as { id: number; stored: string }[];
  if (!visits.length && !reports.length) return 0;
  const adopted: string[] = [];
  db.transaction(() => {
    const take = (rows: { id: number; stored: string }[], sql: string) => {
      for (const r of rows) {
        const file = legacyFile(attachmentsDir, r.stored);
        if (!file) continue;
        db.prepare(sql).run(storeAttachment(db, fs.readFileSync(file)), r.id);
        adopted.push(file);
      }
    };
    take(visits, 'UPDATE visit_attachments SET file_id = ?, legacy_path = NULL WHERE id = ?');
    take(reports, 'UPDATE debriefers SET report_file_id = ?, report_file_path = NULL WHERE id = ?');
  })();
  for (const f of adopted) fs.rmSync(f, { force: true });
  return adopted.length;
}
