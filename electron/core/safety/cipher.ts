import fs from 'node:fs';
import type { Db } from '../db/driver';
import { AppError } from '../errors';

/** Every unencrypted SQLite file starts with this header; an encrypted one starts with random salt. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file exists, is not empty and does not start with the plain SQLite header. */
export function looksEncrypted(file: string): boolean {
  if (file === ':memory:' || !fs.existsSync(file)) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    return n > 0 && !head.subarray(0, n).equals(SQLITE_MAGIC.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}

/** SQLCipher 4 settings, so the file opens in DB Browser for SQLite (SQLCipher 4 defaults) too. */
function sqlcipherMode(db: Db): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
}

/**
 * Gives the connection its passphrase and proves it by reading the schema. The passphrase goes in
 * through key(Buffer), never into SQL text. A wrong one is a clear message, never a crash.
 */
export function applyPassphrase(db: Db, passphrase: string): void {
  sqlcipherMode(db);
  db.key(Buffer.from(passphrase, 'utf8'));
  assertReadable(db, true);
}

export function assertReadable(db: Db, withPassphrase: boolean): void {
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_NOTADB') throw e;
    throw withPassphrase
      ? new AppError('LOCKED', '口令不正确（或数据库文件已损坏）。请核对口令后重试；口令区分大小写。')
      : new AppError('LOCKED', '数据库已加密，请输入口令解锁。');
  }
}

/**
 * Encrypts, re-encrypts or (next = null) decrypts the open database in place. SQLite3MC cannot rekey
 * a WAL database, so the journal switches to DELETE for the rewrite and back afterwards; rekey
 * rewrites every page, so no plain-text page stays behind in the file.
 */
export function changePassphrase(db: Db, next: string | null, wal = true): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    sqlcipherMode(db);
    db.rekey(Buffer.from(next ?? '', 'utf8'));
  } finally {
    if (wal) db.pragma('journal_mode = WAL');
  }
}
