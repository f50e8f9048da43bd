import type { OrgHonours, RatingEntry, RatingRow, RatingSummary, RoundRow, StarCounts } from '../../../shared/contract/honours';
import { MODEL_TITLES } from '../../../shared/domain/honours/modelOrgs';
import { conversionRate, type WeakStatus } from '../../../shared/domain/honours/weakOrgs';
import type { AcceptanceGrade } from '../../../shared/domain/honours/secretaryProjects';
import { DEFAULT_RATING_SETTINGS, RatingSettings, describeRatingSettings, projectItemScore, rateOrganisation, withProjectItems } from '../../../shared/domain/honours/starRating';
import type { CoreContext } from '../context';
import type { Db } from '../db/driver';
import { AppError, notFound } from '../errors';
import { getSetting, hasSetting, storeOrResetSetting } from '../settings/settings';
import { audit, changed, IMPORTED_NOTE, ORG_LABEL_SELECT, type OrgLabel } from './common';

export const RATING_SETTINGS_KEY = 'honours.rating';

/** The checklist a new round starts from: the office's saved set, else the default. */
export const defaultRatingSettings = (db: Db): RatingSettings => getSetting(db, RATING_SETTINGS_KEY, RatingSettings, DEFAULT_RATING_SETTINGS);

interface RoundDbRow {
  id: number;
  year: number;
  name: string;
  settings: string;
  closed_on: string | null;
  is_sample: number;
}

interface RatingDbRow {
  organization_id: number;
  scores: string;
  vetoes: string;
  score: number | null;
  stars: number | null;
  explanation: string;
  weak_candidate: number;
}

export function loadRound(db: Db, id: number): RoundDbRow {
  const r = db.prepare('SELECT * FROM rating_rounds WHERE id = ?').get(id) as RoundDbRow | undefined;
  if (!r) throw notFound('该评星定级年度');
  return r;
}

export const roundByYear = (db: Db, year: number) => db.prepare('SELECT * FROM rating_rounds WHERE year = ?').get(year) as RoundDbRow | undefined;

export function roundForYear(db: Db, year: number): RoundDbRow {
  const r = roundByYear(db, year);
  if (!r) throw new AppError('NOT_FOUND', `${year} 年尚未开展评星定级：请先在“年度评星”中新建 ${year} 年度`);
  return r;
}

const settingsOf = (r: RoundDbRow): RatingSettings => RatingSettings.parse(JSON.parse(r.settings));

/** Party organisations (own and joint) of current 两新组织: who is rated. */
const ELIGIBLE = `o.dissolved_at IS NULL AND p.built = 1`;

function toRoundRow(db: Db, r: RoundDbRow): RoundRow {
  const n = db.prepare(`SELECT COUNT(*) FROM ratings WHERE round_id = ? AND stars IS NOT NULL`).pluck().get(r.id) as number;
  return { id: r.id, year: r.year, name: r.name, closed: r.closed_on !== null, closedOn: r.closed_on, rated: n, isSample: r.is_sample === 1 };
}

export const listRounds = (ctx: CoreContext): RoundRow[] =>
  (ctx.db.prepare('SELECT * FROM rating_rounds ORDER BY year DESC').all() as RoundDbRow[]).map((r) => toRoundRow(ctx.db, r));

/** Each organisation's 书记项目 result of the year (its finished project; the latest if several). */
function projectGrades(db: Db, year: number): Map<number, AcceptanceGrade> {
  const rows = db
    .prepare(`SELECT organization_id, grade FROM secretary_projects WHERE year = ? AND status = '已完成' AND grade IS NOT NULL AND organization_id IS NOT NULL ORDER BY id`)
    .all(year) as { organization_id: number; grade: AcceptanceGrade }[];
  return new Map(rows.map((r) => [r.organization_id, r.grade]));
}

