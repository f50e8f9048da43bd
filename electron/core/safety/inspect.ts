import fs from 'node:fs';
import { LATEST_VERSION } from '../db/migrations';
import { Database, type Db } from '../db/driver';
import { attachmentProblems } from '../attachments/store';
import { AppError } from '../errors';
import { applyPassphrase, assertReadable, looksEncrypted } from './cipher';

/** Tables every database of this app has had since schema version 1. */
const CORE_TABLES = ['organizations', 'audit_log', 'settings'];

export interface FileReport {
  schemaVersion: number;
  organizations: number;
  auditRows: number;
  encrypted: boolean;
}

/** integrity_check (full) or quick_check; returns the problems SQLite names, empty when sound. */
export function integrityProblems(db: Db, full: boolean): string[] {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
  const lines = rows.map((r) => String(Object.values(r)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

const notOurs = (name: string, why: string) =>
  new AppError('UNSUPPORTED_FILE', `“${name}”不是两新档案的备份文件（${why}）。请选择由“数据安全 → 备份到文件”生成的 .db 文件。当前数据未作任何改动。`);

/**
 * Checks a database or backup file without changing it: readable (with the passphrase if encrypted),
 * passes integrity_check, is this app's database, and is not newer than the app.
 */
export function inspectFile(file: string, passphrase: string | null, name = file): FileReport {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `找不到文件“${name}”。`);
  const size = fs.statSync(file).size;
  if (size < 512) throw notOurs(name, '文件太小');
  const encrypted = looksEncrypted(file);
  if (encrypted && !passphrase) {
    throw new AppError('LOCKED', `“${name}”不是普通的数据库文件：可能是加过密的备份（请输入它的口令后再恢复），也可能不是两新档案的备份或已损坏。当前数据未作任何改动。`);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw notOurs(name, (e as Error).message);
  }
  try {
    try {
      if (encrypted) applyPassphrase(db, passphrase!);
      else assertReadable(db, false);
    } catch (e) {
      if (e instanceof AppError && encrypted) {
        throw new AppError('LOCKED', `无法解密“${name}”：口令不对，或者它不是两新档案的备份、或已损坏。当前数据未作任何改动。`);
      }
      if (e instanceof AppError) throw notOurs(name, '无法识别的文件格式');
      throw new AppError('DAMAGED', `“${name}”已损坏，无法读取（${(e as Error).message}）。请换一份较早的备份。当前数据未作任何改动。`);
    }
    let problems: string[];
    try {
      problems = integrityProblems(db, true);
      if (!problems.length) problems = attachmentProblems(db, { unadopted: false });
    } catch (e) {
      problems = [(e as Error).message];
    }
    if (problems.length) {
      throw new AppError(
        'DAMAGED',
        `“${name}”已损坏，完整性检查未通过（${problems.slice(0, 3).join('；')}）。请换一份较早的备份。当前数据未作任何改动。`,
      );
    }
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    const version = db.pragma('user_version', { simple: true }) as number;
    if (missing.length || version < 1) throw notOurs(name, missing.length ? '不含两新档案的数据表' : '没有两新档案的数据库版本号');
    if (version > LATEST_VERSION) {
      throw new AppError(
        'DB_VERSION',
        `“${name}”来自较新版本的两新档案（数据库版本 ${version}，本程序只支持到 ${LATEST_VERSION}）。请先升级程序再恢复。当前数据未作任何改动。`,
      );
    }
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      schemaVersion: version,
      organizations: count('SELECT COUNT(*) AS n FROM organizations'),
      auditRows: count('SELECT COUNT(*) AS n FROM audit_log'),
      encrypted,
    };
  } finally {
    db.close();
  }
}
