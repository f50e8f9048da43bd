import type { CensusField } from '../../../shared/contract/census';

/**
 * Header words seen in the wild for each field (census-import.md, domain.md and real 台账 forms). First = the
 * office's own header. `甲+乙` means: the header path holds both words (企业出资人情况 / 是否是党员).
 */
export const ALIASES: Record<CensusField, string[]> = {
  seq: ['序号', '编号', '序'],
  name: ['企业（社会组织）名称', '企业名称', '单位名称', '组织名称', '社会组织名称', '名称', '企业(社会组织)名称', '单位全称', '企业(单位)名称', '机构名称'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '组织机构代码', '工商注册号', '注册号', '代码'],
  category: ['组织类别', '企业类型', '单位性质', '企业性质', '社会组织性质', '社会组织类别', '经济类型', '经济性质', '登记注册类型', '单位类型', '组织性质', '类别', '类型'],
  industry: ['所属行业', '行业', '行业类别', '行业分类'],
  street: ['所在街道（乡镇）', '所在街道', '所属街道', '乡镇（街道）', '街道（乡镇）', '所在乡镇', '属地', '街道', '乡镇'],
  park: ['所在园区/楼宇', '园区楼宇', '所在园区', '园区', '楼宇', '商圈楼宇', '所在园区、商务楼宇名称'],
  address: ['详细地址', '地址', '注册地址', '经营地址', '办公地址', '住所', '企业注册地'],
  legalRep: ['法定代表人（负责人）', '法定代表人', '法人代表', '负责人', '主要负责人', '法人'],
  phone: ['联系电话', '电话', '联系方式', '手机'],
  employees: ['从业人员数', '从业人员', '职工人数', '员工人数', '在职人数', '职工数', '员工数'],
  fullMembers: ['正式党员数', '正式党员', '党员数', '党员人数', '党员'],
  probationaryMembers: ['预备党员数', '预备党员'],
  partyOrgBuilt: ['是否建立党组织', '是否组建党组织', '已建立党组织', '党组织建立情况', '是否建立', '是否建有党组织', '是否成立党组织'],
  partyOrgType: ['党组织类型', '党组织类别', '组织类型', '党组织形式'],
  formation: ['组建方式', '组建形式', '建立方式', '党组织组建形式', '党组织组建方式'],
  secretaryName: ['党组织书记', '书记姓名', '书记', '党组织书记姓名'],
  instructor: ['党建指导员', '党建工作指导员', '指导员', '联络员', '党建工作联络员'],
  foundedOn: ['党组织成立时间', '成立时间', '建立时间', '组建时间', '党组织成立日期', '党组织建立时间'],
  operatingStatus: ['经营状态', '生产经营情况', '登记状态', '状态', '经营情况'],
  notes: ['备注', '说明'],
  partyOrgName: ['党组织名称', '党组织全称', '支部名称', '党支部名称'],
  registrationNo: ['登记证号', '登记证书号', '登记证编号', '社会组织登记证号', '登记证书编号'],
  superiorOrg: ['上级党组织', '上级党组织名称', '隶属党组织', '所属上级党组织', '党组织所隶属上级党组织', '上级党委'],
  unbuiltReason: ['未建党组织原因', '未建立党组织原因', '未成立党组织原因', '未组建党组织原因', '未建原因'],
  investorIsMember: ['出资人是否党员', '负责人是否党员', '出资人+是否+党员', '负责人+是否+党员', '法定代表人+是否+党员'],
};

/** Header text → comparison key: NFKC (︵︶ → ()), no spaces/line breaks/`*`/colons, no unit suffix like （人）(万元)㎡. */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s*:：]/g, '')
    .replace(/\((人|个|万元|元|名|户|家|年|月|日|次|%|m2|m²|平方米)\)$/, '')
    .replace(/单位[:：]?(人|个|万元)$/, '');
}

/** A looser key: also without bracketed notes (（是、否）［…］) and slashes, so 所在街道（乡镇） ~ 所在街道. */
const bareKey = (k: string) => k.replace(/\([^)]*\)|\[[^\]]*\]/g, '').replace(/[/、]/g, '');

/** Leaves that mean nothing alone: under 党务副书记, 人数 is not 从业人员数. They are matched with their parent. */
const GENERIC_LEAF = /^(人数|姓名|名称|总数|数量|合计|小计|时间|日期|类型|类别|其他|专职|兼职|情况|是否|编号|代码|面积|金额|其中|数额|次数|说明)$/;
/** What may be left over when a header is a shorter form of an alias (街道 ~ 所在街道, 从业人员 ~ 从业人员数). */
const FILLER = /^(所在|所属|数|人数|名称|全称|情况)$/;
/** Words before an alias that name the organisation itself, not a narrower kind (企业联系电话 is the 联系电话). */
const NEUTRAL_PREFIX = /^(企业|单位|社会组织|组织|机构|本单位|所在|所属|现|企业\(社会组织\)|企业\(单位\))$/;

