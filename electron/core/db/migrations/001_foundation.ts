import type { Migration } from './index';

export const m001Foundation: Migration = {
  version: 1,
  name: '基础：组织档案、党组织、党员人数、设置、审计',
  up(db) {
    db.exec(`
      CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        uscc TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        category TEXT NOT NULL CHECK (category IN ('enterprise', 'social')),
        industry TEXT,
        street TEXT NOT NULL,
        park TEXT,
        address TEXT,
        legal_rep TEXT,
        phone TEXT,
        employees INTEGER CHECK (employees IS NULL OR employees >= 0),
        operating_status TEXT NOT NULL DEFAULT '在营',
        notes TEXT,
        name_initials TEXT NOT NULL DEFAULT '',
        dissolved_at TEXT,
        dissolve_kind TEXT,
        dissolve_reason TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX organizations_street ON organizations(street);
      CREATE INDEX organizations_name ON organizations(name);

      CREATE TABLE party_orgs (
        organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        built INTEGER NOT NULL DEFAULT 0,
        not_built_reason TEXT,
        type TEXT,
        formation TEXT,
        name TEXT,
        founded_on TEXT,
        secretary_name TEXT,
        secretary_source TEXT,
        term_start TEXT,
        term_end TEXT,
        superior_org TEXT
      );

      -- A joint party org based at the host covers the other organisations listed here.
      CREATE TABLE coverage_links (
        host_organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        covered_organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        PRIMARY KEY (host_organization_id, covered_organization_id)
      );

      CREATE TABLE member_counts (
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        full_members INTEGER NOT NULL CHECK (full_members >= 0),
        probationary_members INTEGER NOT NULL CHECK (probationary_members >= 0),
        PRIMARY KEY (organization_id, year)
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        entity_label TEXT,
        field TEXT,
        field_label TEXT,
        old_value TEXT,
        new_value TEXT
      );
      CREATE INDEX audit_entity ON audit_log(entity, entity_id);
      CREATE INDEX audit_at ON audit_log(at);
    `);
  },
};
