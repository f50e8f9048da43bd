import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../shared/domain/codes';
import type { Core } from '../../electron/core';
import { makeUscc } from '../../electron/core/demo/uscc';
import { seededRandom } from '../../electron/core/demo/random';
import { matchInstructorByName, splitInstructorCell } from '../../electron/core/instructors/census';
import { FIXTURES, must } from '../helpers/core';
import { coresClosedAfterEach } from '../helpers/lifecycle';

const TODAY = '2026-11-22';
const open = coresClosedAfterEach();
const core = (today = TODAY) => open({ today });

const rnd = seededRandom(7);
const validId = (body17: string) => body17 + idCardCheckChar(body17);

async function org(c: Core, name: string, o: { built?: boolean; status?: '在营' | '注销'; street?: string; full?: number } = {}) {
  const { id } = await must(c, 'orgs.save', {
    org: { category: 'enterprise', name, uscc: makeUscc(rnd, '9', '1'), street: o.street ?? '河东街道', employees: 20, operatingStatus: o.status ?? '在营' },
    partyOrg: o.built ? { built: true, type: '党支部', formation: '单独组建' } : { built: false },
  });
  if (o.full !== undefined) await must(c, 'orgs.saveMembers', { organizationId: id, counts: { year: 2026, full: o.full, probationary: 0 } });
  return id;
}

async function instructor(c: Core, name: string, extra: Record<string, unknown> = {}) {
  return (await must(c, 'instructors.save', { fields: { name, role: '指导员', employment: '兼职', status: '在岗', ...extra } })).id;
}

const assign = (c: Core, instructorId: number, organizationIds: number[], startDate: string, endDate: string | null = null) =>
  must(c, 'instructors.assign', { instructorId, organizationIds, startDate, endDate, reason: '应派尽派', lead: true, acceptWarnings: true });

const work = async (c: Core) => (await must(c, 'coverage.summary', {})).figures.workCoverage;
const uncoveredIds = async (c: Core) => (await must(c, 'coverage.uncovered', {})).rows.map((r) => r.id);

