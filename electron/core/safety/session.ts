import fs from 'node:fs';
import type { CoreContext, Logger } from '../context';
import { adoptLegacyAttachments } from '../attachments/adopt';
import { openDatabase } from '../db/database';
import type { Db } from '../db/driver';
import { AppError } from '../errors';
import { changePassphrase, looksEncrypted } from './cipher';
import { integrityProblems } from './inspect';

export type DbState = 'open' | 'locked' | 'damaged' | 'newer';

export interface SessionOptions {
  file: string;
  backupsDir: string;
  attachmentsDir: string;
  now: () => Date;
  logger: Logger;
}

/**
 * The core's one database connection and its state. Handlers reach the connection through ctx.db,
 * which asks the session, so lock, unlock and restore can close and reopen it underneath them.
 */
export class DbSession {
  private current: Db | null = null;
  private problem: AppError = new AppError('LOCKED', '数据库尚未打开。');
  state: DbState = 'locked';
  /** Kept in memory only while unlocked, for backups and re-encrypting a restored file. */
  private passphrase: string | null = null;

  constructor(readonly opts: SessionOptions) {}

  get db(): Db {
    if (!this.current) throw this.problem;
    return this.current;
  }

  get encrypted(): boolean {
    return this.passphrase !== null || looksEncrypted(this.opts.file);
  }

  get passphraseInUse(): string | null {
    return this.passphrase;
  }

  get message(): string | null {
    return this.current ? null : this.problem.message;
  }

  /** Opens, migrates and quick-checks the database; never throws for a locked, damaged or newer file. */
  open(passphrase: string | null = null): void {
    this.close();
    try {
      const db = openDatabase(this.opts.file, { backupsDir: this.opts.backupsDir, now: this.opts.now, passphrase });
      const problems = integrityProblems(db, false);
      if (problems.length) {
        db.close();
        throw new AppError('DAMAGED', `数据库文件已损坏，启动检查未通过（${problems.slice(0, 3).join('；')}）。请从最近的完好备份恢复。`);
      }
      const adopted = adoptLegacyAttachments(db, this.opts.attachmentsDir);
      if (adopted) this.opts.logger.info(`已把 ${adopted} 个旧版附件文件移入数据库`);
      this.current = db;
      this.passphrase = looksEncrypted(this.opts.file) ? passphrase : null;
      this.state = 'open';
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    const err =
      e instanceof AppError
        ? e
        : new AppError('DAMAGED', `数据库无法打开（${(e as Error).message}）。文件可能已损坏，请从最近的完好备份恢复。`);
    if (!(e instanceof AppError)) this.opts.logger.error('打开数据库失败', e);
    this.problem = err;
    this.state = err.code === 'LOCKED' ? 'locked' : err.code === 'DB_VERSION' ? 'newer' : 'damaged';
  }

  /** Unlocks an encrypted database; a wrong passphrase throws a clear message and stays locked. */
  unlock(passphrase: string): void {
    this.open(passphrase);
    if (this.state === 'locked') throw this.problem;
  }

  /** Closes the connection and forgets the passphrase; only meaningful for an encrypted database. */
  lock(): void {
    if (!this.encrypted) throw new AppError('VALIDATION', '尚未设置口令，无需锁定。请先在“数据安全”页设置口令。');
    this.close();
    this.passphrase = null;
    this.problem = new AppError('LOCKED', '已锁定，请输入口令解锁。');
    this.state = 'locked';
  }

  /** Sets (current null), changes, or (next null) removes the passphrase of the open database. */
  setPassphrase(current: string | null, next: string | null): void {
    const db = this.db;
    if (this.passphrase !== null && current !== this.passphrase) {
      throw new AppError('VALIDATION', '当前口令不正确，口令未修改。', [{ field: 'current', message: '当前口令不正确' }]);
    }
    if (this.passphrase === null && next === null) throw new AppError('VALIDATION', '数据库没有设置口令。');
    changePassphrase(db, next);
    this.passphrase = next;
  }

  close(): void {
    if (this.current) {
      this.current.close();
      this.current = null;
      this.problem = new AppError('LOCKED', '数据库已关闭。');
    }
  }

  /**
   * Swaps the database file for a checked replacement: close, move the new file in under a temporary
   * name, drop the old WAL, rename, reopen. The caller checks `state` afterwards.
   */
  replaceFile(source: string, passphrase: string | null): void {
    const file = this.opts.file;
    const part = `${file}.restoring`;
    fs.copyFileSync(source, part);
    const fd = fs.openSync(part, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    this.close();
    for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(file + side, { force: true });
    fs.renameSync(part, file);
    this.open(passphrase);
  }
}

const sessions = new WeakMap<CoreContext, DbSession>();

export function attachSession(ctx: CoreContext, session: DbSession): void {
  sessions.set(ctx, session);
}

export function sessionOf(ctx: CoreContext): DbSession {
  const s = sessions.get(ctx);
  if (!s) throw new AppError('INTERNAL', '数据库会话不存在。');
  return s;
}
