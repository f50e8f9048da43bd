import { addYears } from '../../../shared/domain/rules';
import { recordAudit } from '../audit/audit';
import type { CoreContext } from '../context';
import { nameInitials } from '../orgs/initials';
import { writePartyOrg } from '../orgs/service';
import { clearInstructorDemo, loadInstructorDemo } from '../instructors/demo';
import { clearDebriefingDemo, loadDebriefingDemo } from '../debriefing/demo';
import { clearHonoursDemo, loadHonoursDemo } from '../honours/demo';
import { loadCensusDemo } from '../census/demo';
import { seededRandom, type Random } from './random';
import { makeUscc } from './uscc';

export const DEMO_STREETS = ['河东街道', '河西街道', '路北街道', '中华街道', '郑家河沿镇', '赵家圈镇', '邓庄镇', '何家庄乡', '大麻森乡', '彭杜乡'];
const PARKS = ['桃城区高新技术产业园', '衡水电商产业园', '金鼎商务大厦', '人民路商圈', '滏阳物流园'];
/** The words sample organisations' names are made of (a proof-reader keeps them whole across lines). */
export const DEMO_WORDS = ['恒泰', '华信', '盛世', '汇丰', '宏远', '诚信', '东方', '绿源', '蓝天', '嘉禾', '瑞达', '中科', '金诺', '鑫源', '泰和', '博远', '安澜', '聚力', '天成', '同创', '兴业', '永盛', '新桥', '明德'];
export const DEMO_TRADES: [string, string][] = [
  ['机械', '制造业'],
  ['橡塑', '制造业'],
  ['电子', '制造业'],
  ['软件', '信息传输、软件和信息技术服务业'],
  ['网络科技', '信息传输、软件和信息技术服务业'],
  ['物流', '交通运输、仓储和邮政业'],
  ['商贸', '批发和零售业'],
  ['医药', '批发和零售业'],
  ['酒店管理', '住宿和餐饮业'],
  ['建筑工程', '建筑业'],
  ['企业管理咨询', '租赁和商务服务业'],
  ['房地产开发', '房地产业'],
];
export const DEMO_SUFFIXES = ['有限公司', '有限责任公司', '股份有限公司'];
const SOCIAL: [string, string][] = [
  ['个体劳动者协会', '社会团体'],
  ['物流商会', '社会团体'],
  ['诚信志愿者协会', '社会团体'],
  ['社会工作服务中心', '社会服务机构'],
  ['养老服务中心', '社会服务机构'],
  ['培训学校', '社会服务机构'],
  ['慈善基金会', '基金会'],
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '志强', '秀英', '丽华', '海涛', '晓明', '春梅', '国栋', '立新', '文静', '玉兰', '振华', '小军', '红霞'];

const person = (r: Random) => r.pick([...SURNAMES]) + r.pick(GIVEN);
const phone = (r: Random) => `13${r.int(0, 9)}${String(r.int(0, 99999999)).padStart(8, '0')}`;

