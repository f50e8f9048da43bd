import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { LATEST_VERSION, migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Folder for the copy taken before a schema upgrade. */
  backupsDir?: string;
  readonly?: boolean;
  now?: () => Date;
}

/** Opens (creating if needed) the app database and brings its schema up to date. */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false });
  try {
    refuseNewer(db); // before configure(): switching to WAL would already change the file
    configure(db);
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
  if (current > 0 && file !== ':memory:' && !opts.readonly) backupBeforeUpgrade(db, file, current, opts);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
}

function backupBeforeUpgrade(db: Db, file: string, from: number, opts: OpenOptions): void {
  const dir = opts.backupsDir ?? path.join(path.dirname(file), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `升级前-v${from}-${stamp}.db`);
  // VACUUM INTO writes a consistent copy through SQLite itself, never a raw copy of a live file.
  db.prepare('VACUUM INTO ?').run(target);
}
