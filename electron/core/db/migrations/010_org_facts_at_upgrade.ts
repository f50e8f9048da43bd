import { refreshOrgFacts } from '../../orgs/facts';
import { termSettings } from '../../orgs/service';
import type { Migration } from './index';

/**
 * The stored rule facts (008) are worked out once here, while the app starts and upgrades
 * (after the pre-upgrade backup), instead of on the first list or overview after it: a database upgraded from
 * before 008 has every organisation stale, which at 100k organisations is a pause of seconds.
 * lx_today() is the office's date on the app clock (openDatabase registers it before migrating).
 */
export const m010OrgFactsAtUpgrade: Migration = {
  version: 10,
  name: '升级时一次算好各组织的规则标记与覆盖口径；删除组织时按索引找到它的评星记录',
  up(db) {
    // Deleting an organisation (undoing a census batch deletes thousands) looks for its rows in every table that
    // refers to it; without these indexes each deletion read the whole table.
    db.exec(`
      CREATE INDEX weak_orgs_organization ON weak_orgs(organization_id);
      CREATE INDEX model_orgs_organization ON model_orgs(organization_id);
    `);
    refreshOrgFacts(db, db.prepare('SELECT lx_today()').pluck().get() as string, termSettings(db));
  },
};
