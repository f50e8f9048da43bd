import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry, BackupReason } from '../../../shared/contract/safety';
import type { CoreContext } from '../context';
import type { Db } from '../db/driver';
import { officeDate, officeDateTime, officeInstant } from '../../../shared/domain/officeTime';
import { officeTimeZone } from '../settings/officeZone';

/** Backup files: `<yyyyMMdd-HHmmss-SSS>_<reason>[_n].db` in the backups folder, stamped on the office's clock. */
const NAME = /^(\d{8})-(\d{6})-(\d{3})_([^_.]+)(?:_\d+)?\.db$/;

/** How many backups rotation keeps: the newest of each of the last 7 days, 4 weeks and 12 months. */
export const ROTATION = { daily: 7, weekly: 4, monthly: 12, newest: 5 } as const;

function stamp(d: Date, zone: string): string {
  const wall = officeDateTime(d, zone).replace(/[-:]/g, '').replace(' ', '-');
  return `${wall}-${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

function parseName(fileName: string, zone: string): { at: Date; reason: string } | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const [, ymd, hms, ms, reason] = m;
  const at = officeInstant(zone, +ymd.slice(0, 4), +ymd.slice(4, 6), +ymd.slice(6, 8), +hms.slice(0, 2), +hms.slice(2, 4), +hms.slice(4, 6), +ms);
  return { at, reason };
}

/**
 * A consistent copy of the live database through SQLite itself (VACUUM INTO), never a raw file copy.
 * On an encrypted database SQLite3MC writes the copy encrypted with the same key. The copy is
 * written under a temporary name and renamed, so a crash never leaves a half backup that looks whole.
 */
export function snapshotTo(db: Db, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  fs.rmSync(part, { force: true });
  db.prepare('VACUUM INTO ?').run(part);
  fs.renameSync(part, target);
}

/** Takes an automatic backup into the backups folder and returns its entry. */
export function snapshot(db: Db, dir: string, reason: BackupReason, now: Date): BackupEntry {
  const zone = officeTimeZone(db);
  const base = `${stamp(now, zone)}_${reason}`;
  let fileName = `${base}.db`;
  for (let n = 2; fs.existsSync(path.join(dir, fileName)); n++) fileName = `${base}_${n}.db`;
  snapshotTo(db, path.join(dir, fileName));
  const { mtimeMs: _, ...e } = entry(dir, fileName, zone)!;
  return e;
}

function entry(dir: string, fileName: string, zone: string): (BackupEntry & { mtimeMs: number }) | null {
  const parsed = parseName(fileName, zone);
  if (!parsed) return null;
  const stat = fs.statSync(path.join(dir, fileName));
  return { fileName, reason: parsed.reason, at: parsed.at.toISOString(), size: stat.size, mtimeMs: stat.mtimeMs };
}

/** Backups in the folder, newest first (same time stamp: the one written last first); names read in the office's zone. */
export function listBackups(dir: string, zone: string): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => entry(dir, f, zone))
    .filter((e) => e !== null)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.mtimeMs - a.mtimeMs || b.fileName.localeCompare(a.fileName)))
    .map(({ mtimeMs: _, ...e }) => e);
}

/** The Monday that starts the office day's week (YYYY-MM-DD): the weekly rotation bucket. */
function weekKey(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** Which automatic backups rotation keeps (manual ones are always kept), by the office's days. Pure, for tests. */
export function backupsToKeep(backups: BackupEntry[], zone: string): Set<string> {
  const keep = new Set<string>();
  const auto = backups.filter((b) => b.reason !== '手动');
  auto.slice(0, ROTATION.newest).forEach((b) => keep.add(b.fileName));
  const bucket = (limit: number, key: (day: string) => string) => {
    const seen = new Set<string>();
    for (const b of auto) {
      const k = key(officeDate(new Date(b.at), zone));
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      keep.add(b.fileName);
    }
  };
  bucket(ROTATION.daily, (day) => day);
  bucket(ROTATION.weekly, weekKey);
  bucket(ROTATION.monthly, (day) => day.slice(0, 7));
  backups.filter((b) => b.reason === '手动').forEach((b) => keep.add(b.fileName));
  return keep;
}

/** Deletes the backups rotation does not keep, and leftovers of interrupted backups. */
export function rotate(dir: string, zone: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const keep = backupsToKeep(listBackups(dir, zone), zone);
  const removed: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    // .db.part and its -journal: leftovers of a backup interrupted by a crash or a power cut.
    if ((NAME.test(f) && !keep.has(f)) || f.endsWith('.db.part') || f.endsWith('.db.part-journal')) {
      fs.rmSync(path.join(dir, f), { force: true });
      fs.rmSync(path.join(dir, `${f}-wal`), { force: true }); // kept beside a damaged database's copy
      removed.push(f);
    }
  }
  return removed;
}

/** The automatic backup before a risky change (census commit or undo, restore …), then rotation. */
export function backupBefore(ctx: CoreContext, reason: BackupReason): BackupEntry {
  const e = snapshot(ctx.db, ctx.paths.backupsDir, reason, ctx.clock.now());
  rotate(ctx.paths.backupsDir, ctx.clock.timeZone());
  return e;
}

/** The daily backup at start: only when the newest backup is older than a day. */
export function dailyBackupIfDue(ctx: CoreContext): BackupEntry | null {
  const newest = listBackups(ctx.paths.backupsDir, ctx.clock.timeZone())[0];
  if (newest && ctx.clock.now().getTime() - new Date(newest.at).getTime() < 86_400_000) return null;
  return backupBefore(ctx, '每日');
}

/**
 * Keeps a database file that cannot be opened (damaged or newer) before a restore replaces it. The
 * session has closed it, so copying the file (and its WAL) is safe here, unlike for a live database.
 */
export function keepClosedFile(file: string, dir: string, now: Date, zone: string): string | null {
  if (!fs.existsSync(file)) return null;
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `${stamp(now, zone)}_恢复前.db`;
  fs.copyFileSync(file, path.join(dir, fileName));
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, path.join(dir, `${fileName}-wal`));
  return fileName;
}
