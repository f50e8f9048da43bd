import type { Db } from '../driver';
import { m001Foundation } from './001_foundation';
import { m002Census } from './002_census';
import { m003Instructors } from './003_instructors';
import { m004Debriefing } from './004_debriefing';
import { m005CensusFields } from './005_census_fields';
import { m006AttachmentFiles } from './006_attachment_files';
import { m008OrgFacts } from './008_org_facts';
import { m009Honours } from './009_honours';
import { m010OrgFactsAtUpgrade } from './010_org_facts_at_upgrade';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/**
 * The schema's history, in order. Never edit a shipped migration: add the next number.
 * Reserved: 2 census, 3 instructors, 4 debriefing, 5 census fields (登记证号, 出资人是否党员), 6 data safety, 8 stored rule facts and search text, 9 honours (评星定级, 整顿, 双强六好, 书记项目), 10 stored rule facts worked out at upgrade.
 */
export const migrations: Migration[] = [m001Foundation, m002Census, m003Instructors, m004Debriefing, m005CensusFields, m006AttachmentFiles, m008OrgFacts, m009Honours, m010OrgFactsAtUpgrade].sort((a, b) => a.version - b.version);

export const LATEST_VERSION = migrations[migrations.length - 1].version;