const ALIAS_KEYS = Object.fromEntries(
  Object.entries(ALIASES).map(([f, list]) => [f, list.map((a) => bareKey(headerKey(a)))]),
) as Record<CensusField, string[]>;

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient of character bigrams, 0…1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const pool = [...y];
  let hits = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      hits++;
      pool.splice(i, 1);
    }
  }
  return (2 * hits) / (x.length + y.length);
}

/** One column's header as a path of distinct texts: group / field / option. */
export interface HeaderPath {
  parts: string[];
}

/** How a header fits a field. `weak`: short containment or similarity — it counts only when the values fit. */
export interface HeaderMatch {
  field: CensusField;
  score: number;
  weak: boolean;
  /** The alias it matched, as written in ALIASES. */
  alias: string;
  how: 'exact' | 'contains' | 'words' | 'similar';
}

/** The keys a column is known by: its leaf (unless generic), its leaf with the parent, the whole path. */
export function pathKeys(parts: string[]): string[] {
  const keys = parts.map((p) => bareKey(headerKey(p))).filter(Boolean);
  if (!keys.length) return [];
  const leaf = keys[keys.length - 1];
  const out: string[] = [];
  if (keys.length === 1 || !(GENERIC_LEAF.test(leaf) || leaf.length <= 1)) out.push(leaf);
  if (keys.length >= 2) out.push(keys[keys.length - 2] + leaf);
  if (keys.length >= 3) out.push(keys.join(''));
  return [...new Set(out)];
}

function matchKey(k: string, alias: string, aliasText: string, field: CensusField, rank: number): HeaderMatch | null {
  const bonus = -rank * 0.1; // earlier aliases win ties (正式党员 over 党员数)
  if (alias.includes('+')) {
    const words = alias.split('+');
    return words.every((w) => k.includes(w)) ? { field, score: 90 + bonus, weak: false, alias: aliasText, how: 'words' } : null;
  }
  if (k === alias) return { field, score: 100 + bonus, weak: false, alias: aliasText, how: 'exact' };
  if (k.includes(alias) && alias.length >= 2) {
    const ratio = alias.length / k.length;
    // 属地 in 所属地市, 代码 in 党组织代码: a short word inside a longer header says little by itself. And words
    // before the alias narrow it (农村党员数, 党组织联系电话 are kinds of 党员数, 联系电话), words after it only note.
    const prefix = k.slice(0, k.indexOf(alias));
    const weak = !((alias.length >= 3 && ratio >= 0.5) || (alias.length >= 5 && ratio >= 0.4)) || (prefix !== '' && !NEUTRAL_PREFIX.test(prefix));
    return { field, score: (weak ? 55 : 70) + 20 * ratio + bonus, weak, alias: aliasText, how: 'contains' };
  }
  if (alias.includes(k) && k.length >= 2) {
    // A header shorter than the alias only counts when what it lacks is a filler word (成立日期 is not 党组织成立日期).
    const rest = alias.startsWith(k) ? alias.slice(k.length) : alias.endsWith(k) ? alias.slice(0, alias.length - k.length) : null;
    return rest !== null && FILLER.test(rest) ? { field, score: 70 + 20 * (k.length / alias.length) + bonus, weak: false, alias: aliasText, how: 'contains' } : null;
  }
  if (k.length >= 3 && alias.length >= 3) {
    const s = similarity(k, alias);
    if (s >= 0.5) return { field, score: 50 * s + bonus, weak: true, alias: aliasText, how: 'similar' };
  }
  return null;
}

/** The best way a header path fits a field, or null. */
export function matchField(parts: string[], field: CensusField): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const keys = pathKeys(parts);
  ALIAS_KEYS[field].forEach((alias, rank) => {
    for (const k of keys) {
      const m = matchKey(k, alias, ALIASES[field][rank], field, rank);
      // A strong match beats any weak one; then the higher score.
      if (m && (!best || (best.weak && !m.weak) || (best.weak === m.weak && m.score > best.score))) best = m;
    }
  });
  return best;
}

/** Every field a header path could be, best first. */
export function matchesOf(parts: string[]): HeaderMatch[] {
  const out: HeaderMatch[] = [];
  for (const field of Object.keys(ALIASES) as CensusField[]) {
    const m = matchField(parts, field);
    if (m) out.push(m);
  }
  return out.sort((a, b) => Number(a.weak) - Number(b.weak) || b.score - a.score);
}

/** Headers of a list of people (a roster of party members), not of organisations. */
const PERSON_HEADERS = new Set(['姓名', '性别', '民族', '出生年月', '出生日期', '身份证号', '身份证号码', '公民身份号码', '入党时间', '入党日期', '转正时间', '籍贯', '学历', '年龄', '参加工作时间', '政治面貌', '职称', '正式/预备党员', '人员类别', '党员类别', '毕业院校']);
export const isPersonHeader = (text: string) => PERSON_HEADERS.has(headerKey(text));

/** How header-like a row is: the number of cells that name some field strongly (or a person's attribute). */
export function headerRowScore(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (!c || c.length > 40) continue;
    if (isPersonHeader(c) || matchesOf([c]).some((m) => !m.weak && m.score >= 60)) n++;
  }
  return n;
}
