import { z } from 'zod';
import { DEFAULT_OFFICE_TIME_ZONE, isTimeZone } from '../../../shared/domain/officeTime';
import type { Db } from '../db/driver';
import { getSetting, setSetting } from './settings';

const KEY = 'office.timeZone';
const Zone = z.string().refine(isTimeZone);

// Read once per connection, first when it opens: lx_today() needs the zone inside SQL, where the
// connection cannot be queried again (a database before its first migration has the default).
const zones = new WeakMap<Db, string>();

/** The office's time zone (Asia/Shanghai unless the office set another). */
export function officeTimeZone(db: Db): string {
  let zone = zones.get(db);
  if (zone === undefined) {
    const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
    zone = hasSettings ? getSetting(db, KEY, Zone, DEFAULT_OFFICE_TIME_ZONE) : DEFAULT_OFFICE_TIME_ZONE;
    zones.set(db, zone);
  }
  return zone;
}

export function setOfficeTimeZone(db: Db, zone: string): void {
  setSetting(db, KEY, zone);
  zones.set(db, zone);
}
