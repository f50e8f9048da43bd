import type { Migration } from './index';

/**
 * Writes that can change an organisation's rule results mark it stale (orgs/facts.ts recomputes before the next
 * read). NOT EXISTS rather than OR IGNORE: an outer statement's conflict clause (an upsert's) overrides a trigger's.
 */
const STALE = (orgIdSql: string) =>
  `INSERT INTO org_facts_stale (organization_id) SELECT ${orgIdSql} WHERE NOT EXISTS (SELECT 1 FROM org_facts_stale WHERE organization_id = ${orgIdSql})`;
/** The search text: name and pinyin initials, lower-cased as LIKE compared them, kept apart by U+001F; the code beside it. */
const SEARCH_TEXT = `lower(NEW.name) || char(31) || NEW.name_initials`;

export const m008OrgFacts: Migration = {
  version: 8,
  name: '规则标记与覆盖口径存为可索引的事实；名称/代码/拼音首字母检索表',
  up(db) {
    db.exec(`
      -- One row per organisation: the rule flags (shared/domain/rules.ts) and where it counts in the coverage
      -- rates (shared/domain/coverage.ts), as of org_facts_state.computed_for. Lists filter and the overview
      -- counts by these columns instead of running the rules over every row.
      CREATE TABLE org_facts (
        organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        current INTEGER NOT NULL,          -- 档案未撤销/注销
        street TEXT NOT NULL,
        category TEXT NOT NULL,
        in_operation INTEGER NOT NULL,     -- 在营
        with_org INTEGER NOT NULL,         -- 在营且已建党组织
        own_org INTEGER NOT NULL,          -- 在营且单独组建
        should_build INTEGER NOT NULL,     -- 在营且应建
        should_built INTEGER NOT NULL,     -- 在营、应建且已建
        work_covered INTEGER NOT NULL,     -- 在营且已建或有在岗指导员
        unbuilt INTEGER NOT NULL,          -- 应建未建
        needs_joint INTEGER NOT NULL,      -- 应联建
        no_members INTEGER NOT NULL,       -- 无党员
        type_mismatch INTEGER NOT NULL,    -- 类型不符
        term_ended INTEGER NOT NULL,       -- 换届到期
        term_ending INTEGER NOT NULL,      -- 换届临近
        uncovered INTEGER NOT NULL         -- 未覆盖
      );
      -- Every column in the order the overview groups by: its grouped counts read this index in one pass, no sort.
      CREATE INDEX org_facts_overview ON org_facts(current, street, category, in_operation, with_org, own_org, should_build,
        should_built, work_covered, unbuilt, needs_joint, no_members, type_mismatch, term_ended, term_ending, uncovered);
      CREATE INDEX org_facts_unbuilt ON org_facts(organization_id) WHERE unbuilt = 1;
      CREATE INDEX org_facts_needs_joint ON org_facts(organization_id) WHERE needs_joint = 1;
      CREATE INDEX org_facts_no_members ON org_facts(organization_id) WHERE no_members = 1;
      CREATE INDEX org_facts_type_mismatch ON org_facts(organization_id) WHERE type_mismatch = 1;
      CREATE INDEX org_facts_term_ended ON org_facts(organization_id) WHERE term_ended = 1;
      CREATE INDEX org_facts_term_ending ON org_facts(organization_id) WHERE term_ending = 1;
      CREATE INDEX org_facts_uncovered ON org_facts(organization_id) WHERE uncovered = 1;

      -- Organisations whose facts must be worked out again; every organisation at first.
      CREATE TABLE org_facts_stale (organization_id INTEGER PRIMARY KEY);
      INSERT INTO org_facts_stale SELECT id FROM organizations;
      -- The date and term settings the facts were worked out for (换届 and active assignments depend on both).
      CREATE TABLE org_facts_state (id INTEGER PRIMARY KEY CHECK (id = 1), computed_for TEXT, terms TEXT);
      INSERT INTO org_facts_state (id) VALUES (1);

      CREATE TRIGGER org_facts_org_insert AFTER INSERT ON organizations BEGIN ${STALE('NEW.id')}; END;
      CREATE TRIGGER org_facts_org_update AFTER UPDATE OF operating_status, dissolved_at, street, category ON organizations
        BEGIN ${STALE('NEW.id')}; END;
      CREATE TRIGGER org_facts_po_insert AFTER INSERT ON party_orgs BEGIN ${STALE('NEW.organization_id')}; END;
      CREATE TRIGGER org_facts_po_update AFTER UPDATE ON party_orgs BEGIN ${STALE('NEW.organization_id')}; END;
      CREATE TRIGGER org_facts_po_delete AFTER DELETE ON party_orgs BEGIN ${STALE('OLD.organization_id')}; END;
      CREATE TRIGGER org_facts_mc_insert AFTER INSERT ON member_counts BEGIN ${STALE('NEW.organization_id')}; END;
      CREATE TRIGGER org_facts_mc_update AFTER UPDATE ON member_counts BEGIN ${STALE('NEW.organization_id')}; END;
      CREATE TRIGGER org_facts_mc_delete AFTER DELETE ON member_counts BEGIN ${STALE('OLD.organization_id')}; END;
      CREATE TRIGGER org_facts_ia_insert AFTER INSERT ON instructor_assignments BEGIN ${STALE('NEW.organization_id')}; END;
      CREATE TRIGGER org_facts_ia_update AFTER UPDATE ON instructor_assignments BEGIN ${STALE('NEW.organization_id')}; ${STALE('OLD.organization_id')}; END;
      CREATE TRIGGER org_facts_ia_delete AFTER DELETE ON instructor_assignments BEGIN ${STALE('OLD.organization_id')}; END;
      CREATE TRIGGER org_facts_instructor_status AFTER UPDATE OF status ON instructors BEGIN
        INSERT INTO org_facts_stale (organization_id) SELECT DISTINCT organization_id FROM instructor_assignments
        WHERE instructor_id = NEW.id AND organization_id NOT IN (SELECT organization_id FROM org_facts_stale);
      END;
      -- Finding the organisations whose 换届 status a new day changes.
      CREATE INDEX party_orgs_term_end ON party_orgs(term_end) WHERE term_end IS NOT NULL;
      CREATE INDEX organizations_dissolved ON organizations(dissolved_at);
      -- Deleting organisations (undoing a census batch) looks these up for each one.
      CREATE INDEX coverage_links_covered ON coverage_links(covered_organization_id);
      CREATE INDEX debriefers_organization ON debriefers(organization_id);

      -- Search text per organisation, kept by triggers: one narrow table to scan instead of three LIKEs over the wide one.
      CREATE TABLE org_search (
        organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        current INTEGER NOT NULL,  -- 档案未撤销/注销, so the usual search needs no look into organizations
        text TEXT NOT NULL,
        code TEXT NOT NULL
      );
      INSERT INTO org_search SELECT id, dissolved_at IS NULL, lower(name) || char(31) || name_initials, lower(uscc) FROM organizations;
      CREATE TRIGGER org_search_insert AFTER INSERT ON organizations BEGIN
        INSERT INTO org_search (organization_id, current, text, code) VALUES (NEW.id, NEW.dissolved_at IS NULL, ${SEARCH_TEXT}, lower(NEW.uscc));
      END;
      CREATE TRIGGER org_search_update AFTER UPDATE OF name, uscc, name_initials, dissolved_at ON organizations BEGIN
        UPDATE org_search SET current = NEW.dissolved_at IS NULL, text = ${SEARCH_TEXT}, code = lower(NEW.uscc) WHERE organization_id = NEW.id;
      END;
      -- The list's default order with the column every list filters by: paging deep into it reads the index alone.
      DROP INDEX organizations_name;
      CREATE INDEX organizations_name_current ON organizations(name, dissolved_at);
    `);
  },
};
