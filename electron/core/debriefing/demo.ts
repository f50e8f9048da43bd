import { DEFAULT_BALLOT_ITEMS, type DebrieferStatus, type Tally, type Tier } from '../../../shared/contract/debriefing';
import { gradeDebriefer } from '../../../shared/domain/grading';
import type { CoreContext } from '../context';
import { seededRandom, type Random } from '../demo/random';
import { gradingSettings } from './grades';

/** Sample debriefing: a complete cycle last year and one in progress this year, all rows marked is_sample. */

/** 成员单位, its leader who debriefs, the contact person and phone. */
const UNITS: [string, string, string, string][] = [
  ['区市场监督管理局', '王立新', '刘文静', '0318-2101234'],
  ['区工业和信息化局', '李振华', '陈小军', '0318-2102345'],
  ['区民政局', '赵秀英', '杨玉兰', '0318-2103456'],
  ['区人力资源和社会保障局', '孙海涛', '黄丽华', '0318-2104567'],
  ['区商务局', '周晓明', '徐国栋', '0318-2105678'],
  ['区工商业联合会', '吴春梅', '马红霞', '0318-2106789'],
];

const REPORT = (name: string, year: number) =>
  [
    `${year}年以来，${name}在上级党组织的坚强领导下，认真履行党建工作第一责任人职责，现将抓党建工作情况报告如下。`,
    '一、履行职责情况。坚持把党建工作纳入单位发展总体布局，年初制定党建工作计划，每季度专题研究党建工作，落实“三会一课”制度，全年召开支部委员会12次、党员大会4次，讲党课2次。',
    '二、组织建设情况。按期完成支部换届，配齐配强支部班子；严格发展党员程序，全年发展党员1名、确定入党积极分子2名；规范党费收缴和组织关系管理。',
    '三、作用发挥情况。开展党员先锋岗、志愿服务等活动，党员在生产经营、疫情防控和服务职工群众中发挥了示范带头作用。',
    '四、存在的问题。一是党建与业务融合不够紧密；二是党员教育方式比较单一，吸引力不强；三是党建阵地使用率不高。',
    '五、下一步打算。围绕上述问题，细化整改措施，推动党建工作与生产经营深度融合，不断提升组织力。',
  ].join('\n');

const PROBLEMS = ['党建工作与生产经营融合不够紧密', '“三会一课”记录不够规范', '党员教育形式单一，学习覆盖面不足', '党建活动阵地使用率不高', '发展党员工作计划性不强'];
const MEASURES = ['制定党建与业务融合工作清单，每季度开展一次主题党日', '统一使用会议记录本，支部书记每月审核', '建立线上学习群，每月组织集中学习一次', '制定阵地开放使用制度，结合职工活动常态使用', '制定三年发展党员规划，建立积极分子培养台账'];

function tallies(r: Random, items: string[], quality: number): Tally[] {
  const issued = r.int(25, 45);
  return items.map((item) => {
    const valid = issued - r.int(0, 2);
    const good = Math.min(valid, Math.round(valid * Math.max(0, Math.min(1, quality + (r.next() - 0.5) * 0.15))));
    const fairlyGood = Math.min(valid - good, Math.round((valid - good) * 0.7));
    const poor = quality < 0.3 ? Math.min(valid - good - fairlyGood, r.int(0, 3)) : 0;
    return { item, issued, valid, good, fairlyGood, average: valid - good - fairlyGood - poor, poor };
  });
}

