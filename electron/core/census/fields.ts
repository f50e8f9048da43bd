import type { CensusField, CensusMapping } from '../../../shared/contract/census';

/** Header words seen in the wild for each field (census-import.md and domain.md). First = the office's own header. */
export const ALIASES: Record<CensusField, string[]> = {
  seq: ['序号', '编号', '序'],
  name: ['企业（社会组织）名称', '企业名称', '单位名称', '组织名称', '社会组织名称', '名称', '企业(社会组织)名称', '单位全称'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '组织机构代码', '代码'],
  category: ['组织类别', '类别', '类型', '单位类型', '组织性质'],
  industry: ['所属行业', '行业', '行业类别', '行业分类'],
  street: ['所在街道（乡镇）', '所在街道', '所属街道', '乡镇（街道）', '街道（乡镇）', '属地', '街道', '乡镇'],
  park: ['所在园区/楼宇', '园区楼宇', '所在园区', '园区', '楼宇', '商圈楼宇'],
  address: ['详细地址', '地址', '注册地址', '经营地址', '办公地址'],
  legalRep: ['法定代表人（负责人）', '法定代表人', '法人代表', '负责人', '主要负责人', '法人'],
  phone: ['联系电话', '电话', '联系方式', '手机'],
  employees: ['从业人员数', '从业人员', '职工人数', '员工人数', '在职人数', '职工数', '员工数'],
  fullMembers: ['正式党员数', '正式党员', '党员数', '党员人数', '党员'],
  probationaryMembers: ['预备党员数', '预备党员'],
  partyOrgBuilt: ['是否建立党组织', '是否组建党组织', '已建立党组织', '党组织建立情况', '是否建立', '是否建有党组织'],
  partyOrgType: ['党组织类型', '党组织类别', '组织类型', '党组织形式'],
  formation: ['组建方式', '组建形式', '建立方式'],
  secretaryName: ['党组织书记', '书记姓名', '书记'],
  instructor: ['党建指导员', '党建工作指导员', '指导员', '联络员'],
  foundedOn: ['党组织成立时间', '成立时间', '建立时间', '组建时间', '党组织成立日期'],
  operatingStatus: ['经营状态', '生产经营情况', '登记状态', '状态', '经营情况'],
  notes: ['备注', '说明'],
};

/** Header text → comparison key: NFKC, no spaces/line breaks/`*`/colons, no unit suffix like （人）(万元). */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s*:：]/g, '')
    .replace(/\((人|个|万元|元|名|户|家|年|月|日|%)\)$/, '')
    .replace(/单位[:：]?(人|个|万元)$/, '');
}

/** A looser key: also without bracketed parts and slashes, so 所在街道（乡镇） ~ 所在街道. */
const bareKey = (k: string) => k.replace(/\([^)]*\)/g, '').replace(/[/、]/g, '');

const ALIAS_KEYS = Object.fromEntries(
  Object.entries(ALIASES).map(([f, list]) => [f, list.map((a) => headerKey(a))]),
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

/** How well one header (its leaf text, and the full 父/子 text) fits a field: 0 = not at all, 100 = exact alias. */
export function fieldScore(leaf: string, full: string, field: CensusField): number {
  const keys = [headerKey(leaf), headerKey(full)].filter(Boolean);
  let best = 0;
  ALIAS_KEYS[field].forEach((alias, rank) => {
    for (const k of keys) {
      const rankBonus = -rank * 0.1; // earlier aliases win ties (正式党员 over 党员数)
      if (k === alias || bareKey(k) === bareKey(alias)) best = Math.max(best, 100 + rankBonus);
      else if (k.length <= 24 && alias.length >= 2 && (k.includes(alias) || alias.includes(k)) && k.length >= 2) {
        best = Math.max(best, 60 + 20 * (Math.min(k.length, alias.length) / Math.max(k.length, alias.length)) + rankBonus);
      } else {
        const s = similarity(bareKey(k), bareKey(alias));
        if (s >= 0.5) best = Math.max(best, 50 * s + rankBonus);
      }
    }
  });
  return best;
}

export const MIN_SCORE = 25;

/** Maps columns to fields: the best pairs first, each field and column used once. */
export function autoMapping(headers: { leaf: string; full: string }[]): CensusMapping {
  const pairs: { col: number; field: CensusField; score: number }[] = [];
  headers.forEach((h, col) => {
    if (!h.full) return;
    for (const field of Object.keys(ALIASES) as CensusField[]) {
      const score = fieldScore(h.leaf, h.full, field);
      if (score >= MIN_SCORE) pairs.push({ col, field, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const mapping: CensusMapping = {};
  const usedCols = new Set<number>();
  for (const p of pairs) {
    if (mapping[p.field] !== undefined || usedCols.has(p.col)) continue;
    mapping[p.field] = p.col;
    usedCols.add(p.col);
  }
  return mapping;
}

/** How header-like a row is: the number of cells that fit some field well. */
export function headerRowScore(cells: string[]): number {
  let n = 0;
  for (const c of cells) {
    if (!c || c.length > 24) continue;
    let best = 0;
    for (const field of Object.keys(ALIASES) as CensusField[]) best = Math.max(best, fieldScore(c, c, field));
    if (best >= 60) n++;
  }
  return n;
}
