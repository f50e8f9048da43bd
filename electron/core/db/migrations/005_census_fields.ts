import type { Migration } from './index';

/**
 * What real 台账 forms carry beyond the first census sheet: 登记证号 (older 社会组织 files) and whether the
 * 出资人/负责人 is a party member on the case file; the census snapshot keeps these and the party-org facts
 * the domain already has a place for (党组织名称, 上级党组织, 未建党组织原因 live in party_orgs).
 */
export const m005CensusFields: Migration = {
  version: 5,
  name: '摸排新字段：登记证号、出资人（负责人）是否党员；快照含党组织名称、上级党组织、未建原因',
  up(db) {
    db.exec(`
      ALTER TABLE organizations ADD COLUMN registration_no TEXT;
      ALTER TABLE organizations ADD COLUMN investor_is_member INTEGER CHECK (investor_is_member IS NULL OR investor_is_member IN (0, 1));
      ALTER TABLE census_records ADD COLUMN party_org_name TEXT;
      ALTER TABLE census_records ADD COLUMN registration_no TEXT;
      ALTER TABLE census_records ADD COLUMN superior_org TEXT;
      ALTER TABLE census_records ADD COLUMN unbuilt_reason TEXT;
      ALTER TABLE census_records ADD COLUMN investor_is_member INTEGER;
    `);
  },
};
