import type { Migration } from './index';

export const m002Census: Migration = {
  version: 2,
  name: '年度摸排：快照、批次（可整批撤销）、记住的表头对应',
  up(db) {
    db.exec(`
      CREATE TABLE census_batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        year INTEGER NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        data_rows INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        excluded INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'undone')),
        undone_at TEXT,
        undone_by TEXT,
        -- audit_log ids written by this batch, removed again by an undo
        audit_from INTEGER,
        audit_to INTEGER
      );
      CREATE INDEX census_batches_sha ON census_batches(sha256, year);

      -- One census snapshot per organisation and year; never overwritten by another year.
      CREATE TABLE census_records (
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        batch_id INTEGER REFERENCES census_batches(id),
        row_no INTEGER,
        uscc TEXT NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        industry TEXT,
        street TEXT NOT NULL,
        park TEXT,
        address TEXT,
        legal_rep TEXT,
        phone TEXT,
        employees INTEGER,
        full_members INTEGER NOT NULL,
        probationary_members INTEGER NOT NULL,
        party_org_built INTEGER NOT NULL,
        party_org_type TEXT,
        formation TEXT,
        secretary_name TEXT,
        instructor TEXT,
        founded_on TEXT,
        operating_status TEXT NOT NULL,
        notes TEXT,
        PRIMARY KEY (organization_id, year)
      );
      CREATE INDEX census_records_year ON census_records(year);

      -- Before- and after-images of every row a batch touched, so an undo restores exactly.
      CREATE TABLE census_batch_changes (
        batch_id INTEGER NOT NULL REFERENCES census_batches(id),
        seq INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row_key TEXT NOT NULL,
        before TEXT,
        after TEXT,
        PRIMARY KEY (batch_id, seq)
      );

      CREATE TABLE census_mappings (
        signature TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
