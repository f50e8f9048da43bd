import type { Migration } from './index';

/**
 * Attachment bytes move into the database (attachment_files, by id): encrypted with the database's key,
 * inside every backup, covered by the integrity check, and no file path is ever taken from a row.
 * Files of older databases stay named in legacy_path / report_file_path until the session adopts them
 * (attachments/adopt.ts), which reads only inside the app's attachments folder.
 */
export const m006AttachmentFiles: Migration = {
  version: 6,
  name: '附件存入数据库（随数据库加密与备份）',
  up(db) {
    db.exec(`
      CREATE TABLE attachment_files (
        id INTEGER PRIMARY KEY,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bytes BLOB NOT NULL
      );

      CREATE TABLE visit_attachments_006 (
        id INTEGER PRIMARY KEY,
        visit_id INTEGER NOT NULL REFERENCES instructor_visits(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        file_id INTEGER REFERENCES attachment_files(id),
        legacy_path TEXT
      );
      INSERT INTO visit_attachments_006 (id, visit_id, file_name, size, created_at, legacy_path)
        SELECT id, visit_id, file_name, size, created_at, stored_name FROM visit_attachments;
      DROP TABLE visit_attachments;
      ALTER TABLE visit_attachments_006 RENAME TO visit_attachments;
      CREATE INDEX visit_attachments_visit ON visit_attachments(visit_id);

      ALTER TABLE debriefers ADD COLUMN report_file_id INTEGER REFERENCES attachment_files(id);

      -- A file's bytes go with the row that holds them, in the same transaction (cascades included).
      CREATE TRIGGER visit_attachments_free AFTER DELETE ON visit_attachments WHEN OLD.file_id IS NOT NULL
        BEGIN DELETE FROM attachment_files WHERE id = OLD.file_id; END;
      CREATE TRIGGER debriefers_free_report AFTER DELETE ON debriefers WHEN OLD.report_file_id IS NOT NULL
        BEGIN DELETE FROM attachment_files WHERE id = OLD.report_file_id; END;
      CREATE TRIGGER debriefers_replace_report AFTER UPDATE OF report_file_id ON debriefers
        WHEN OLD.report_file_id IS NOT NULL AND OLD.report_file_id IS NOT NEW.report_file_id
        BEGIN DELETE FROM attachment_files WHERE id = OLD.report_file_id; END;
    `);
  },
};
