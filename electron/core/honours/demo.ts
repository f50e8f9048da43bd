import { acceptanceGrade, type ProjectStatus } from '../../../shared/domain/honours/secretaryProjects';
import { MODEL_ITEMS } from '../../../shared/domain/honours/modelOrgs';
import { rateOrganisation } from '../../../shared/domain/honours/starRating';
import type { CoreContext } from '../context';
import { seededRandom, type Random } from '../demo/random';
import { acceptanceSettings } from './projects';
import { defaultRatingSettings } from './rating';

/**
 * Sample honours, all rows marked is_sample: last year's rating round closed and this year's under way,
 * 整顿 items (one overdue), 双强六好 names, and about 20 书记项目 in every state.
 */

const addDays = (iso: string, days: number) => new Date(Date.parse(iso + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);

const PROBLEMS = ['支部班子长期不健全，书记调离后未及时补选', '一年多未正常开展“三会一课”', '党员组织关系管理混乱，有失联党员', '党组织作用发挥不明显，职工认可度低'];
const PLANS = ['街道党工委选派党建指导员驻点指导，三个月内完成班子补选', '制定组织生活计划，每月开展主题党日，街道每季度检查', '逐一排查党员去向，规范组织关系转接，建立党员信息台账', '结合企业生产开展党员先锋岗活动，半年内形成特色做法'];
const LEADERS = ['王建华（街道党工委副书记）', '李红梅（街道组织委员）', '张志刚（街道党工委委员）', '刘晓燕（街道组织委员）'];
const PROJECTS: [string, string, string, string][] = [
  ['“红色引擎”助力技术攻关', '一线技术骨干中党员比例低，党建与生产结合不紧', '培养党员技术骨干10名，攻克工艺难题3项', '设立党员攻关小组，开展“一名党员一个项目”，每季度评比'],
  ['党建引领和谐劳动关系', '职工流动性大，劳动纠纷时有发生', '职工流失率下降20%，劳动纠纷零上访', '建立党员联系职工制度，开展“书记面对面”恳谈会'],
  ['“党员先锋岗”创建', '党员身份意识不强，示范作用不明显', '创建党员先锋岗5个，党员亮身份全覆盖', '制定先锋岗标准，挂牌亮诺，季度考评'],
  ['楼宇党建联盟共建', '楼宇内企业党员分散，组织生活难开展', '联合楼宇内12家企业建立党建联盟，活动覆盖率100%', '设立楼宇党群服务站，轮值开展联合主题党日'],
  ['社会组织“党建+志愿服务”', '志愿服务缺少党组织统筹，品牌不响', '打造志愿服务品牌1个，年服务居民5000人次', '党员带头组建志愿服务队，与社区结对共建'],
  ['非公企业发展党员“双培养”', '连续两年未发展党员，后备力量不足', '确定入党积极分子6名，发展党员2名', '把业务骨干培养成党员、把党员培养成业务骨干'],
  ['园区党群服务中心提质', '党群服务中心使用率低，功能单一', '中心月均开放活动8次以上', '引入职工技能培训、法律咨询等服务，建立预约制度'],
];
const STREET_SECRETARIES = ['郭立新', '何春梅', '林振华'];

/** Item scores of an organisation of a given quality (0–1), on the round's checklist. */
function scoresFor(r: Random, items: { key: string; points: number }[], quality: number): Record<string, number> {
  return Object.fromEntries(items.map((i) => [i.key, Math.max(0, Math.min(i.points, Math.round(i.points * (quality + (r.next() - 0.5) * 0.2) * 2) / 2))]));
}

export function loadHonoursDemo(ctx: CoreContext, seed: number): void {
  const { db } = ctx;
  if (db.prepare('SELECT 1 FROM rating_rounds WHERE is_sample = 1').get()) return;
  const r = seededRandom(seed + 17);
  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  const now = ctx.clock.now().toISOString();
  const settings = defaultRatingSettings(db);
  const orgs = db
    .prepare(
      `SELECT o.id, o.name, o.street, o.category, p.name AS po_name, p.secretary_name FROM organizations o JOIN party_orgs p ON p.organization_id = o.id
       WHERE o.is_sample = 1 AND p.built = 1 AND o.dissolved_at IS NULL ORDER BY o.id`,
    )
    .all() as { id: number; name: string; street: string; category: string; po_name: string | null; secretary_name: string | null }[];
  if (orgs.length === 0) return;

  const insRound = db.prepare(`INSERT INTO rating_rounds (year, name, settings, closed_on, is_sample, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`);
  const insRating = db.prepare(
    `INSERT INTO ratings (round_id, organization_id, scores, vetoes, score, stars, explanation, weak_candidate, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insWeak = db.prepare(
    `INSERT INTO weak_orgs (year, organization_id, source, reason, problems, plan, leader, deadline, progress, status, closed_on, is_sample, created_at, updated_at)
     VALUES (@year, @org, @source, @reason, @problems, @plan, @leader, @deadline, @progress, @status, @closedOn, 1, @now, @now)`,
  );
  // Each organisation keeps its quality from year to year, a little better or worse.
  const quality = new Map(orgs.map((o) => [o.id, r.chance(0.08) ? 0.5 : r.chance(0.3) ? 0.95 : 0.8]));

  for (const y of [year - 1, year]) {
    const closed = y < year;
    const roundId = Number(insRound.run(y, `${y}年度两新组织党组织评星定级`, JSON.stringify(settings), closed ? `${y}-12-28` : null, now, now).lastInsertRowid);
    const candidates: { id: number; veto: boolean; explanation: string }[] = [];
    orgs.forEach((o, i) => {
      // This year's round is under way: the last fifth of the organisations are not scored yet.
      if (!closed && i >= Math.floor(orgs.length * 0.8)) return;
      const q = Math.max(0.3, Math.min(1, quality.get(o.id)! + (r.next() - 0.5) * 0.1));
      const vetoes = r.chance(0.03) ? [r.pick(settings.vetoes)] : [];
      const scores = scoresFor(r, settings.items, q);
      const res = rateOrganisation(scores, vetoes, settings);
      insRating.run(roundId, o.id, JSON.stringify(scores), JSON.stringify(vetoes), res.score, res.stars, res.explanation, res.weakCandidate ? 1 : 0, now);
      if (res.weakCandidate) candidates.push({ id: o.id, veto: vetoes.length > 0, explanation: res.explanation });
    });
    // Most candidates are confirmed; in this year's list the first is overdue.
    candidates.slice(0, closed ? 4 : 3).forEach((c, k) => {
      const deadline = closed ? `${y + 1}-06-30` : k === 0 ? addDays(today, -r.int(5, 25)) : addDays(today, r.int(30, 120));
      const status = closed ? (k < 3 ? '已转化' : '未转化') : '整顿中';
      insWeak.run({
        year: y,
        org: c.id,
        source: c.veto ? '一票否决' : '一星',
        reason: `${c.explanation}，经街道党工委核实确定`,
        problems: PROBLEMS[k % PROBLEMS.length],
        plan: PLANS[k % PLANS.length],
        leader: LEADERS[k % LEADERS.length],
        deadline,
        progress: closed ? '已完成整顿任务，经验收达到转化标准' : k === 0 ? '班子补选尚未完成' : '已制定整顿方案，正在推进',
        status,
        closedOn: closed ? `${y + 1}-06-20` : null,
        now,
      });
    });
  }

  // 双强六好: last year named (one declined), this year recommended and part-checked.
  const enterprises = orgs.filter((o) => o.category === 'enterprise');
  const insModel = db.prepare(
    `INSERT INTO model_orgs (year, organization_id, recommended_by, recommended_on, checks, decision, decision_note, decided_on, is_sample, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const checks = (metAll: boolean, upTo: number = MODEL_ITEMS.length) =>
    JSON.stringify(MODEL_ITEMS.slice(0, upTo).map((item, i) => ({ item, met: metAll || i !== 3, note: metAll || i !== 3 ? '经实地核查达到标准' : '企业文化建设载体较少' })));
  enterprises.slice(0, 5).forEach((o, i) => {
    const named = i < 4;
    insModel.run(year - 1, o.id, `${o.street}两新组织党委`, `${year - 1}-10-15`, checks(named), named ? '命名' : '不予命名', named ? null : '企业文化好一项未达到', `${year - 1}-12-20`, now, now);
  });
  enterprises.slice(5, 9).forEach((o, i) => {
    insModel.run(year, o.id, `${o.street}两新组织党委`, addDays(today, -20), i < 2 ? checks(true) : checks(true, 4), '待审定', null, null, now, now);
  });

  // 书记项目: about 20 — last year's finished, this year's in every state (one with an overdue milestone).
  const s = acceptanceSettings(db);
  const insProject = db.prepare(
    `INSERT INTO secretary_projects (year, organization_id, street, secretary, unit_name, title, problem, goal, measures, signed_on, status, midterm_note,
       self_score, superior_score, masses_score, grade, grade_score, grade_explanation, is_sample, created_at, updated_at)
     VALUES (@year, @org, @street, @secretary, @unit, @title, @problem, @goal, @measures, @signedOn, @status, @midterm, @self, @superior, @masses,
       @grade, @gradeScore, @explanation, 1, @now, @now)`,
  );
  const insMilestone = db.prepare('INSERT INTO project_milestones (project_id, position, title, due_date, done_on) VALUES (?, ?, ?, ?, ?)');
  const plan: [number, ProjectStatus][] = [
    ...Array.from({ length: 6 }, () => [year - 1, '已完成'] as [number, ProjectStatus]),
    ...(['立项', '立项', '立项', '推进中', '推进中', '推进中', '推进中', '中期评估', '中期评估', '中期评估', '结题验收', '结题验收', '已完成', '已完成'] as ProjectStatus[]).map(
      (st) => [year, st] as [number, ProjectStatus],
    ),
  ];
  let overdueGiven = false;
  plan.forEach(([y, status], i) => {
    const street = i % 7 === 6;
    const o = orgs[(i * 3) % orgs.length];
    const [title, problem, goal, measures] = PROJECTS[i % PROJECTS.length];
    const stage = ['立项', '推进中', '中期评估', '结题验收', '已完成'].indexOf(status);
    const scored = stage >= 3;
    const sc = scored ? { self: r.int(85, 98), superior: r.int(70, 95), masses: r.int(72, 96) } : { self: null, superior: null, masses: null };
    const g = status === '已完成' ? acceptanceGrade(sc, s) : null;
    const id = Number(
      insProject.run({
        year: y,
        org: street ? null : o.id,
        street: o.street,
        secretary: street ? STREET_SECRETARIES[i % STREET_SECRETARIES.length] : (o.secretary_name ?? '王建华'),
        unit: street ? `${o.street}党工委` : (o.po_name ?? `${o.name}党支部`),
        title,
        problem,
        goal,
        measures,
        signedOn: `${y}-03-${String(10 + (i % 15)).padStart(2, '0')}`,
        status,
        midterm: stage >= 2 ? '项目按计划推进，阶段目标基本完成，建议加强成果总结' : null,
        ...sc,
        grade: g?.grade ?? null,
        gradeScore: g?.score ?? null,
        explanation: g?.explanation ?? null,
        now,
      }).lastInsertRowid,
    );
    // Four milestones across the year; those due before today are done, except one of a running project (overdue).
    // A project just set up (立项) has its milestones ahead; the others' fall across the year.
    const lateAt = y === year && stage >= 1 && stage < 4 && !overdueGiven ? stage : -1;
    if (lateAt >= 0) overdueGiven = true;
    const dues = [0, 1, 2, 3].map((k) => (k === lateAt ? addDays(today, -12) : y === year && stage === 0 ? addDays(today, 30 * (k + 1)) : `${y}-${String(3 + k * 3).padStart(2, '0')}-28`));
    const lateDue = dues[lateAt];
    // The steps in the order of their dates (the 立项书 lists them so: a late step 12 days ago goes where its date falls).
    dues.sort();
    const lateK = lateAt >= 0 ? dues.indexOf(lateDue) : -1;
    ['制定实施方案', '完成阶段任务', '开展中期评估', '总结验收'].forEach((m, k) => {
      const due = dues[k];
      const late = k === lateK;
      // Done a few days before the date, never after today (a project finished early has its last milestone done early).
      const done = !late && (status === '已完成' || due < today) ? [addDays(due, -r.int(0, 10)), today].sort()[0] : null;
      insMilestone.run(id, k, m, due, done);
    });
  });
}

export function clearHonoursDemo(ctx: CoreContext): void {
  const { db } = ctx;
  db.prepare('DELETE FROM rating_rounds WHERE is_sample = 1').run();
  db.prepare('DELETE FROM weak_orgs WHERE is_sample = 1').run();
  db.prepare('DELETE FROM model_orgs WHERE is_sample = 1').run();
  db.prepare('DELETE FROM secretary_projects WHERE is_sample = 1').run();
}