/** Recomputes stored results of a round from its scores (after its settings or a 书记项目 result changed). */
function recompute(db: Db, round: { id: number; year: number }, s: RatingSettings, organizationId?: number): void {
  const rows = (
    organizationId === undefined
      ? db.prepare('SELECT organization_id, scores, vetoes FROM ratings WHERE round_id = ?').all(round.id)
      : db.prepare('SELECT organization_id, scores, vetoes FROM ratings WHERE round_id = ? AND organization_id = ?').all(round.id, organizationId)
  ) as RatingDbRow[];
  const grades = projectGrades(db, round.year);
  const upd = db.prepare('UPDATE ratings SET score = ?, stars = ?, explanation = ?, weak_candidate = ? WHERE round_id = ? AND organization_id = ?');
  for (const r of rows) {
    const res = rateOrganisation(withProjectItems(JSON.parse(r.scores), s, grades.get(r.organization_id) ?? null), JSON.parse(r.vetoes), s);
    upd.run(res.score, res.stars, res.explanation, res.weakCandidate ? 1 : 0, round.id, r.organization_id);
  }
}

/** A 书记项目 finished or reopened: the open round of its year re-rates that organisation if the checklist scores projects. */
export function projectResultChanged(db: Db, year: number, organizationId: number | null): void {
  const r = roundByYear(db, year);
  if (!r || r.closed_on || organizationId === null) return;
  const s = settingsOf(r);
  if (s.items.some((i) => i.fromProject)) recompute(db, r, s, organizationId);
}

export function saveRound(ctx: CoreContext, input: { id?: number; year: number; name: string; settings?: RatingSettings }): { id: number } {
  const { db } = ctx;
  const clash = roundByYear(db, input.year);
  if (clash && clash.id !== input.id) {
    throw new AppError('CONFLICT', `${input.year} 年已有评星定级“${clash.name}”，每年只设一次，请直接打开它`, [{ field: 'year', message: `${input.year} 年已有评星定级` }]);
  }
  const before = input.id ? loadRound(db, input.id) : null;
  if (before?.closed_on && input.settings && JSON.stringify(input.settings) !== JSON.stringify(settingsOf(before))) {
    throw new AppError('CONFLICT', `${before.year} 年度评星已结束，评分标准已冻结：如需更改，请先重新开放`);
  }
  // A new round starts from last year's checklist (locality rules carry over), else the office's default.
  const last = db.prepare('SELECT * FROM rating_rounds WHERE year < ? ORDER BY year DESC LIMIT 1').get(input.year) as RoundDbRow | undefined;
  const settings = input.settings ?? (before ? settingsOf(before) : last ? settingsOf(last) : defaultRatingSettings(db));
  const now = ctx.clock.now().toISOString();
  const id = db.transaction(() => {
    if (before) {
      db.prepare('UPDATE rating_rounds SET year = ?, name = ?, settings = ?, updated_at = ? WHERE id = ?').run(input.year, input.name, JSON.stringify(settings), now, before.id);
      if (before.settings !== JSON.stringify(settings)) {
        recompute(db, { id: before.id, year: input.year }, settings);
        audit(ctx, 'rating_round', before.id, input.name, 'update', [
          { field: 'settings', label: '评分标准', oldValue: describeRatingSettings(settingsOf(before)).slice(0, 3).join('；'), newValue: describeRatingSettings(settings).slice(0, 3).join('；') },
        ]);
      }
      if (before.name !== input.name || before.year !== input.year) {
        audit(ctx, 'rating_round', before.id, input.name, 'update', [{ field: 'name', label: '名称', oldValue: `${before.year} ${before.name}`, newValue: `${input.year} ${input.name}` }]);
      }
      return before.id;
    }
    const newId = Number(
      db
        .prepare('INSERT INTO rating_rounds (year, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(input.year, input.name, JSON.stringify(settings), now, now).lastInsertRowid,
    );
    audit(ctx, 'rating_round', newId, input.name, 'create');
    return newId;
  })();
  changed(ctx);
  return { id };
}

export function deleteRound(ctx: CoreContext, id: number): void {
  const r = loadRound(ctx.db, id);
  if (r.closed_on) throw new AppError('CONFLICT', `${r.year} 年度评星已结束，不能删除：如确需删除，请先重新开放`);
  ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM rating_rounds WHERE id = ?').run(id);
    audit(ctx, 'rating_round', id, r.name, 'delete');
  })();
  changed(ctx);
}

