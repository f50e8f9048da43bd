import type Database from 'better-sqlite3';
import { m001Foundation } from './001_foundation';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * The schema's history, in order. Never edit a shipped migration: add the next number.
 * Reserved: 2 census, 3 instructors, 4 debriefing, 5 export settings, 6 data safety.
 */
export const migrations: Migration[] = [m001Foundation].sort((a, b) => a.version - b.version);

export const LATEST_VERSION = migrations[migrations.length - 1].version;
