import type { Migration } from './index';

export const m003Instructors: Migration = {
  version: 3,
  name: '党建指导员/联络员：花名册、选派、走访记录及附件',
  up(db) {
    db.exec(`
      CREATE TABLE instructors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('指导员', '联络员')),
        employment TEXT NOT NULL CHECK (employment IN ('专职', '兼职')),
        work_unit TEXT,
        position TEXT,
        phone TEXT,
        id_card TEXT,
        term_start TEXT,
        term_end TEXT,
        status TEXT NOT NULL DEFAULT '在岗' CHECK (status IN ('在岗', '离任')),
        notes TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- One person, one roster entry: the ID number is the natural key when known.
      CREATE UNIQUE INDEX instructors_id_card ON instructors(id_card) WHERE id_card IS NOT NULL;
      CREATE INDEX instructors_name ON instructors(name);

      -- 选派: history is kept; ending an assignment sets end_date, nothing is deleted.
      CREATE TABLE instructor_assignments (
        id INTEGER PRIMARY KEY,
        instructor_id INTEGER NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        is_lead INTEGER NOT NULL DEFAULT 1,
        start_date TEXT NOT NULL,
        end_date TEXT,
        reason TEXT,
        end_reason TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        CHECK (end_date IS NULL OR end_date >= start_date)
      );
      CREATE INDEX instructor_assignments_org ON instructor_assignments(organization_id, start_date);
      CREATE INDEX instructor_assignments_instructor ON instructor_assignments(instructor_id);

      CREATE TABLE instructor_visits (
        id INTEGER PRIMARY KEY,
        instructor_id INTEGER NOT NULL REFERENCES instructors(id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        visit_date TEXT NOT NULL,
        way TEXT NOT NULL CHECK (way IN ('上门走访', '电话', '集中指导', '线上')),
        content TEXT NOT NULL,
        problems TEXT,
        suggestions TEXT,
        follow_up TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- The last visit under an assignment is looked up by organisation and instructor.
      CREATE INDEX instructor_visits_org ON instructor_visits(organization_id, instructor_id, visit_date);
      CREATE INDEX instructor_visits_instructor ON instructor_visits(instructor_id, visit_date);

      -- Files live in the attachments folder under stored_name; the row keeps the user's file name.
      CREATE TABLE visit_attachments (
        id INTEGER PRIMARY KEY,
        visit_id INTEGER NOT NULL REFERENCES instructor_visits(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        stored_name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX visit_attachments_visit ON visit_attachments(visit_id);
    `);
  },
};
