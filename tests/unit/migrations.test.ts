import { Database } from '../../electron/core/db/driver';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/core/db/database';
import { LATEST_VERSION, migrations } from '../../electron/core/db/migrations';
import { tempDir } from '../helpers/core';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('builds the latest schema from an empty file with WAL and foreign keys on', () => {
    const db = openDatabase(path.join(dir(), 'a.db'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('upgrades from every earlier version, keeping data and taking a backup first', () => {
    for (const from of migrations.map((m) => m.version).filter((v) => v < LATEST_VERSION)) {
      const d = dir();
      const file = path.join(d, 'old.db');
      const raw = new Database(file);
      for (const m of migrations.filter((m) => m.version <= from)) m.up(raw);
      raw.pragma(`user_version = ${from}`);
      raw.prepare(`INSERT INTO organizations (uscc, name, category, street, created_at, updated_at) VALUES ('91350100M000100Y43', '旧数据', 'enterprise', '河东街道', 'x', 'x')`).run();
      raw.close();
      const db = openDatabase(file, { backupsDir: path.join(d, 'backups') });
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.prepare('SELECT name FROM organizations').get()).toEqual({ name: '旧数据' });
      // The stored rule facts are worked out during the upgrade, not left for the first list after it.
      expect(db.prepare('SELECT COUNT(*) FROM org_facts_stale').pluck().get(), `from ${from}`).toBe(0);
      expect(db.prepare('SELECT unbuilt, uncovered, in_operation FROM org_facts').all(), `from ${from}`).toEqual([{ unbuilt: 0, uncovered: 1, in_operation: 1 }]);
      db.close();
      const backups = fs.readdirSync(path.join(d, 'backups'));
      expect(backups.length).toBe(1);
      const copy = new Database(path.join(d, 'backups', backups[0]), { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(from);
      copy.close();
    }
  });

  it('indexes every column that refers to an organisation, so deleting organisations never reads a whole table per row', () => {
    const db = openDatabase(path.join(dir(), 'fk.db'));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const unindexed: string[] = [];
    for (const t of tables) {
      const leading = new Set((db.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(t) as string[]).map((i) => db.prepare('SELECT name FROM pragma_index_info(?) WHERE seqno = 0').pluck().get(i)));
      const pk = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk = 1').pluck().get(t);
      for (const fk of db.prepare('SELECT "from" AS col FROM pragma_foreign_key_list(?) WHERE "table" = ?').all(t, 'organizations') as { col: string }[]) {
        if (!leading.has(fk.col) && pk !== fk.col) unindexed.push(`${t}.${fk.col}`);
      }
    }
    expect(unindexed).toEqual([]);
    db.close();
  });

  it('refuses a database newer than the app and leaves it untouched', () => {
    const file = path.join(dir(), 'new.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/较新版本/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('lists migrations with unique, increasing versions', () => {
    const versions = migrations.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });
});