describe('work coverage counts active assignments', () => {
  it('an assignment covers the organisation from its start date until its end date', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const b = await org(c, '乙公司', { built: true });
    const i = await instructor(c, '王建华');
    expect(await work(c)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await uncoveredIds(c)).toEqual([a]);
    expect((await must(c, 'orgs.get', { id: a })).flags).toContain('未覆盖');

    await assign(c, i, [a], '2026-10-01');
    expect(await work(c)).toMatchObject({ numerator: 2, denominator: 2, rate: 1 });
    expect(await uncoveredIds(c)).toEqual([]);
    expect((await must(c, 'orgs.get', { id: a })).flags).not.toContain('未覆盖');
    // Overview and list read the same SQL: one source of truth.
    expect((await must(c, 'stats.overview', {})).coverage.workCoverage.numerator).toBe(2);
    expect((await must(c, 'orgs.list', { flag: '未覆盖' })).total).toBe(0);
    expect(b).toBeGreaterThan(0);
  });

  it('ended, future and 离任 assignments do not cover; an end date of today still does', async () => {
    const c = core();
    const ended = await org(c, '已结束公司');
    const future = await org(c, '未开始公司');
    const left = await org(c, '离任公司');
    const endsToday = await org(c, '今天结束公司');
    const i = await instructor(c, '李红梅');
    const gone = await instructor(c, '张志刚');
    await assign(c, i, [ended], '2025-01-01', '2026-11-21');
    await assign(c, i, [future], '2026-11-23');
    await assign(c, gone, [left], '2026-01-01');
    await assign(c, i, [endsToday], '2026-01-01', TODAY);
    await must(c, 'instructors.save', { id: gone, fields: { name: '张志刚', role: '指导员', employment: '兼职', status: '离任' } });
    expect((await uncoveredIds(c)).sort()).toEqual([ended, future, left].sort());
    expect(await work(c)).toMatchObject({ numerator: 1, denominator: 4 });
  });

  it('ending an assignment uncovers the organisation and keeps the history', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const i = await instructor(c, '王建华');
    await assign(c, i, [a], '2026-03-01');
    const [row] = await must(c, 'instructors.assignments', { organizationId: a });
    expect(row.active).toBe(true);
    const early = await c.invoke('instructors.endAssignment', { assignmentId: row.id, endDate: '2026-02-01', endReason: '错' });
    expect(!early.ok && early.error.message).toMatch(/不能早于/);
    await must(c, 'instructors.endAssignment', { assignmentId: row.id, endDate: '2026-11-21', endReason: '工作调整' });
    const [after] = await must(c, 'instructors.assignments', { organizationId: a });
    expect(after).toMatchObject({ id: row.id, active: false, endDate: '2026-11-21', endReason: '工作调整' });
    expect(await uncoveredIds(c)).toEqual([a]);
    const again = await c.invoke('instructors.endAssignment', { assignmentId: row.id, endDate: '2026-11-21', endReason: '重复' });
    expect(again.ok).toBe(false);
  });

  it('dissolved and non-operating organisations leave the denominator and the lists', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const gone = await org(c, '注销公司');
    const closed = await org(c, '停业公司', { status: '注销' });
    const i = await instructor(c, '王建华');
    await assign(c, i, [a, gone, closed], '2026-01-01');
    await must(c, 'orgs.dissolve', { id: gone, kind: '注销', reason: '企业注销', date: '2026-06-01' });
    expect(await work(c)).toMatchObject({ numerator: 1, denominator: 1 });
    const overdue = (await must(c, 'coverage.overdue', {})).rows.map((r) => r.organizationId);
    expect(overdue).toEqual([a]);
    // A dissolved organisation cannot get a new assignment.
    const r = await c.invoke('instructors.assign', { instructorId: i, organizationIds: [gone], startDate: TODAY, reason: '测试', lead: true });
    expect(!r.ok && r.error.message).toMatch(/注销/);
  });

  it('an organisation that built a party org after its assignment counts once, in both rates', async () => {
    const c = core();
    const a = await org(c, '甲公司', { full: 0 });
    const i = await instructor(c, '王建华');
    await assign(c, i, [a], '2026-01-01');
    const detail = await must(c, 'orgs.get', { id: a });
    await must(c, 'orgs.save', { id: a, org: detail.org, partyOrg: { built: true, type: '党支部', formation: '单独组建' } });
    const s = await must(c, 'coverage.summary', {});
    expect(s.figures.orgCoverage).toMatchObject({ numerator: 1, denominator: 1 });
    expect(s.figures.workCoverage).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await uncoveredIds(c)).toEqual([]);
    const [row] = await must(c, 'instructors.assignments', { organizationId: a });
    expect(row).toMatchObject({ active: true, orgHasPartyOrg: true });
  });

  it('cuts by street and reports a past year as of 31 December', async () => {
    const c = core();
    const a = await org(c, '甲公司', { street: '河东街道' });
    const b = await org(c, '乙公司', { street: '河西街道' });
    const i = await instructor(c, '王建华');
    await assign(c, i, [a], '2025-03-01', '2025-12-31');
    await assign(c, i, [b], '2026-02-01');
    const now = await must(c, 'coverage.summary', { by: 'street' });
    expect(now.byStreet.map((s) => [s.street, s.figures.workCoverage.numerator])).toEqual([
      ['河东街道', 0],
      ['河西街道', 1],
    ]);
    const last = await must(c, 'coverage.summary', { year: 2025, by: 'street' });
    expect(last.asOf).toBe('2025-12-31');
    expect(last.figures.workCoverage).toMatchObject({ numerator: 1, denominator: 2 });
    expect(last.byStreet.find((s) => s.street === '河东街道')!.figures.workCoverage.numerator).toBe(1);
    expect((await c.invoke('coverage.summary', { year: 2027 })).ok).toBe(false);
  });
});

