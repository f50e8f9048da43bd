import type { Migration } from './index';

export const m004Debriefing: Migration = {
  version: 4,
  name: '述职评议考核：考核、述职人、民主测评、考核指标、整改、成员单位',
  up(db) {
    db.exec(`
      -- 工委成员单位: the maintained list of member departments that debrief at the second tier.
      CREATE TABLE member_units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        leader TEXT,
        contact_person TEXT,
        contact_phone TEXT,
        notes TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE debriefing_cycles (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        ballot_items TEXT NOT NULL, -- JSON array; the first item is the overall item (总体评价)
        notes TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE debriefers (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES debriefing_cycles(id) ON DELETE CASCADE,
        tier TEXT NOT NULL CHECK (tier IN ('两新党组织书记', '工委成员单位', '两新工委')),
        organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
        unit_id INTEGER REFERENCES member_units(id) ON DELETE SET NULL,
        name TEXT NOT NULL,
        person TEXT,
        street TEXT,
        status TEXT NOT NULL DEFAULT '待提交',
        report_text TEXT,
        report_submitted_on TEXT,
        report_file_name TEXT,
        report_file_path TEXT,
        debriefed_on TEXT,
        -- Frozen when the debriefer reaches 已评定, so later threshold changes never rewrite history.
        computed_grade TEXT,
        computed_explanation TEXT,
        computed_score REAL,
        override_grade TEXT,
        override_reason TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX debriefers_org ON debriefers(cycle_id, organization_id) WHERE organization_id IS NOT NULL;
      CREATE UNIQUE INDEX debriefers_unit ON debriefers(cycle_id, unit_id) WHERE unit_id IS NOT NULL;
      CREATE INDEX debriefers_cycle ON debriefers(cycle_id, tier);

      CREATE TABLE debriefing_ballots (
        debriefer_id INTEGER NOT NULL REFERENCES debriefers(id) ON DELETE CASCADE,
        item TEXT NOT NULL,
        position INTEGER NOT NULL,
        issued INTEGER NOT NULL,
        valid INTEGER NOT NULL,
        good INTEGER NOT NULL,
        fairly_good INTEGER NOT NULL,
        average INTEGER NOT NULL,
        poor INTEGER NOT NULL,
        PRIMARY KEY (debriefer_id, item)
      );

      CREATE TABLE debriefing_checklist (
        id INTEGER PRIMARY KEY,
        debriefer_id INTEGER NOT NULL REFERENCES debriefers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        indicator TEXT NOT NULL,
        max_score REAL NOT NULL,
        self_score REAL,
        superior_score REAL,
        adjustment REAL NOT NULL DEFAULT 0,
        adjustment_reason TEXT
      );

      CREATE TABLE rectifications (
        id INTEGER PRIMARY KEY,
        debriefer_id INTEGER NOT NULL REFERENCES debriefers(id) ON DELETE CASCADE,
        problem TEXT NOT NULL,
        measures TEXT,
        owner TEXT,
        deadline TEXT,
        status TEXT NOT NULL DEFAULT '未开始',
        evidence TEXT,
        completed_on TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX rectifications_debriefer ON rectifications(debriefer_id);
      CREATE INDEX rectifications_deadline ON rectifications(status, deadline);
    `);
  },
};