/** Fills the database with ~300 realistic sample organisations, marked as sample. */
export function loadDemo(ctx: CoreContext, count = 300, seed = 2026): { organizations: number } {
  const { db } = ctx;
  const r = seededRandom(seed);
  const now = ctx.clock.now().toISOString();
  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  const insertOrg = db.prepare(
    `INSERT INTO organizations (category, name, uscc, industry, street, park, address, legal_rep, phone, employees,
       operating_status, notes, name_initials, is_sample, created_at, updated_at)
     VALUES (@category, @name, @uscc, @industry, @street, @park, @address, @legalRep, @phone, @employees,
       @operatingStatus, NULL, @initials, 1, @now, @now)`,
  );
  const insertMembers = db.prepare('INSERT OR REPLACE INTO member_counts (organization_id, year, full_members, probationary_members) VALUES (?, ?, ?, ?)');
  const usedNames = new Set((db.prepare('SELECT name FROM organizations').all() as { name: string }[]).map((x) => x.name));
  let created = 0;
  db.transaction(() => {
    for (let i = 0; i < count * 3 && created < count; i++) {
      const social = r.chance(0.18);
      const street = r.pick(DEMO_STREETS);
      let name: string, industry: string;
      if (social) {
        const [kind, ind] = r.pick(SOCIAL);
        name = `桃城区${r.pick(DEMO_WORDS)}${kind}`;
        industry = ind;
      } else {
        const [trade, ind] = r.pick(DEMO_TRADES);
        name = `衡水${r.pick(DEMO_WORDS)}${trade}${r.pick(DEMO_SUFFIXES)}`;
        industry = ind;
      }
      // Large benchmark sets run out of distinct names: number the branches then.
      if (usedNames.has(name) && count > 1000) name = name.replace(/(有限公司|有限责任公司|股份有限公司|协会|商会|中心|学校|基金会)$/, `$1第${i}分公司`);
      if (usedNames.has(name)) continue;
      usedNames.add(name);
      const employees = social ? r.int(2, 60) : Math.round(Math.exp(r.next() * 6.5)) + 2;
      const full = memberCount(r, employees);
      const probationary = full > 0 && r.chance(0.3) ? r.int(1, Math.max(1, Math.round(full / 5))) : 0;
      const status = r.chance(0.9) ? '在营' : r.pick(['停业', '歇业', '失联', '注销']);
      const id = Number(
        insertOrg.run({
          category: social ? 'social' : 'enterprise',
          name,
          uscc: makeUscc(r, social ? '5' : '9', social ? r.pick(['1', '2', '3']) : '1'),
          industry,
          street,
          park: !social && r.chance(0.35) ? r.pick(PARKS) : null,
          address: `衡水市桃城区${street}${r.pick(['人民路', '胜利路', '永兴路', '育才街', '新华路', '中华大街'])}${r.int(1, 999)}号`,
          legalRep: person(r),
          phone: phone(r),
          employees,
          operatingStatus: status,
          initials: nameInitials(name),
          now,
        }).lastInsertRowid,
      );
      insertMembers.run(id, year, full, probationary);
      if (r.chance(0.85)) insertMembers.run(id, year - 1, Math.max(0, full + r.int(-2, 1)), r.int(0, 1));
      writePartyOrg(db, id, partyOrgFor(r, name, full, today));
      created++;
    }
    loadInstructorDemo(ctx, seed);
    loadDebriefingDemo(ctx, seed);
    loadHonoursDemo(ctx, seed);
    loadCensusDemo(ctx);
    recordAudit(db, { at: now, actor: ctx.actor, action: 'demo.load', entity: 'sample', entityId: null, entityLabel: `载入示例数据 ${created} 个组织` });
  })();
  ctx.emit('data.changed', { entity: 'organization' });
  return { organizations: created };
}

function memberCount(r: Random, employees: number): number {
  const roll = r.next();
  if (roll < 0.22) return 0;
  if (roll < 0.42) return r.int(1, 2);
  return Math.min(employees, Math.round(r.int(3, 12) * (employees > 200 ? r.int(2, 12) : 1)));
}

function partyOrgFor(r: Random, orgName: string, full: number, today: string) {
  // Most orgs that should build have built; a realistic share has not (应建未建).
  const builds = full >= 3 ? r.chance(0.78) : full >= 1 ? r.chance(0.45) : r.chance(0.05);
  if (!builds) {
    return { built: false, notBuiltReason: full >= 3 ? r.pick(['正在筹建', '党员组织关系未转入', '企业负责人重视不够']) : null };
  }
  const joint = full < 3 || r.chance(0.1);
  // A few orgs keep an old type after growing: the 类型不符 flag has something to show.
  const type = joint ? '联合党支部' : full >= 100 && r.chance(0.8) ? '党委' : full >= 50 && r.chance(0.8) ? '党总支' : '党支部';
  const years = type === '党委' ? 5 : 3;
  // Terms started 0–(years−1) years and up to a year ago: some end soon, a few have ended.
  const yearsAgo = addYears(today, -r.int(0, years - 1));
  const shifted = new Date(Date.parse(yearsAgo + 'T00:00:00Z') - r.int(0, 360) * 86_400_000).toISOString().slice(0, 10);
  return {
    built: true,
    type: type as '党委' | '党总支' | '党支部' | '联合党支部',
    formation: (joint ? '联合组建' : '单独组建') as '联合组建' | '单独组建',
    name: joint ? `${orgName.slice(2, 4)}联合党支部` : `${orgName}${type === '党委' ? '委员会' : type === '党总支' ? '总支部委员会' : '支部委员会'}`,
    foundedOn: addYears(shifted, -r.int(0, 8)),
    secretaryName: person(r),
    secretarySource: r.pick(['出资人', '中层管理人员', '上级选派', '其他'] as const),
    termStart: shifted,
    termEnd: addYears(shifted, years),
    superiorOrg: '中共衡水市桃城区两新组织工作委员会',
  };
}

/** Removes every sample organisation (and, through cascades, its party org and member counts). */
export function clearDemo(ctx: CoreContext): { removed: number } {
  const { db } = ctx;
  const now = ctx.clock.now().toISOString();
  const removed = db.transaction(() => {
    clearInstructorDemo(ctx);
    clearDebriefingDemo(ctx);
    clearHonoursDemo(ctx);
    const n = db.prepare('DELETE FROM organizations WHERE is_sample = 1').run().changes;
    recordAudit(db, { at: now, actor: ctx.actor, action: 'demo.clear', entity: 'sample', entityId: null, entityLabel: `清除示例数据 ${n} 个组织` });
    return n;
  })();
  ctx.emit('data.changed', { entity: 'organization' });
  return { removed };
}
