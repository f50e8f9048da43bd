import { idCardCheckChar } from '../../../shared/domain/codes';
import { addMonths } from '../../../shared/domain/visitDuty';
import type { CoreContext } from '../context';
import { seededRandom, type Random } from '../demo/random';

const PEOPLE = ['王建华', '李红梅', '张志刚', '刘晓燕', '陈国强', '杨丽娟', '赵文博', '孙海燕', '周立军', '吴雅琴', '郑卫东', '冯淑芬'];
const UNITS: [string, string][] = [
  ['桃城区委组织部', '组织员'],
  ['桃城区市场监督管理局', '党建办副主任'],
  ['桃城区工商业联合会', '办公室主任'],
  ['桃城区民政局', '社会组织管理股股长'],
  ['河东街道党工委', '组织委员'],
  ['河西街道党工委', '党建办主任'],
  ['桃城区人力资源和社会保障局', '四级主任科员'],
];
const CONTENT = [
  '宣讲党的路线方针政策，了解企业生产经营和职工思想状况',
  '摸排党员人数和组织关系，指导做好入党积极分子培养',
  '指导开展工会、共青团工作，推动党建工作覆盖',
  '了解企业负责人对党建工作的认识，沟通组建党组织事宜',
  '组织集中学习，讲解发展党员工作流程',
];
const PROBLEMS = ['党员组织关系尚未转入', '职工流动性大，党员底数不清', '负责人对党建工作重视不够', null, null];
const SUGGESTIONS = ['尽快转入组织关系，具备条件时建立党支部', '建立职工信息台账，定期更新', '结合企业文化建设开展党建活动', null];

function idCard(r: Random): string {
  const birth = `${r.int(1965, 1995)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  const first17 = `131102${birth}${String(r.int(0, 999)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/**
 * Sample instructors and liaisons, assigned to most sample organisations that have no party org, with a year
 * of visits: some organisations stay 未覆盖 and some assignments are overdue, so the lists have something to show.
 */
export function loadInstructorDemo(ctx: CoreContext, seed = 2026): { instructors: number; assignments: number; visits: number } {
  const { db } = ctx;
  const r = seededRandom(seed + 5);
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  const insertInstructor = db.prepare(
    `INSERT INTO instructors (name, role, employment, work_unit, position, phone, id_card, term_start, term_end, status, is_sample, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const ids: number[] = [];
  for (const [i, name] of PEOPLE.entries()) {
    if (db.prepare('SELECT 1 FROM instructors WHERE name = ?').get(name)) continue;
    const [unit, position] = r.pick(UNITS);
    const termStart = addMonths(today, -r.int(6, 30));
    const id = Number(
      insertInstructor.run(
        name,
        i < 8 ? '指导员' : '联络员',
        i % 3 === 0 ? '专职' : '兼职',
        unit,
        position,
        `13${r.int(0, 9)}${String(r.int(0, 99999999)).padStart(8, '0')}`,
        idCard(r),
        termStart,
        addMonths(termStart, 36),
        i === PEOPLE.length - 1 ? '离任' : '在岗',
        now,
        now,
      ).lastInsertRowid,
    );
    ids.push(id);
  }
  const active = ids.slice(0, -1);
  if (!active.length) return { instructors: 0, assignments: 0, visits: 0 };
  const orgs = db
    .prepare(
      `SELECT o.id FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id
       WHERE o.is_sample = 1 AND o.dissolved_at IS NULL AND o.operating_status = '在营' AND COALESCE(p.built, 0) = 0
         AND NOT EXISTS (SELECT 1 FROM instructor_assignments a WHERE a.organization_id = o.id) ORDER BY o.id`,
    )
    .pluck()
    .all() as number[];
  const insertAssignment = db.prepare(
    `INSERT INTO instructor_assignments (instructor_id, organization_id, is_lead, start_date, end_date, reason, end_reason, is_sample, created_at)
     VALUES (?, ?, 1, ?, ?, ?, ?, 1, ?)`,
  );
  const insertVisit = db.prepare(
    `INSERT INTO instructor_visits (instructor_id, organization_id, visit_date, way, content, problems, suggestions, follow_up, is_sample, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  let assignments = 0;
  let visits = 0;
  for (const orgId of orgs) {
    if (r.chance(0.2)) continue; // left 未覆盖
    const who = r.pick(active);
    const start = addMonths(today, -r.int(2, 14));
    if (r.chance(0.08)) {
      // An earlier instructor whose assignment ended: history, not coverage.
      const oldStart = addMonths(start, -12);
      insertAssignment.run(r.pick(active), orgId, oldStart, addMonths(oldStart, 11), '应派尽派', '工作调整', now);
      assignments++;
    }
    insertAssignment.run(who, orgId, start, null, r.pick(['应派尽派，无党员组织', '党员不足 3 名，暂不具备单独组建条件', '新成立企业，推动党建工作覆盖']), null, now);
    assignments++;
    // Visits every 2–5 months since the start; a share of assignments lapses (走访逾期).
    const lapse = r.chance(0.25);
    for (let d = addMonths(start, r.int(0, 2)); d <= today; d = addMonths(d, r.int(2, 5))) {
      if (lapse && d > addMonths(today, -4)) break;
      const day = `${d.slice(0, 8)}${String(r.int(1, 28)).padStart(2, '0')}`;
      if (day > today) break;
      insertVisit.run(who, orgId, day, r.pick(['上门走访', '上门走访', '电话', '集中指导', '线上']), r.pick(CONTENT), r.pick(PROBLEMS), r.pick(SUGGESTIONS), null, now, now);
      visits++;
    }
  }
  return { instructors: ids.length, assignments, visits };
}

/** Removes sample instructors (their assignments and visits go with them) and sample rows on real data. */
export function clearInstructorDemo(ctx: CoreContext): void {
  const { db } = ctx;
  db.prepare('DELETE FROM instructor_visits WHERE is_sample = 1').run();
  db.prepare('DELETE FROM instructor_assignments WHERE is_sample = 1').run();
  db.prepare('DELETE FROM instructors WHERE is_sample = 1').run();
}
