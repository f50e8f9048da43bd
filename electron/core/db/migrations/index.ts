import type { Db } from '../driver';
import { m001Foundation } from './001_foundation';
import { m002Census } from './002_census';
import { m003Instructors } from './003_instructors';
import { m004Debriefing } from './004_debriefing';
import { m006AttachmentFiles } from './006_attachment_files';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/**
 * The schema's history, in order. Never edit a shipped migration: add the next number.
 * Reserved: 2 census, 3 instructors, 4 debriefing, 5 export settings, 6 data safety.
 */
export const migrations: Migration[] = [m001Foundation, m002Census, m003Instructors, m004Debriefing, m006AttachmentFiles].sort((a, b) => a.version - b.version);

export const LATEST_VERSION = migrations[migrations.length - 1].version;