export function closeRound(ctx: CoreContext, id: number, closed: boolean): void {
  const r = loadRound(ctx.db, id);
  if ((r.closed_on !== null) === closed) throw new AppError('CONFLICT', closed ? `${r.year} 年度评星已经结束` : `${r.year} 年度评星尚未结束`);
  // Imported results have stars but no item scores: reopened, a change of standard would wipe them.
  if (!closed && ctx.db.prepare('SELECT 1 FROM ratings WHERE round_id = ? AND note = ?').get(id, IMPORTED_NOTE)) {
    throw new AppError('CONFLICT', `${r.year} 年度的评星结果是从表格导入的（只有星级、没有逐项得分），不能重新开放`);
  }
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE rating_rounds SET closed_on = ?, updated_at = ? WHERE id = ?').run(closed ? ctx.clock.today() : null, ctx.clock.now().toISOString(), id);
    audit(ctx, 'rating_round', id, r.name, closed ? 'close' : 'reopen');
  })();
  changed(ctx);
}

interface GridDbRow extends OrgLabel {
  formation: string | null;
  r_scores: string | null;
  r_vetoes: string | null;
  r_score: number | null;
  r_stars: number | null;
  r_explanation: string | null;
  r_weak: number | null;
}

/** Every party organisation of the round (eligible now, or already rated), with its result and last year's stars. */
export function ratingRows(db: Db, r: RoundDbRow): RatingRow[] {
  const rows = db
    .prepare(
      `SELECT o.id, o.name, o.street, o.category, p.name AS party_org_name, p.secretary_name, p.formation,
              r.scores AS r_scores, r.vetoes AS r_vetoes, r.score AS r_score, r.stars AS r_stars, r.explanation AS r_explanation, r.weak_candidate AS r_weak
       FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id
       LEFT JOIN ratings r ON r.organization_id = o.id AND r.round_id = @id
       WHERE (${ELIGIBLE}) OR r.round_id IS NOT NULL
       ORDER BY o.street, o.name, o.id`,
    )
    .all({ id: r.id }) as GridDbRow[];
  const last = db.prepare('SELECT id FROM rating_rounds WHERE year = ?').pluck().get(r.year - 1) as number | undefined;
  const lastStars = new Map(
    last ? (db.prepare('SELECT organization_id, stars FROM ratings WHERE round_id = ?').all(last) as { organization_id: number; stars: number | null }[]).map((x) => [x.organization_id, x.stars]) : [],
  );
  const grades = projectGrades(db, r.year);
  const s = settingsOf(r);
  const fromProject = s.items.filter((i) => i.fromProject);
  return rows.map((o) => ({
    organizationId: o.id,
    name: o.name,
    partyOrgName: o.party_org_name,
    street: o.street,
    formation: o.formation,
    scores: o.r_scores ? JSON.parse(o.r_scores) : {},
    vetoes: o.r_vetoes ? JSON.parse(o.r_vetoes) : [],
    score: o.r_score,
    stars: o.r_stars,
    explanation: o.r_explanation ?? '未评定：尚未录入得分',
    weakCandidate: o.r_weak === 1,
    lastYearStars: lastStars.get(o.id) ?? null,
    projectScores: Object.fromEntries(
      grades.has(o.id) ? fromProject.map((i) => [i.key, projectItemScore(grades.get(o.id)!, i.points)]) : [],
    ) as Record<string, number>,
  }));
}

export function roundView(ctx: CoreContext, id: number) {
  const r = loadRound(ctx.db, id);
  const settings = settingsOf(r);
  return { round: toRoundRow(ctx.db, r), settings, description: describeRatingSettings(settings), rows: ratingRows(ctx.db, r) };
}

/**
 * Saves the grid's entries in one transaction: each is checked against the round's checklist first, and
 * one wrong entry (named by organisation and item) saves nothing.
 */
