import fs from 'node:fs';
import path from 'node:path';
import type { RestoreResult } from '../../../shared/contract/safety';
import type { CoreContext } from '../context';
import { schemaVersion } from '../db/database';
import { Database } from '../db/driver';
import { AppError } from '../errors';
import { backupBefore, keepClosedFile, listBackups, rotate } from './backup';
import { applyPassphrase, changePassphrase, looksEncrypted } from './cipher';
import { inspectFile } from './inspect';
import { overLimitValues } from './limits';
import { sessionOf } from './session';

/**
 * Restores the database from a backup file: check it first (integrity, this app's, not newer), keep
 * the current database as a backup, then swap the file and reopen. A file that fails a check changes
 * nothing; if the swapped-in file cannot be opened the kept copy goes back.
 */
export function restoreFrom(ctx: CoreContext, source: string, name: string, passphrase?: string | null): RestoreResult {
  const session = sessionOf(ctx);
  if (session.state === 'locked') throw new AppError('LOCKED', '数据库已锁定，请先解锁再恢复。');
  const current = session.passphraseInUse;
  const sourceKey = looksEncrypted(source) ? (passphrase ?? current) : null;
  const report = inspectFile(source, sourceKey, name);

  const dir = ctx.paths.backupsDir;
  const keptAs =
    session.state === 'open' ? backupBefore(ctx, '恢复前').fileName : keepClosedFile(ctx.paths.dbPath, dir, ctx.clock.now(), ctx.clock.timeZone());
  session.replaceFile(source, sourceKey);
  if (session.state !== 'open') {
    const failure = session.message;
    if (keptAs) session.replaceFile(path.join(dir, keptAs), current);
    throw new AppError('DAMAGED', `恢复失败：${failure ?? '无法打开恢复后的数据库'}。已还原为恢复前的数据。`);
  }
  // A plain backup restored into an encrypted installation stays encrypted with the current passphrase.
  if (!report.encrypted && current) session.setPassphrase(null, current);
  rotate(dir, ctx.clock.timeZone());
  ctx.emit('data.changed', { entity: 'database' });
  return { schemaVersion: schemaVersion(ctx.db), organizations: report.organizations, auditRows: report.auditRows, keptAs, overLimit: overLimitValues(ctx.db) };
}

/** Restores one of the automatic backups by its file name (the recovery screen and the 数据安全 page). */
export function restoreBackup(ctx: CoreContext, fileName: string): RestoreResult {
  const entry = listBackups(ctx.paths.backupsDir, ctx.clock.timeZone()).find((b) => b.fileName === fileName);
  if (!entry) throw new AppError('NOT_FOUND', `备份“${fileName}”不存在，可能已被轮换删除。请刷新备份列表。`);
  return restoreFrom(ctx, path.join(ctx.paths.backupsDir, entry.fileName), entry.fileName);
}

/** Re-encrypts the automatic backups after the passphrase changed, so they open with the new one. */
export function rekeyBackups(dir: string, zone: string, previous: string | null, next: string | null): number {
  let changed = 0;
  for (const b of listBackups(dir, zone)) {
    const file = path.join(dir, b.fileName);
    const encrypted = looksEncrypted(file);
    if (encrypted ? previous === null : next === null) continue;
    const db = new Database(file, { fileMustExist: true });
    try {
      if (encrypted) applyPassphrase(db, previous!);
      changePassphrase(db, next, false);
      changed++;
    } catch {
      // A backup under another passphrase (e.g. restored from elsewhere) is left as it is.
    } finally {
      db.close();
    }
  }
  return changed;
}

/**
 * A private temporary file for an uploaded or exported backup; the caller removes it. Leftovers of a
 * crash (older than an hour) are removed here.
 */
export function stagingFile(ctx: CoreContext, kind: 'upload' | 'export'): string {
  const dir = path.join(ctx.paths.dataDir, '.restore-tmp');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    const file = path.join(dir, f);
    if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
  }
  return path.join(dir, `${kind}-${process.pid}-${Date.now()}.db`);
}

/** Writes an uploaded backup to a private temporary file for checking; the caller removes it. */
export function stageUpload(ctx: CoreContext, base64: string): string {
  const file = stagingFile(ctx, 'upload');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'), { mode: 0o600 });
  return file;
}