describe('走访逾期', () => {
  it('is overdue with no visit within the period; a visit under the assignment clears it', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const fresh = await org(c, '新选派公司');
    const i = await instructor(c, '王建华');
    const other = await instructor(c, '李红梅');
    await assign(c, i, [a], '2026-05-01');
    await assign(c, i, [fresh], '2026-10-01');
    let rows = (await must(c, 'coverage.overdue', {})).rows;
    expect(rows.map((r) => [r.orgName, r.dueDate, r.overdueDays])).toEqual([['甲公司', '2026-08-01', 113]]);

    // Visits before the start or by someone else do not discharge the duty.
    const visit = (instructorId: number, date: string) =>
      must(c, 'visits.save', { fields: { instructorId, organizationId: a, date, way: '上门走访', content: '了解党员情况' } });
    await visit(i, '2026-04-20');
    await visit(other, '2026-11-01');
    expect((await must(c, 'coverage.overdue', {})).rows).toHaveLength(1);

    await visit(i, '2026-10-10');
    rows = (await must(c, 'coverage.overdue', {})).rows;
    expect(rows).toEqual([]);
    const list = (await must(c, 'instructors.list', {})).rows.find((r) => r.id === i)!;
    expect(list).toMatchObject({ activeOrgs: 2, overdue: 0, visitsThisYear: 2, lastVisit: '2026-10-10' });

    // The period is a setting: monthly makes the 10 October visit 12 days overdue, the 1 October start 21 days.
    await must(c, 'instructors.saveSettings', { visitIntervalMonths: 1 });
    rows = (await must(c, 'coverage.overdue', {})).rows;
    expect(rows.map((r) => [r.orgName, r.overdueDays])).toEqual([['新选派公司', 21], ['甲公司', 12]]);
    expect((await must(c, 'coverage.overdue', {})).intervalMonths).toBe(1);
    const audit = c.ctx.db.prepare(`SELECT old_value, new_value FROM audit_log WHERE entity = 'instructor_settings'`).all();
    expect(audit).toEqual([{ old_value: '3', new_value: '1' }]);
  });

  it('a future visit date is refused', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const i = await instructor(c, '王建华');
    const r = await c.invoke('visits.save', { fields: { instructorId: i, organizationId: a, date: '2026-11-23', way: '电话', content: '电话联系' } });
    expect(!r.ok && r.error.issues?.[0].field).toBe('fields.date');
  });
});

