import type { Migration } from './index';

export const m009Honours: Migration = {
  version: 9,
  name: '年度评星定级、软弱涣散党组织整顿、双强六好命名、书记项目',
  up(db) {
    db.exec(`
      -- 评星定级: one round a year; its checklist and thresholds live in the round and freeze when it closes.
      CREATE TABLE rating_rounds (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        settings TEXT NOT NULL, -- JSON RatingSettings
        closed_on TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE ratings (
        round_id INTEGER NOT NULL REFERENCES rating_rounds(id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        scores TEXT NOT NULL DEFAULT '{}', -- JSON { item key: points }
        vetoes TEXT NOT NULL DEFAULT '[]', -- JSON [veto item]
        -- The rule's result, kept so lists filter by stars; recomputed whenever scores or the open round's settings change.
        score REAL,
        stars INTEGER CHECK (stars IS NULL OR stars BETWEEN 1 AND 5),
        explanation TEXT NOT NULL,
        weak_candidate INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (round_id, organization_id)
      );
      CREATE INDEX ratings_org ON ratings(organization_id);

      -- 软弱涣散党组织整顿: an organisation confirmed (with a reason) for one year, to 已转化 or 未转化.
      CREATE TABLE weak_orgs (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        source TEXT NOT NULL, -- 一星 / 一票否决 / 其他
        reason TEXT NOT NULL,
        problems TEXT,
        plan TEXT,
        leader TEXT,
        deadline TEXT,
        progress TEXT,
        status TEXT NOT NULL DEFAULT '整顿中' CHECK (status IN ('整顿中', '已转化', '未转化')),
        closed_on TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (year, organization_id)
      );
      CREATE INDEX weak_orgs_deadline ON weak_orgs(status, deadline);

      -- 双强六好: a street's recommendation, the eight-point check and the committee's decision.
      CREATE TABLE model_orgs (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        recommended_by TEXT NOT NULL,
        recommended_on TEXT,
        checks TEXT NOT NULL DEFAULT '[]', -- JSON [{ item, met, note }]
        decision TEXT NOT NULL DEFAULT '待审定' CHECK (decision IN ('待审定', '命名', '不予命名')),
        decision_note TEXT,
        decided_on TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (year, organization_id)
      );

      -- 书记项目: one concrete project of a secretary (of a 两新党组织, or of a street 党工委) in a year.
      CREATE TABLE secretary_projects (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
        street TEXT,
        secretary TEXT NOT NULL,
        unit_name TEXT NOT NULL, -- the party organisation or 街道党工委 the secretary leads
        title TEXT NOT NULL,
        problem TEXT,
        goal TEXT,
        measures TEXT,
        signed_on TEXT,
        status TEXT NOT NULL DEFAULT '立项' CHECK (status IN ('立项', '推进中', '中期评估', '结题验收', '已完成')),
        midterm_note TEXT,
        self_score REAL,
        superior_score REAL,
        masses_score REAL,
        -- Frozen at 已完成 so later weight changes never rewrite a finished project's grade.
        grade TEXT,
        grade_score REAL,
        grade_explanation TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX secretary_projects_year ON secretary_projects(year, status);
      CREATE INDEX secretary_projects_org ON secretary_projects(organization_id);

      CREATE TABLE project_milestones (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES secretary_projects(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        due_date TEXT NOT NULL,
        done_on TEXT
      );
      CREATE INDEX project_milestones_project ON project_milestones(project_id, position);
      CREATE INDEX project_milestones_due ON project_milestones(done_on, due_date);
    `);
  },
};
