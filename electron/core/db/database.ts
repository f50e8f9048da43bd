import fs from 'node:fs';
import path from 'node:path';
import { officeDate } from '../../../shared/domain/officeTime';
import { officeTimeZone } from '../settings/officeZone';
import { AppError } from '../errors';
import { snapshot } from '../safety/backup';
import { applyPassphrase, assertReadable, looksEncrypted } from '../safety/cipher';
import { Database, type Db } from './driver';
import { LATEST_VERSION, migrations } from './migrations';

export type { Db };

export interface OpenOptions {
  /** Folder for the copy taken before a schema upgrade. */
  backupsDir?: string;
  readonly?: boolean;
  now?: () => Date;
  /** Passphrase of an encrypted database (SQLCipher 4 format); a new file given one is created encrypted. */
  passphrase?: string | null;
}

/** Opens (creating if needed) the app database and brings its schema up to date. */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const encrypt = !!opts.passphrase && (looksEncrypted(file) || !fs.existsSync(file) || fs.statSync(file).size === 0);
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    if (encrypt) applyPassphrase(db, opts.passphrase!);
    else assertReadable(db, false);
    refuseNewer(db); // before configure(): switching to WAL would already change the file
    configure(db);
    // lx_today(): the office's date on the app clock inside SQL, so shared queries (e.g. active assignments) need no bound date.
    // Marked deterministic so SQLite evaluates it once per statement instead of once per row (like date('now')).
    officeTimeZone(db); // read now: the function cannot query its own connection
    db.function('lx_today', { deterministic: true }, () => officeDate(opts.now?.() ?? new Date(), officeTimeZone(db)));
    migrate(db, file, opts);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // FULL: a committed census batch survives a power cut, not only a process kill.
  db.pragma('synchronous = FULL');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the file's user_version, each in its own transaction. */
export function refuseNewer(db: Db): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new AppError(
      'DB_VERSION',
      `此数据库由较新版本的两新档案创建（数据库版本 ${current}，本程序只支持到 ${LATEST_VERSION}）。请升级程序后再打开，数据未作任何改动。`,
    );
  }
}

export function migrate(db: Db, file: string, opts: OpenOptions = {}): void {
  refuseNewer(db);
  const current = schemaVersion(db);
  if (current === LATEST_VERSION) return;
  if (current > 0 && file !== ':memory:' && !opts.readonly) backupBeforeUpgrade(db, file, opts);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
}

/** The automatic backup before a schema upgrade (the old schema version is inside it, as user_version). */
function backupBeforeUpgrade(db: Db, file: string, opts: OpenOptions): void {
  const dir = opts.backupsDir ?? path.join(path.dirname(file), 'backups');
  snapshot(db, dir, '升级前', opts.now?.() ?? new Date());
}