export function loadDebriefingDemo(ctx: CoreContext, seed: number): void {
  const { db } = ctx;
  const r = seededRandom(seed + 6);
  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  const now = ctx.clock.now().toISOString();
  const settings = gradingSettings(db);

  const unitIds = UNITS.map(([name, person, contact, phone]) => {
    const existing = db.prepare('SELECT id FROM member_units WHERE name = ?').get(name) as { id: number } | undefined;
    if (existing) return { id: existing.id, name, person };
    const id = Number(
      db
        .prepare(
          `INSERT INTO member_units (name, leader, contact_person, contact_phone, is_sample, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(name, person, contact, phone, now, now).lastInsertRowid,
    );
    return { id, name, person };
  });
  const orgs = db
    .prepare(
      `SELECT o.id, o.street, p.name, p.secretary_name AS person FROM organizations o JOIN party_orgs p ON p.organization_id = o.id
       WHERE o.is_sample = 1 AND p.built = 1 AND o.dissolved_at IS NULL AND o.operating_status = '在营' ORDER BY o.id LIMIT 14`,
    )
    .all() as { id: number; street: string; name: string; person: string | null }[];

  const insertCycle = db.prepare(
    `INSERT INTO debriefing_cycles (year, name, start_date, end_date, ballot_items, notes, is_sample, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, 1, ?, ?)`,
  );
  const insertDebriefer = db.prepare(
    `INSERT INTO debriefers (cycle_id, tier, organization_id, unit_id, name, person, street, status, report_text, report_submitted_on,
       debriefed_on, computed_grade, computed_explanation, computed_score, is_sample, created_at, updated_at)
     VALUES (@cycleId, @tier, @organizationId, @unitId, @name, @person, @street, @status, @report, @submittedOn, @debriefedOn,
       @grade, @explanation, @score, 1, @now, @now)`,
  );
  const insertBallot = db.prepare(
    `INSERT INTO debriefing_ballots (debriefer_id, item, position, issued, valid, good, fairly_good, average, poor)
     VALUES (@id, @item, @position, @issued, @valid, @good, @fairlyGood, @average, @poor)`,
  );
  const insertRect = db.prepare(
    `INSERT INTO rectifications (debriefer_id, problem, measures, owner, deadline, status, evidence, completed_on, is_sample, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );

  const cycle = (y: number, complete: boolean) => {
    if (db.prepare('SELECT 1 FROM debriefing_cycles WHERE year = ?').get(y)) return;
    // The running cycle has started by today, whatever the month the sample data is loaded in.
    const start = complete ? `${y}-11-10` : [[`${y}-11-10`, addDays(today, -30)].sort()[0], `${y}-01-01`].sort()[1];
    const cycleId = Number(
      insertCycle.run(y, `${y}年度两新组织党组织书记抓党建工作述职评议考核`, start, `${y}-12-31`, JSON.stringify(DEFAULT_BALLOT_ITEMS), now, now).lastInsertRowid,
    );
    const who: { tier: Tier; organizationId: number | null; unitId: number | null; name: string; person: string | null; street: string | null }[] = [
      ...orgs.map((o) => ({ tier: '两新党组织书记' as Tier, organizationId: o.id, unitId: null, name: o.name, person: o.person, street: o.street })),
      ...unitIds.map((u) => ({ tier: '工委成员单位' as Tier, organizationId: null, unitId: u.id, name: u.name, person: u.person, street: null })),
      { tier: '两新工委', organizationId: null, unitId: null, name: '区两新组织工作委员会', person: '张建国', street: null },
    ];
    who.forEach((w, i) => {
      // This year's cycle is mid-way: the first debriefers are further along than the last ones.
      const stage = complete ? 5 : Math.max(0, 4 - Math.floor((i * 5) / who.length));
      const status: DebrieferStatus = (['待提交', '已提交报告', '已述职', '已评定', '整改中', '已完成'] as const)[stage];
      const quality = r.chance(0.15) ? 0.25 : r.chance(0.5) ? 0.75 : 0.55;
      const t = stage >= 2 ? tallies(r, DEFAULT_BALLOT_ITEMS, quality) : [];
      const g = stage >= 3 ? gradeDebriefer(t, [], settings) : null;
      const id = Number(
        insertDebriefer.run({
          cycleId,
          ...w,
          status,
          report: stage >= 1 ? REPORT(w.name, y) : null,
          submittedOn: stage >= 1 ? addDays(start, 5) : null,
          debriefedOn: stage >= 2 ? addDays(start, 15) : null,
          grade: g?.grade ?? null,
          explanation: g ? g.explanation : null,
          score: g && g.grade ? g.score : null,
          now,
        }).lastInsertRowid,
      );
      t.forEach((x, position) => insertBallot.run({ id, position, ...x }));
      if (stage >= 4) {
        const n = r.int(1, 2);
        for (let k = 0; k < n; k++) {
          const p = r.int(0, PROBLEMS.length - 1);
          const done = complete || (k === 0 && r.chance(0.4));
          // In the running cycle one deadline has already passed: an overdue reminder to show.
          const deadline = complete ? `${y + 1}-03-31` : k === 0 && i % 2 === 0 ? addDays(today, -r.int(3, 20)) : addDays(today, r.int(20, 90));
          insertRect.run(id, PROBLEMS[p], MEASURES[p], w.person, deadline, done ? '已完成' : '整改中', done ? '整改台账及会议记录已归档' : null, done ? (complete ? `${y + 1}-03-20` : today) : null, now, now);
        }
      }
    });
  };
  cycle(year - 1, true);
  cycle(year, false);
}

const addDays = (iso: string, days: number) => new Date(Date.parse(iso + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);

/** Removes the sample cycles (with their debriefers, ballots and items) and the sample member units. */
export function clearDebriefingDemo(ctx: CoreContext): number {
  const n = ctx.db.prepare('DELETE FROM debriefing_cycles WHERE is_sample = 1').run().changes;
  ctx.db.prepare('DELETE FROM member_units WHERE is_sample = 1').run();
  return n;
}
