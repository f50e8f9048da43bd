import type { z } from 'zod';
import type { Db } from '../db/driver';

/** A typed setting stored as JSON in the settings table; bad stored JSON falls back to the default. */
export function getSetting<S extends z.ZodType>(db: Db, key: string, schema: S, fallback: z.infer<S>): z.infer<S> {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

/** Whether a setting is stored; without it the built-in default applies. */
export function hasSetting(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined;
}

/** Stores a setting, or with null removes it so that the built-in default applies again. */
export function storeOrResetSetting(db: Db, key: string, value: unknown): void {
  if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else setSetting(db, key, value);
}