describe('roster and assignments', () => {
  it('checks the ID number and phone, masks the ID in lists and never writes it whole into the audit', async () => {
    const c = core();
    const id = validId('13110219800101123');
    const bad = await c.invoke('instructors.save', { fields: { name: '王建华', role: '指导员', employment: '专职', status: '在岗', idCard: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), phone: '1234' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(bad.error.issues!.map((x) => x.field).sort()).toEqual(['fields.idCard', 'fields.phone']);
      expect(bad.error.message).toMatch(/校验位/);
    }
    const saved = await must(c, 'instructors.save', { fields: { name: '王建华', role: '指导员', employment: '专职', status: '在岗', idCard: id, phone: '0318-2123456' } });
    const [row] = (await must(c, 'instructors.list', {})).rows;
    expect(row.idCardMasked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(JSON.stringify(row)).not.toContain(id);
    expect((await must(c, 'instructors.get', { id: saved.id })).fields.idCard).toBe(id);
    const dup = await c.invoke('instructors.save', { fields: { name: '王建华', role: '联络员', employment: '兼职', status: '在岗', idCard: id } });
    expect(!dup.ok && dup.error.code).toBe('CONFLICT');
    await must(c, 'instructors.save', { id: saved.id, fields: { name: '王建华', role: '指导员', employment: '专职', status: '在岗', idCard: validId('13110219850505123') } });
    const audit = c.ctx.db.prepare(`SELECT group_concat(COALESCE(old_value, '') || COALESCE(new_value, '')) AS t FROM audit_log WHERE entity = 'instructor'`).get() as { t: string };
    expect(audit.t).not.toContain(id);
    expect(audit.t).toContain('**********');
  });

  it('warns on a second lead instructor and skips organisations the instructor already covers', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const b = await org(c, '乙公司');
    const i = await instructor(c, '王建华');
    const j = await instructor(c, '李红梅');
    await assign(c, i, [a], '2026-01-01');
    const warn = await c.invoke('instructors.assign', { instructorId: j, organizationIds: [a, b], startDate: TODAY, reason: '加强指导', lead: true });
    expect(!warn.ok && warn.error.issues?.[0]).toMatchObject({ warning: true });
    expect(!warn.ok && warn.error.message).toMatch(/甲公司.*王建华/);
    expect(await must(c, 'instructors.assignments', { organizationId: b })).toEqual([]); // nothing written
    const asHelper = await must(c, 'instructors.assign', { instructorId: j, organizationIds: [a, b], startDate: TODAY, reason: '加强指导', lead: false });
    expect(asHelper).toEqual({ created: 2, warnings: [] });
    const again = await must(c, 'instructors.assign', { instructorId: i, organizationIds: [a], startDate: TODAY, reason: '重复', lead: true });
    expect(again.created).toBe(0);
    expect(again.warnings[0]).toMatch(/已跳过/);
    const del = await c.invoke('instructors.delete', { id: i });
    expect(!del.ok && del.error.message).toMatch(/离任/);
  });

  it('keeps visit attachments inside the database (no file on disk) and hands them back', async () => {
    const c = core();
    const a = await org(c, '甲公司');
    const i = await instructor(c, '王建华');
    const bytes = Buffer.from('走访照片内容');
    const { id } = await must(c, 'visits.save', {
      fields: { instructorId: i, organizationId: a, date: '2026-11-20', way: '上门走访', content: '宣讲政策', problems: '党员关系未转入' },
      attachments: [{ name: '现场照片.jpg', base64: bytes.toString('base64') }],
    });
    const [v] = (await must(c, 'visits.list', { query: '党员关系' })).rows;
    expect(v).toMatchObject({ id, orgName: '甲公司', instructorName: '王建华' });
    expect(v.attachments).toHaveLength(1);
    const file = await must(c, 'visits.attachment', { id: v.attachments[0].id });
    expect(file).toMatchObject({ fileName: '现场照片.jpg', mime: 'image/jpeg' });
    expect(Buffer.from(file.base64, 'base64').equals(bytes)).toBe(true);
    expect(fs.existsSync(c.ctx.paths.attachmentsDir)).toBe(false);
    const blobs = () => c.ctx.db.prepare('SELECT COUNT(*) FROM attachment_files').pluck().get();
    expect(blobs()).toBe(1);
    expect((await must(c, 'visits.list', { way: '电话' })).rows).toEqual([]);
    await must(c, 'visits.delete', { id });
    expect(blobs()).toBe(0);
  });

  it('offers census instructor names not on the roster, or not yet assigned, and creates nobody', async () => {
    const c = core();
    expect(await must(c, 'instructors.censusNames', {})).toMatchObject({ available: false, names: [] });
    const file = { name: 'hexi-2026-utf8bom.csv', base64: fs.readFileSync(path.join(FIXTURES, 'census', 'hexi-2026-utf8bom.csv')).toString('base64') };
    const p = await must(c, 'census.preview', { file, year: 2026 });
    await must(c, 'census.commit', { previewId: p.previewId, acceptWarnings: true, exclude: [] });
    const first = await must(c, 'instructors.censusNames', {});
    expect(first).toMatchObject({ available: true, year: 2026 });
    const named = c.ctx.db.prepare(`SELECT COUNT(DISTINCT instructor) FROM census_records WHERE instructor IS NOT NULL`).pluck().get() as number;
    expect(named).toBeGreaterThan(3);
    expect(first.names).toHaveLength(named);
    expect(first.names.every((n) => n.candidates.length === 0)).toBe(true);
    expect((await must(c, 'instructors.list', {})).rows).toEqual([]);

    // Added to the roster: offered for matching until assigned to the organisation that names them.
    const target = first.names[0];
    const i = await instructor(c, target.name);
    let again = (await must(c, 'instructors.censusNames', {})).names.find((n) => n.name === target.name)!;
    expect(again.candidates.map((x) => x.id)).toEqual([i]);
    expect(again.orgs.every((o) => !o.assigned)).toBe(true);
    await assign(c, i, again.orgs.map((o) => o.id), '2026-11-01');
    expect((await must(c, 'instructors.censusNames', {})).names.map((n) => n.name)).not.toContain(target.name);

    // Two people of one name stay for the user to choose, even when one is assigned.
    const second = first.names[1];
    const a = await instructor(c, second.name, { workUnit: '区委组织部' });
    await instructor(c, second.name, { workUnit: '民政局' });
    await assign(c, a, second.orgs.map((o) => o.id), '2026-11-01');
    again = (await must(c, 'instructors.censusNames', {})).names.find((n) => n.name === second.name)!;
    expect(again.candidates).toHaveLength(2);
    expect(again.orgs.every((o) => o.assigned)).toBe(true);
  });

  it('splits census cells naming several people and drops placeholders', () => {
    expect(splitInstructorCell('王建华、李红梅（区委组织部）')).toEqual(['王建华', '李红梅']);
    expect(splitInstructorCell('无')).toEqual([]);
    expect(splitInstructorCell('张 伟;赵六')).toEqual(['张伟', '赵六']);
  });

  it('matches census names against the roster without creating anyone', async () => {
    const c = core();
    await instructor(c, '王建华', { workUnit: '区委组织部' });
    await instructor(c, '王建华', { workUnit: '民政局' });
    expect(matchInstructorByName(c.ctx.db, ' 王 建华 ')).toHaveLength(2);
    expect(matchInstructorByName(c.ctx.db, '赵六')).toEqual([]);
    expect((await must(c, 'instructors.list', {})).rows).toHaveLength(2);
  });
});

describe('sample data and documents', () => {
  it('sample data brings instructors, assignments and visits, and clearing removes them', async () => {
    const c = core();
    await must(c, 'demo.load', {});
    const roster = (await must(c, 'instructors.list', {})).rows;
    expect(roster.length).toBeGreaterThanOrEqual(10);
    expect(roster.every((r) => r.isSample)).toBe(true);
    expect((await must(c, 'visits.list', {})).rows.length).toBeGreaterThan(50);
    const s = await must(c, 'coverage.summary', {});
    expect(s.figures.workCoverage.numerator).toBeGreaterThan(s.figures.orgCoverage.numerator);
    expect((await must(c, 'coverage.uncovered', {})).rows.length).toBeGreaterThan(0);
    expect((await must(c, 'coverage.overdue', {})).rows.length).toBeGreaterThan(0);
    await must(c, 'demo.clear', {});
    const left = c.ctx.db.prepare('SELECT (SELECT COUNT(*) FROM instructors) + (SELECT COUNT(*) FROM instructor_assignments) + (SELECT COUNT(*) FROM instructor_visits) AS n').get() as { n: number };
    expect(left.n).toBe(0);
  });

  it('exports the notice with the next 发文字号, the roster and a visit summary as .docx', async () => {
    const c = core();
    const a = await org(c, '衡水恒泰机械有限公司');
    const i = await instructor(c, '王建华', { workUnit: '区委组织部', idCard: validId('13110219800101123') });
    await assign(c, i, [a], '2026-09-01');
    await must(c, 'visits.save', { fields: { instructorId: i, organizationId: a, date: '2026-10-12', way: '上门走访', content: '宣讲发展党员流程' } });
    const text = (b64: string) => strFromU8(unzipSync(Buffer.from(b64, 'base64'))['word/document.xml']).replace(/<[^>]+>/g, '');

    const notice = await must(c, 'instructors.exportNotice', {});
    expect(notice.fileName).toMatch(/选派通知.*〔2026〕1号.*\.docx$/);
    const n = text(notice.base64);
    for (const s of ['关于选派党建工作指导员的通知', '王建华', '衡水恒泰机械有限公司', '〔2026〕1号', '选派名单']) expect(n).toContain(s);
    expect((await must(c, 'instructors.exportNotice', {})).fileName).toContain('〔2026〕2号');

    const roster = text((await must(c, 'instructors.exportRoster', {})).base64);
    expect(roster).toContain('花名册');
    expect(roster).toContain('1311**********');
    expect(roster).not.toContain('131102198001011');

    const visits = text((await must(c, 'instructors.exportVisits', { instructorId: i, from: '2026-01-01', to: TODAY })).base64);
    expect(visits).toContain('宣讲发展党员流程');
    const none = await c.invoke('instructors.exportVisits', { instructorId: i, from: '2025-01-01', to: '2025-12-31' });
    expect(!none.ok && none.error.message).toMatch(/没有走访记录/);
  });
});