export function saveScores(ctx: CoreContext, roundId: number, entries: RatingEntry[]): { saved: number } {
  const { db } = ctx;
  const r = loadRound(db, roundId);
  if (r.closed_on) throw new AppError('CONFLICT', `${r.year} 年度评星已于 ${r.closed_on} 结束，得分已锁定：如需修改，请先重新开放`);
  const s = settingsOf(r);
  const items = new Map(s.items.map((i) => [i.key, i]));
  const orgs = new Map(
    (db.prepare(`${ORG_LABEL_SELECT} WHERE o.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(entries.map((e) => e.organizationId))) as OrgLabel[]).map((o) => [o.id, o]),
  );
  const issues: { field: string; message: string }[] = [];
  entries.forEach((e, n) => {
    const org = orgs.get(e.organizationId);
    if (!org) return issues.push({ field: `entries.${n}.organizationId`, message: `第 ${n + 1} 条：组织不存在或已被删除` });
    for (const [key, x] of Object.entries(e.scores)) {
      const item = items.get(key);
      if (!item) issues.push({ field: `entries.${n}.scores.${key}`, message: `${org.name}：指标“${key}”不在本年度评分标准中` });
      else if (x !== null && x > item.points) issues.push({ field: `entries.${n}.scores.${key}`, message: `${org.name}：“${item.name}”得分 ${x} 超过分值 ${item.points}，请改为 0–${item.points} 分` });
    }
    for (const v of e.vetoes) if (!s.vetoes.includes(v)) issues.push({ field: `entries.${n}.vetoes`, message: `${org.name}：“${v}”不是本年度的一票否决事项` });
  });
  if (issues.length) throw new AppError('VALIDATION', issues.slice(0, 5).map((i) => i.message).join('；') + (issues.length > 5 ? `；等 ${issues.length} 处` : ''), issues);

  const now = ctx.clock.now().toISOString();
  const upsert = db.prepare(
    `INSERT INTO ratings (round_id, organization_id, scores, vetoes, score, stars, explanation, weak_candidate, updated_at)
     VALUES (@roundId, @org, @scores, @vetoes, @score, @stars, @explanation, @weak, @now)
     ON CONFLICT (round_id, organization_id) DO UPDATE SET scores = excluded.scores, vetoes = excluded.vetoes, score = excluded.score,
       stars = excluded.stars, explanation = excluded.explanation, weak_candidate = excluded.weak_candidate, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM ratings WHERE round_id = ? AND organization_id = ?');
  const grades = projectGrades(db, r.year);
  const saved = db.transaction(() => {
    let n = 0;
    for (const e of entries) {
      const scores = Object.fromEntries(Object.entries(e.scores).filter(([, x]) => x !== null));
      const vetoes = s.vetoes.filter((v) => e.vetoes.includes(v));
      if (Object.keys(scores).length === 0 && vetoes.length === 0) {
        n += remove.run(roundId, e.organizationId).changes;
        continue;
      }
      const res = rateOrganisation(withProjectItems(scores, s, grades.get(e.organizationId) ?? null), vetoes, s);
      upsert.run({ roundId, org: e.organizationId, scores: JSON.stringify(scores), vetoes: JSON.stringify(vetoes), score: res.score, stars: res.stars, explanation: res.explanation, weak: res.weakCandidate ? 1 : 0, now });
      n++;
    }
    audit(ctx, 'rating_round', roundId, r.name, 'save_scores', [{ field: 'ratings', label: '评星得分', oldValue: null, newValue: `${n} 个组织` }]);
    return n;
  })();
  changed(ctx);
  return { saved };
}

const emptyCounts = (): StarCounts => ({ 5: 0, 4: 0, 3: 0, 2: 0, 1: 0, unrated: 0, total: 0 });

/** The round's stars per street and in total, the 软弱涣散 figures and the 双强六好 count. */
export function ratingSummary(ctx: CoreContext, year: number): RatingSummary {
  const { db } = ctx;
  const r = roundForYear(db, year);
  const rows = ratingRows(db, r);
  const byStreet = new Map<string, StarCounts>();
  const total = emptyCounts();
  for (const row of rows) {
    const c = byStreet.get(row.street) ?? emptyCounts();
    byStreet.set(row.street, c);
    for (const x of [c, total]) {
      x.total++;
      if (row.stars === null) x.unrated++;
      else x[row.stars as 1 | 2 | 3 | 4 | 5]++;
    }
  }
  const weak = db.prepare('SELECT status FROM weak_orgs WHERE year = ?').pluck().all(year) as WeakStatus[];
  const confirmed = new Set(db.prepare('SELECT organization_id FROM weak_orgs WHERE year = ?').pluck().all(year) as number[]);
  const models = db.prepare(`SELECT COUNT(*) AS recommended, SUM(decision = '命名') AS named FROM model_orgs WHERE year = ?`).get(year) as { recommended: number; named: number | null };
  return {
    year,
    round: r.name,
    closed: r.closed_on !== null,
    byStreet: [...byStreet].map(([street, c]) => ({ street, ...c })).sort((a, b) => a.street.localeCompare(b.street, 'zh-CN')),
    total,
    weak: {
      candidates: rows.filter((x) => x.weakCandidate && !confirmed.has(x.organizationId)).length,
      converting: weak.filter((s) => s === '整顿中').length,
      ...conversionRate(weak),
    },
    models: { recommended: models.recommended, named: models.named ?? 0 },
  };
}

export function saveRatingSettings(ctx: CoreContext, next: RatingSettings | null): void {
  const before = defaultRatingSettings(ctx.db);
  ctx.db.transaction(() => {
    storeOrResetSetting(ctx.db, RATING_SETTINGS_KEY, next);
    audit(ctx, 'settings', null, '评星标准', next ? 'update' : 'reset', [
      { field: RATING_SETTINGS_KEY, label: '评星标准', oldValue: describeRatingSettings(before).slice(0, 3).join('；'), newValue: describeRatingSettings(next ?? DEFAULT_RATING_SETTINGS).slice(0, 3).join('；') },
    ]);
  })();
  changed(ctx);
}

export function ratingSettingsView(ctx: CoreContext) {
  const settings = defaultRatingSettings(ctx.db);
  const isDefault = !hasSetting(ctx.db, RATING_SETTINGS_KEY);
  return { settings, description: describeRatingSettings(settings), isDefault };
}

/** An organisation's stars year by year, its titles, 整顿 and 书记项目: for its case file. */
export function orgHonours(ctx: CoreContext, organizationId: number): OrgHonours {
  const { db } = ctx;
  if (!db.prepare('SELECT 1 FROM organizations WHERE id = ?').get(organizationId)) throw notFound('该组织档案');
  const ratings = db
    .prepare(
      `SELECT rr.year, r.stars, r.score, r.explanation, rr.closed_on IS NOT NULL AS closed FROM ratings r JOIN rating_rounds rr ON rr.id = r.round_id
       WHERE r.organization_id = ? ORDER BY rr.year DESC`,
    )
    .all(organizationId) as { year: number; stars: number | null; score: number | null; explanation: string; closed: number }[];
  const titles = db
    .prepare(`SELECT m.year, o.category FROM model_orgs m JOIN organizations o ON o.id = m.organization_id WHERE m.organization_id = ? AND m.decision = '命名' ORDER BY m.year DESC`)
    .all(organizationId) as { year: number; category: 'enterprise' | 'social' }[];
  const weak = db.prepare('SELECT year, status, reason FROM weak_orgs WHERE organization_id = ? ORDER BY year DESC').all(organizationId) as OrgHonours['weak'];
  const projects = db
    .prepare('SELECT id, year, title, secretary, status, grade FROM secretary_projects WHERE organization_id = ? ORDER BY year DESC, id')
    .all(organizationId) as OrgHonours['projects'];
  return { ratings: ratings.map((x) => ({ ...x, closed: x.closed === 1 })), titles: titles.map((t) => ({ year: t.year, title: MODEL_TITLES[t.category] })), weak, projects };
}
